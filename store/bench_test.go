package store

import (
	"fmt"
	"jixiao/internal/testdb"
	"os"
	"path/filepath"
	"testing"

	"jixiao"
)

// bigDoc is a document of n projects with ten indicators each, shaped like
// the county's but larger, for measuring what a province does.
func bigDoc(unit string, year, n int) *jixiao.Document {
	base := sampleDoc(unit, year)
	proto := base.Projects[0]
	d := &jixiao.Document{Unit: base.Unit, Year: year, Preset: base.Preset, Overall: base.Overall}
	for i := range n {
		p := proto
		p.Code = fmt.Sprintf("%s%04dP%05d", unit, year, i)
		p.Budget = jixiao.Fen(1_000_000 + i)
		p.Indicators = nil
		for j := range 10 {
			in := proto.Indicators[j%len(proto.Indicators)]
			in.Level3 = fmt.Sprintf("指标%d", j+1)
			p.Indicators = append(p.Indicators, in)
		}
		d.Projects = append(d.Projects, p)
	}
	return d
}

// benchEngines runs b on SQLite, and on PostgreSQL when configured.
func benchEngines(b *testing.B, f func(b *testing.B, cfg Config)) {
	b.Run("sqlite", func(b *testing.B) {
		f(b, Config{SQLite: filepath.Join(b.TempDir(), "jixiao.db")})
	})
	b.Run("postgres", func(b *testing.B) {
		if os.Getenv("JIXIAO_TEST_POSTGRES") == "" {
			b.Skip("PostgreSQL not configured: set JIXIAO_TEST_POSTGRES")
		}
		f(b, Config{Postgres: testdb.PostgresSchema(b)})
	})
}

// Saving a new document of 100 projects and 1000 indicators.
func BenchmarkSaveDocument(b *testing.B) {
	benchEngines(b, func(b *testing.B, cfg Config) {
		s := openTest(b, cfg)
		i := 0
		for b.Loop() {
			i++
			if _, err := s.SaveDocuments(ctx, []*jixiao.Document{bigDoc(fmt.Sprintf("U%06d", i), 2024, 100)}, "bench"); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(float64(b.N*1000)/b.Elapsed().Seconds(), "indicators/s")
	})
}

// Listing and loading with 200 documents, 20,000 projects and 200,000
// indicators stored.
func BenchmarkRead(b *testing.B) {
	benchEngines(b, func(b *testing.B, cfg Config) {
		s := openTest(b, cfg)
		for u := range 20 {
			var docs []*jixiao.Document
			for y := range 10 {
				docs = append(docs, bigDoc(fmt.Sprintf("U%04d", u), 2015+y, 100))
			}
			if _, err := s.SaveDocuments(ctx, docs, "bench"); err != nil {
				b.Fatal(err)
			}
		}
		b.Run("Documents", func(b *testing.B) {
			for b.Loop() {
				if list, err := s.Documents(ctx); err != nil || len(list) != 200 {
					b.Fatal(len(list), err)
				}
			}
		})
		b.Run("Document", func(b *testing.B) {
			for b.Loop() {
				if d, err := s.Document(ctx, jixiao.Key{Unit: "U0007", Year: 2020}); err != nil || len(d.Projects) != 100 {
					b.Fatal(err)
				}
			}
		})
	})
}
