package bench

import (
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"testing"

	"jixiao"
	"jixiao/gen"
	"jixiao/internal/testdb"
	"jixiao/monitor"
	"jixiao/review"
	"jixiao/score"
	"jixiao/store"
)

// The compute steps of Run on a stored province of 20 × 50, for
// profiling: the read-once baseline, loading every document, and review,
// monitoring and scoring of everything. SQLite always; PostgreSQL too
// when JIXIAO_TEST_POSTGRES is set.
func BenchmarkCompute(b *testing.B) {
	b.Run("sqlite", func(b *testing.B) {
		path := filepath.Join(b.TempDir(), "jixiao.db")
		benchCompute(b, store.Config{SQLite: path}, func() (*sql.DB, error) {
			return sql.Open("sqlite", path+"?_pragma=query_only(1)")
		})
	})
	b.Run("postgres", func(b *testing.B) {
		if os.Getenv("JIXIAO_TEST_POSTGRES") == "" {
			b.Skip("PostgreSQL not configured: set JIXIAO_TEST_POSTGRES")
		}
		dsn := testdb.PostgresSchema(b)
		benchCompute(b, store.Config{Postgres: dsn}, func() (*sql.DB, error) { return sql.Open("pgx", dsn) })
	})
}

func benchCompute(b *testing.B, cfg store.Config, reader func() (*sql.DB, error)) {
	ctx := context.Background()
	st, err := store.Open(ctx, cfg)
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	o := gen.Options{Units: 20, ProjectsPerUnit: 50, Seed: 1}
	if _, err := st.SaveDocuments(ctx, gen.Province(o), "bench"); err != nil {
		b.Fatal(err)
	}
	db, err := reader()
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
	asOf := monitorAsOf
	rcfg, mcfg, scfg := review.DefaultConfig(), monitor.DefaultConfig(), score.DefaultConfig()
	fns := map[string]func(*jixiao.Document) error{
		"load":    func(*jixiao.Document) error { return nil },
		"review":  func(d *jixiao.Document) error { review.Review(d, rcfg); return nil },
		"monitor": func(d *jixiao.Document) error { monitor.Document(d, asOf, mcfg); return nil },
		"score":   func(d *jixiao.Document) error { _, err := score.Document(d, scfg); return err },
	}
	for _, s := range computeSteps {
		if s.reads != nil {
			b.Run("Read-"+s.key, func(b *testing.B) {
				for b.Loop() {
					if _, _, err := readStep(ctx, db, s.reads); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
		b.Run(s.key, func(b *testing.B) {
			for b.Loop() {
				if err := st.EachDocument(ctx, stepFilter(s.key), fns[s.key]); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
