package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"jixiao/example"
	"jixiao/internal/testdb"
	"jixiao/store"
)

// jx runs the CLI in-process and returns exit code, stdout and stderr.
func jx(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(args, strings.NewReader(""), &out, &errb)
	return code, out.String(), errb.String()
}

// dbArgs selects the engine's database on the command line.
func dbArgs(e testdb.Engine) []string {
	if e.Name == "postgres" {
		return []string{"--postgres", e.Postgres}
	}
	return []string{"--db", e.SQLite}
}

func writeFile(t *testing.T, name string, data []byte) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func counts(t *testing.T, e testdb.Engine) map[string]int64 {
	t.Helper()
	st, err := store.Open(context.Background(), store.Config{SQLite: e.SQLite, Postgres: e.Postgres})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	c, err := st.Counts(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestImportExportRoundTrip(t *testing.T) {
	src := writeFile(t, example.Name, example.Laoting)
	testdb.Each(t, func(t *testing.T, e testdb.Engine) {
		code, out, errs := jx(t, append([]string{"import"}, append(dbArgs(e), src)...)...)
		if code != 0 || !strings.Contains(out, "11 个项目，77 个指标，预算 814.86 万元（新建）") {
			t.Fatalf("import: %d %q %q", code, out, errs)
		}
		first := filepath.Join(t.TempDir(), "a.json")
		if code, _, errs := jx(t, append([]string{"export", "--format", "json", "-o", first}, dbArgs(e)...)...); code != 0 {
			t.Fatalf("export: %s", errs)
		}
		// Into a fresh database of each engine, and out again.
		testdb.Each(t, func(t *testing.T, fresh testdb.Engine) {
			if code, _, errs := jx(t, append([]string{"import"}, append(dbArgs(fresh), first)...)...); code != 0 {
				t.Fatalf("re-import: %s", errs)
			}
			code, second, errs := jx(t, append([]string{"export", "--unit", "414001", "--year", "2024"}, dbArgs(fresh)...)...)
			if code != 0 {
				t.Fatalf("export: %s", errs)
			}
			want, _ := os.ReadFile(first)
			if second != string(want) {
				t.Fatal("export → import → export is not byte-identical")
			}
		})
		// Importing the same document again changes nothing and says so.
		code, out, _ = jx(t, append([]string{"import"}, append(dbArgs(e), src)...)...)
		if code != 0 || !strings.Contains(out, "未变化") {
			t.Fatalf("re-import of the same text: %d %q", code, out)
		}
	})
}

func TestBadInputChangesNothing(t *testing.T) {
	src := writeFile(t, example.Name, example.Laoting)
	cut := example.Laoting[:bytes.Index(example.Laoting, []byte("一级指标"))+200]
	bad := map[string]struct {
		data []byte
		want string
	}{
		"empty.txt":     {nil, "文件为空"},
		"binary.bin":    {[]byte{0x50, 0x4b, 0x03, 0x04, 0, 0, 0xff, 0xfe, 1, 2, 3}, "二进制"},
		"cut-2024.txt":  {cut, "cut-2024.txt"},
		"other.json":    {[]byte(`{"format":"other/v2","documents":[]}`), "不受支持"},
		"array.json":    {[]byte(`[1,2,3]`), "不是 jixiao/v1"},
		"huge-2024.txt": {bytes.Repeat([]byte("项目编码\n"), (20<<20)/12+10), "超过上限 20 MB"},
	}
	testdb.Each(t, func(t *testing.T, e testdb.Engine) {
		if code, _, errs := jx(t, append([]string{"import"}, append(dbArgs(e), src)...)...); code != 0 {
			t.Fatal(errs)
		}
		before := counts(t, e)
		for name, c := range bad {
			p := writeFile(t, name, c.data)
			// A bad file beside a good one: nothing at all is stored.
			code, out, errs := jx(t, append([]string{"import"}, append(dbArgs(e), src, p)...)...)
			if code == 0 || out != "" || !strings.Contains(errs, c.want) {
				t.Errorf("%s: exit %d, stdout %q, stderr %q; want failure mentioning %q", name, code, out, errs, c.want)
			}
			if after := counts(t, e); !reflect.DeepEqual(before, after) {
				t.Errorf("%s changed the database: %v → %v", name, before, after)
			}
		}
	})
}

func TestReviewCommand(t *testing.T) {
	src := writeFile(t, example.Name, example.Laoting)
	db := filepath.Join(t.TempDir(), "j.db")
	if code, _, errs := jx(t, "import", "--db", db, src); code != 0 {
		t.Fatal(errs)
	}
	code, out, errs := jx(t, "review", "--db", db, "--format", "json")
	if code != exitOK {
		t.Fatalf("the example has warnings but no errors: exit %d %s", code, errs)
	}
	var r struct {
		Findings []struct {
			Rule, Severity, Project string
			Indicator               *int
			Message, Fix, Basis     string
		}
		Projects []struct {
			Code, Grade      string
			Errors, Warnings int
		}
	}
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatal(err)
	}
	if len(r.Projects) != 11 || len(r.Findings) == 0 {
		t.Fatalf("%d projects, %d findings", len(r.Projects), len(r.Findings))
	}
	// A document with an error (the budget split does not add up) exits 1.
	broken := bytes.Replace(example.Laoting, []byte("\t其中：财政    资金\n\t10.36"), []byte("\t其中：财政    资金\n\t9.36"), 1)
	db2 := filepath.Join(t.TempDir(), "k.db")
	if code, _, errs := jx(t, "import", "--db", db2, writeFile(t, "broken-2024.txt", broken)); code != 0 {
		t.Fatal(errs)
	}
	if code, out, _ := jx(t, "review", "--db", db2); code != exitFinding || !strings.Contains(out, "G13") {
		t.Fatalf("exit %d, want 1 with a G13 finding:\n%s", code, out)
	}
	if code, _, errs := jx(t, "review", "--db", db2, "--unit", "999"); code != exitFail || !strings.Contains(errs, "没有找到") {
		t.Fatalf("unknown unit: exit %d %q", code, errs)
	}
}

func TestHelpOnEveryCommand(t *testing.T) {
	for _, c := range commands {
		code, out, errs := jx(t, c.name, "--help")
		if code != 0 || !strings.Contains(out, "用法: jixiao "+c.name) || strings.Count(out, "用法:") != 1 || errs != "" {
			t.Errorf("%s --help: exit %d, stdout %q, stderr %q", c.name, code, out, errs)
		}
	}
	// A mistake is said once, on standard error, with the usage.
	if code, out, errs := jx(t, "export", "--nosuch"); code != exitFail || out != "" ||
		!strings.Contains(errs, "nosuch") || strings.Count(errs, "用法: jixiao export") != 1 {
		t.Errorf("bad flag: exit %d, stdout %q, stderr %q", code, out, errs)
	}
	if code, _, errs := jx(t, "nosuch"); code != exitFail || !strings.Contains(errs, "未知命令") {
		t.Errorf("unknown command: %d %q", code, errs)
	}
}

func TestServeLoadsExampleOnlyIntoEmptyDatabase(t *testing.T) {
	ctx := context.Background()
	st, err := store.Open(ctx, store.Config{SQLite: filepath.Join(t.TempDir(), "s.db")})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	for i := 0; i < 2; i++ {
		if err := loadExample(ctx, st); err != nil {
			t.Fatal(err)
		}
	}
	sums, err := st.Documents(ctx)
	if err != nil || len(sums) != 1 || sums[0].Budget != 814_860_000 || sums[0].Version != 1 {
		t.Fatalf("%+v %v", sums, err)
	}
}
