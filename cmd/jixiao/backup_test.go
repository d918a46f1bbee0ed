package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"jixiao/example"
	"jixiao/internal/testdb"
)

// backup writes a copy that the other commands read like the original:
// the example's export from the backup is the original's, byte for byte,
// and the copy's audit trail verifies. A missing database, a missing -o,
// an existing target without --force and PostgreSQL are refused.
func TestBackupCommand(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "jixiao.db")
	src := writeFile(t, example.Name, example.Laoting)
	if code, _, errs := jx(t, "import", "--db", db, src); code != 0 {
		t.Fatalf("import: %s", errs)
	}
	copyPath := filepath.Join(dir, "jixiao-备份.db")
	code, out, errs := jx(t, "backup", "--db", db, "-o", copyPath)
	if code != 0 || !strings.Contains(out, "已备份到 "+copyPath) || !strings.Contains(out, "文档 1 份") || !strings.Contains(out, "校验完好") {
		t.Fatalf("backup: %d %q %q", code, out, errs)
	}
	_, orig, _ := jx(t, "export", "--db", db, "--format", "json")
	_, copied, _ := jx(t, "export", "--db", copyPath, "--format", "json")
	if orig == "" || orig != copied {
		t.Fatal("the backup exports differently from the original")
	}
	if code, out, _ := jx(t, "audit", "verify", "--db", copyPath); code != 0 || !strings.Contains(out, "完好") {
		t.Fatalf("audit verify of the backup: %d %q", code, out)
	}

	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"backup", "--db", db, "-o", copyPath}, "已存在"},
		{[]string{"backup", "--db", db}, "-o"},
		{[]string{"backup", "--db", filepath.Join(dir, "无.db"), "-o", filepath.Join(dir, "b.db")}, "不存在"},
	} {
		if code, _, errs := jx(t, c.args...); code == 0 || !strings.Contains(errs, c.want) {
			t.Errorf("%v: %d %q, want an error with %q", c.args, code, errs, c.want)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "无.db")); !os.IsNotExist(err) {
		t.Error("backing up a missing database created it")
	}
	if code, out, _ := jx(t, "backup", "--db", db, "-o", copyPath, "--force"); code != 0 || !strings.Contains(out, "文档 1 份") {
		t.Errorf("backup --force: %d %q", code, out)
	}

	testdb.Each(t, func(t *testing.T, e testdb.Engine) {
		if e.Name != "postgres" {
			return
		}
		if code, _, errs := jx(t, "backup", "--postgres", e.Postgres, "-o", filepath.Join(dir, "pg.db")); code == 0 || !strings.Contains(errs, "pg_dump") {
			t.Errorf("backup on PostgreSQL: %d %q", code, errs)
		}
	})
}
