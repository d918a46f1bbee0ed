package store

import (
	"reflect"
	"testing"

	"jixiao"
	"jixiao/gen"
	"jixiao/internal/fixture"
	"jixiao/review"
)

// reviewRows hands each project exactly the findings review.About says are
// about it, in review order — the definition, compared pair by pair.
func TestReviewRowsFollowAbout(t *testing.T) {
	twin := fixture.Example(t)
	// Two projects of one name: a finding naming it is about both.
	twin.Projects[1].Name = twin.Projects[0].Name
	docs := []*jixiao.Document{fixture.Example(t), twin, gen.Unit(gen.Options{Units: 1, ProjectsPerUnit: 60, Seed: 5}, 0)}
	for _, d := range docs {
		rep := review.Review(d, review.DefaultConfig())
		rows := reviewRows(d)
		for i := range d.Projects {
			var want []review.Finding
			for _, f := range rep.Findings {
				if review.About(f, &d.Projects[i]) {
					want = append(want, f)
				}
			}
			if got := rows[i+1].Findings; !reflect.DeepEqual(got, want) {
				t.Fatalf("%s project %d: %d findings, want %d", d.Unit.Code, i+1, len(got), len(want))
			}
		}
	}
}
