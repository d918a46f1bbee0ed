package main

import (
	"jixiao"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"jixiao/example"
	"jixiao/gen"
	"jixiao/internal/testdb"
)

// An import of many files goes in batches (here a file at a time) within
// one transaction: a bad file after several batches were written undoes
// them all. Exported as one JSON file — written a document at a time —
// or as a file per document (--dir), and imported into a fresh database,
// the province exports to the same bytes; an export that selects nothing
// fails and leaves no file.
func TestImportAndExportManyFiles(t *testing.T) {
	defer func(n int) { importBatchProjects = n }(importBatchProjects)
	importBatchProjects = 1
	paths, err := gen.Write(filepath.Join(t.TempDir(), "p"), gen.Options{Units: 6, ProjectsPerUnit: 3, Seed: 11}, nil)
	if err != nil {
		t.Fatal(err)
	}
	bad := writeFile(t, "last-2024.txt", []byte("不是绩效目标"))
	testdb.Each(t, func(t *testing.T, e testdb.Engine) {
		before := counts(t, e)
		code, out, errs := jx(t, append(append([]string{"import"}, dbArgs(e)...), append(paths, bad)...)...)
		if code == 0 || out != "" || !strings.Contains(errs, "last-2024.txt") || !strings.Contains(errs, "未导入任何内容") {
			t.Fatalf("a bad last file: exit %d, stdout %q, stderr %q", code, out, errs)
		}
		if after := counts(t, e); !reflect.DeepEqual(before, after) {
			t.Fatalf("the failed import left rows: %v → %v", before, after)
		}
		code, out, errs = jx(t, append(append([]string{"import"}, dbArgs(e)...), paths...)...)
		if code != 0 || strings.Count(out, "（新建）") != len(paths) {
			t.Fatalf("import of %d files: exit %d %s\n%s", len(paths), code, errs, out)
		}
		all := filepath.Join(t.TempDir(), "all.json")
		if code, _, errs := jx(t, append([]string{"export", "-o", all}, dbArgs(e)...)...); code != 0 {
			t.Fatalf("export: %s", errs)
		}
		want, err := os.ReadFile(all)
		if err != nil {
			t.Fatal(err)
		}
		dir := filepath.Join(t.TempDir(), "out")
		if code, _, errs := jx(t, append([]string{"export", "--dir", dir}, dbArgs(e)...)...); code != 0 ||
			!strings.Contains(errs, "已导出 6 份文档") {
			t.Fatalf("export --dir: exit %d %s", code, errs)
		}
		files, _ := filepath.Glob(filepath.Join(dir, "*.json"))
		testdb.Each(t, func(t *testing.T, fresh testdb.Engine) {
			// Either export imports back: the one file, or the directory.
			from := []string{all}
			if fresh.Name == "postgres" {
				from = files
			}
			if code, _, errs := jx(t, append([]string{"import"}, append(dbArgs(fresh), from...)...)...); code != 0 {
				t.Fatalf("re-import of %d files: %s", len(from), errs)
			}
			code, got, errs := jx(t, append([]string{"export"}, dbArgs(fresh)...)...)
			if code != 0 || got != string(want) {
				t.Fatalf("export → import → export of %d documents differs (exit %d %s)", len(paths), code, errs)
			}
		})
		none := filepath.Join(t.TempDir(), "none.json")
		code, _, errs = jx(t, append([]string{"export", "--unit", "999999", "-o", none}, dbArgs(e)...)...)
		if code != exitFail || !strings.Contains(errs, "没有符合条件的文档") {
			t.Fatalf("export of nothing: exit %d %q", code, errs)
		}
		if left, _ := filepath.Glob(filepath.Join(filepath.Dir(none), "*")); len(left) != 0 {
			t.Fatalf("a failed export left %v", left)
		}
	})
}

// A unit code becomes a file name only as it is when it is plain; any
// other is spelled in hex, so no code can name a path outside the
// directory.
func TestDocFileName(t *testing.T) {
	for code, want := range map[string]string{
		"414001":    "414001-2024.json",
		"13022524A": "13022524A-2024.json",
		"../etc":    "x2e2e2f657463-2024.json",
		"乐亭":        "xe4b990e4baad-2024.json",
		"a/b":       "x612f62-2024.json",
	} {
		d := &jixiao.Document{Unit: jixiao.Unit{Code: code}, Year: 2024}
		if got := docFileName(d); got != want || strings.ContainsAny(got, `/\`) {
			t.Errorf("%q: %q, want %q", code, got, want)
		}
	}
	if code, _, errs := jx(t, "export", "--dir", t.TempDir(), "-o", "x.json"); code != exitFail || !strings.Contains(errs, "--dir") {
		t.Errorf("--dir with -o: exit %d %q", code, errs)
	}
	db := filepath.Join(t.TempDir(), "j.db")
	if code, _, errs := jx(t, "import", "--db", db, writeFile(t, example.Name, example.Laoting)); code != 0 {
		t.Fatal(errs)
	}
	if code, _, errs := jx(t, "export", "--db", db, "--dir", t.TempDir(), "--project", "没有"); code != exitFail || !strings.Contains(errs, "没有含项目编码“没有”") {
		t.Errorf("--dir with a project no document has: exit %d %q", code, errs)
	}
}
