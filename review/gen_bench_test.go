package review

import (
	"testing"

	"jixiao/gen"
)

// Reviewing generated documents: 20 units × 50 projects, the bench's
// small province, without the database.
func BenchmarkReviewGenerated(b *testing.B) {
	o := gen.Options{Units: 20, ProjectsPerUnit: 50, Seed: 1}
	docs := gen.Province(o)
	cfg := DefaultConfig()
	b.ReportAllocs()
	for b.Loop() {
		for _, d := range docs {
			Review(d, cfg)
		}
	}
}
