package score

import (
	"testing"

	"jixiao/gen"
)

// Scoring generated documents: 20 units × 50 projects, the bench's small
// province, without the database.
func BenchmarkScoreGenerated(b *testing.B) {
	o := gen.Options{Units: 20, ProjectsPerUnit: 50, Seed: 1}
	docs := gen.Province(o)
	cfg := DefaultConfig()
	b.ReportAllocs()
	for b.Loop() {
		for _, d := range docs {
			if _, err := Document(d, cfg); err != nil {
				b.Fatal(err)
			}
		}
	}
}
