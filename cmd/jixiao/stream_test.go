package main

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"jixiao/gen"
	"jixiao/internal/testdb"
)

// An import of many files goes in batches (here a file at a time) within
// one transaction: a bad file after several batches were written undoes
// them all. Exported as one JSON file — written a document at a time —
// and imported into a fresh database, the province exports to the same
// bytes; an export that selects nothing fails and leaves no file.
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
		testdb.Each(t, func(t *testing.T, fresh testdb.Engine) {
			if code, _, errs := jx(t, append([]string{"import"}, append(dbArgs(fresh), all)...)...); code != 0 {
				t.Fatalf("re-import: %s", errs)
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
