package monitor

import (
	"testing"

	"jixiao"
	"jixiao/gen"
)

// Monitoring generated documents as of 30 September: 20 units × 50
// projects, the bench's small province, without the database.
func BenchmarkMonitorGenerated(b *testing.B) {
	o := gen.Options{Units: 20, ProjectsPerUnit: 50, Seed: 1}
	docs := gen.Province(o)
	cfg := DefaultConfig()
	asOf := jixiao.Date{Y: 2024, M: 9, D: 30}
	b.ReportAllocs()
	for b.Loop() {
		for _, d := range docs {
			Document(d, asOf, cfg)
		}
	}
}
