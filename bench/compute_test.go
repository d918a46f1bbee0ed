package bench

import (
	"context"
	"database/sql"
	"path/filepath"
	"testing"

	"jixiao"
	"jixiao/gen"
	"jixiao/monitor"
	"jixiao/review"
	"jixiao/score"
	"jixiao/store"
)

// The compute steps of Run on a stored province of 20 × 50 in SQLite, for
// profiling: the read-once baseline, loading every document, and review,
// monitoring and scoring of everything.
func BenchmarkCompute(b *testing.B) {
	ctx := context.Background()
	path := filepath.Join(b.TempDir(), "jixiao.db")
	st, err := store.Open(ctx, store.Config{SQLite: path})
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	o := gen.Options{Units: 20, ProjectsPerUnit: 50, Seed: 1}
	docs := gen.Province(o)
	if _, err := st.SaveDocuments(ctx, docs, "bench"); err != nil {
		b.Fatal(err)
	}
	db, err := sql.Open("sqlite", path+"?_pragma=query_only(1)")
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	b.Run("ReadOnce", func(b *testing.B) {
		for b.Loop() {
			if _, _, err := readOnce(ctx, db); err != nil {
				b.Fatal(err)
			}
		}
	})
	asOf := jixiao.Date{Y: 2024, M: 9, D: 30}
	rcfg, mcfg, scfg := review.DefaultConfig(), monitor.DefaultConfig(), score.DefaultConfig()
	steps := []struct {
		name string
		f    func(*jixiao.Document) error
	}{
		{"Load", func(*jixiao.Document) error { return nil }},
		{"Review", func(d *jixiao.Document) error { review.Review(d, rcfg); return nil }},
		{"Monitor", func(d *jixiao.Document) error { monitor.Document(d, asOf, mcfg); return nil }},
		{"Score", func(d *jixiao.Document) error { _, err := score.Document(d, scfg); return err }},
	}
	for _, s := range steps {
		b.Run(s.name, func(b *testing.B) {
			for b.Loop() {
				if err := st.EachDocument(ctx, store.Filter{}, s.f); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
