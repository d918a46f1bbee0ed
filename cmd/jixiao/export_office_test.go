package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"jixiao/example"
	"jixiao/internal/testdb"
)

// Word and Excel exports import again, detected by content, and give the
// same JSON as the original.
func TestExportOfficeRoundTrip(t *testing.T) {
	src := writeFile(t, example.Name, example.Laoting)
	testdb.Each(t, func(t *testing.T, e testdb.Engine) {
		if code, _, errs := jx(t, append([]string{"import"}, append(dbArgs(e), src)...)...); code != 0 {
			t.Fatalf("import: %s", errs)
		}
		code, want, errs := jx(t, append([]string{"export", "--unit", "414001", "--year", "2024"}, dbArgs(e)...)...)
		if code != 0 {
			t.Fatalf("export json: %s", errs)
		}
		for _, format := range []string{"docx", "xlsx"} {
			file := filepath.Join(t.TempDir(), "目标."+format+".bin") // the name does not decide the format
			if code, _, errs := jx(t, append([]string{"export", "--format", format, "--unit", "414001", "--year", "2024", "-o", file}, dbArgs(e)...)...); code != 0 {
				t.Fatalf("export %s: %s", format, errs)
			}
			fresh := testdb.Engine{Name: "sqlite", SQLite: filepath.Join(t.TempDir(), "fresh.db")}
			if code, _, errs := jx(t, append([]string{"import"}, append(dbArgs(fresh), file)...)...); code != 0 {
				t.Fatalf("import %s: %s", format, errs)
			}
			code, got, errs := jx(t, append([]string{"export", "--unit", "414001", "--year", "2024"}, dbArgs(fresh)...)...)
			if code != 0 || got != want {
				t.Fatalf("%s: export → import → export differs (%s)", format, errs)
			}
		}
		// One project, and an unknown one.
		file := filepath.Join(t.TempDir(), "one.docx")
		if code, _, errs := jx(t, append([]string{"export", "--format", "docx", "--project", "13022524P00260210037A", "-o", file}, dbArgs(e)...)...); code != 0 {
			t.Fatalf("export one project: %s", errs)
		}
		if st, err := os.Stat(file); err != nil || st.Size() == 0 {
			t.Fatal("no file written")
		}
		if code, _, errs := jx(t, append([]string{"export", "--format", "xlsx", "--project", "没有"}, dbArgs(e)...)...); code != exitFail || !strings.Contains(errs, "没有含项目编码“没有”") {
			t.Fatalf("unknown project: %d %s", code, errs)
		}
	})
}
