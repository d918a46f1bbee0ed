package gen

import (
	"bytes"
	"context"
	"os"
	"testing"

	"jixiao"
	"jixiao/docformat"
	"jixiao/internal/testdb"
	"jixiao/monitor"
	"jixiao/review"
	"jixiao/score"
	"jixiao/store"
)

func writeAll(t *testing.T, o Options) [][]byte {
	t.Helper()
	dir := t.TempDir()
	paths, err := Write(dir, o, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(paths) != o.Units {
		t.Fatalf("%d files for %d units", len(paths), o.Units)
	}
	var out [][]byte
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, b)
	}
	return out
}

func TestDeterministic(t *testing.T) {
	o := Options{Units: 3, ProjectsPerUnit: 5, Seed: 7}
	a, b := writeAll(t, o), writeAll(t, o)
	for i := range a {
		if !bytes.Equal(a[i], b[i]) {
			t.Fatalf("file %d differs between two runs with the same seed", i)
		}
	}
	o.Seed = 8
	c := writeAll(t, o)
	for i := range a {
		if bytes.Equal(a[i], c[i]) {
			t.Fatalf("file %d is the same for seeds 7 and 8", i)
		}
	}
}

// The province is plausible: distinct unit codes and names, 21-character
// project codes, budgets in range, the three 一级 in every project, every
// kind of target, records, and some evaluations.
func TestShape(t *testing.T) {
	o := Options{Units: 30, ProjectsPerUnit: 12, Seed: 1}
	units := map[string]bool{}
	kinds := map[jixiao.TargetKind]int{}
	evaluated, projects := 0, 0
	for i := range o.Units {
		d := Unit(o, i)
		if units[d.Unit.Code] || len(d.Unit.Code) != 6 {
			t.Fatalf("unit code %q repeated or not 6 digits", d.Unit.Code)
		}
		units[d.Unit.Code] = true
		if len(d.Overall.ProjectGoals) != len(d.Projects) {
			t.Fatalf("%s: %d 分项 paragraphs for %d projects", d.Unit.Code, len(d.Overall.ProjectGoals), len(d.Projects))
		}
		for _, p := range d.Projects {
			projects++
			if len(p.Code) != 21 {
				t.Fatalf("project code %q is not 21 characters", p.Code)
			}
			if p.Budget < 1_000_000 || p.Budget > 10_000_000_000 || p.Fiscal+p.Other != p.Budget {
				t.Fatalf("%s: budget %d fiscal %d other %d", p.Code, p.Budget, p.Fiscal, p.Other)
			}
			if n := len(p.Indicators); n < 6 || n > 14 {
				t.Fatalf("%s: %d indicators", p.Code, n)
			}
			l1 := map[string]bool{}
			for _, in := range p.Indicators {
				l1[in.Level1] = true
				kinds[in.Target.Kind]++
				if in.Target.Flag != "" {
					t.Fatalf("%s: value %q not understood (%s)", p.Code, in.Value, in.Target.Flag)
				}
			}
			if len(l1) != 3 {
				t.Fatalf("%s: 一级 %v", p.Code, l1)
			}
			if len(p.Spending) == 0 || len(p.Progress) == 0 {
				t.Fatalf("%s: no records", p.Code)
			}
			if p.Evaluation != nil {
				evaluated++
			}
		}
	}
	for _, k := range []jixiao.TargetKind{jixiao.Quantity, jixiao.Percent, jixiao.Money, jixiao.DateKind, jixiao.Qualitative} {
		if kinds[k] == 0 {
			t.Errorf("no %s targets", k)
		}
	}
	if evaluated < projects/6 || evaluated > projects/2 {
		t.Errorf("%d of %d projects evaluated", evaluated, projects)
	}
}

// What gen writes imports through the same reader as jixiao import, is
// stored and read back, and reviews, monitors and scores without error.
func TestImportsAndComputes(t *testing.T) {
	o := Options{Units: 4, ProjectsPerUnit: 8, Seed: 3}
	dir := t.TempDir()
	paths, err := Write(dir, o, nil)
	if err != nil {
		t.Fatal(err)
	}
	var docs []*jixiao.Document
	for _, p := range paths {
		ds, _, err := docformat.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		docs = append(docs, ds...)
	}
	testdb.Each(t, func(t *testing.T, e testdb.Engine) {
		ctx := context.Background()
		st, err := store.Open(ctx, store.Config{SQLite: e.SQLite, Postgres: e.Postgres})
		if err != nil {
			t.Fatal(err)
		}
		defer st.Close()
		if _, err := st.SaveDocuments(ctx, docs, "gen"); err != nil {
			t.Fatal(err)
		}
		for _, d := range docs {
			got, err := st.Document(ctx, d.Key())
			if err != nil {
				t.Fatal(err)
			}
			if len(got.Projects) != o.ProjectsPerUnit {
				t.Fatalf("%s: %d projects", d.Key(), len(got.Projects))
			}
			rep := review.Review(got, review.DefaultConfig())
			if rep.Summary.Errors > 0 {
				t.Errorf("%s: review finds %d errors", d.Key(), rep.Summary.Errors)
			}
			dep := monitor.Document(got, jixiao.Date{Y: got.Year, M: 9, D: 30}, monitor.DefaultConfig())
			if len(dep.Projects) != len(got.Projects) {
				t.Errorf("%s: monitoring covers %d of %d projects", d.Key(), len(dep.Projects), len(got.Projects))
			}
			if _, err := score.Document(got, score.DefaultConfig()); err != nil {
				t.Errorf("%s: %v", d.Key(), err)
			}
		}
	})
}
