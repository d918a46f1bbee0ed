package review

import (
	"strings"
	"testing"

	"jixiao"
	"jixiao/gen"
	"jixiao/internal/fixture"
)

// An opinion holds every finding of the review exactly once, in review
// order within each part: with the first project it is about, or in the
// general part when it is about none; its counts are the review's, each
// project carries its own grade, and a finding on an indicator names it.
func TestOpinionPlacesEveryFindingOnce(t *testing.T) {
	twin := fixture.Example(t)
	twin.Projects[1].Name = twin.Projects[0].Name // a name two projects share
	docs := []*jixiao.Document{fixture.Example(t), twin, gen.Unit(gen.Options{Units: 2, ProjectsPerUnit: 40, Seed: 9}, 1)}
	for _, d := range docs {
		rep := Review(d, DefaultConfig())
		op := NewOpinion(d, &rep)
		if op.Errors != rep.Summary.Errors || op.Warnings != rep.Summary.Warnings || op.Infos != rep.Summary.Infos {
			t.Errorf("%s: counts %d/%d/%d, review %+v", d.Unit.Code, op.Errors, op.Warnings, op.Infos, rep.Summary)
		}
		if len(op.Projects) != len(d.Projects) {
			t.Fatalf("%s: %d projects in the opinion", d.Unit.Code, len(op.Projects))
		}
		var placed []Finding
		for i, pp := range op.Projects {
			p := &d.Projects[i]
			if pp.Number != i+1 || pp.Code != p.Code || pp.Grade == "" {
				t.Errorf("%s: project %d is %+v", d.Unit.Code, i+1, pp.ProjectResult)
			}
			for _, f := range pp.Findings {
				if !About(f.Finding, p) {
					t.Errorf("%s: finding %q placed with project %s it is not about", d.Unit.Code, f.Message, p.Code)
				}
				if f.Indicator > 0 && !strings.Contains(f.Where, p.Indicators[f.Indicator-1].Level3) {
					t.Errorf("%s: finding on indicator %d placed at %q", d.Unit.Code, f.Indicator, f.Where)
				}
				placed = append(placed, f.Finding)
			}
		}
		for _, f := range op.General {
			for i := range d.Projects {
				if About(f.Finding, &d.Projects[i]) {
					t.Errorf("%s: general finding %q is about project %s", d.Unit.Code, f.Message, d.Projects[i].Code)
				}
			}
			placed = append(placed, f.Finding)
		}
		if len(placed) != len(rep.Findings) {
			t.Fatalf("%s: %d findings placed, the review has %d", d.Unit.Code, len(placed), len(rep.Findings))
		}
		seen := map[int]bool{}
		for _, f := range placed {
			for j, g := range rep.Findings {
				if !seen[j] && g == f {
					seen[j] = true
					break
				}
			}
		}
		if len(seen) != len(rep.Findings) {
			t.Errorf("%s: %d of %d findings placed once", d.Unit.Code, len(seen), len(rep.Findings))
		}
	}
}
