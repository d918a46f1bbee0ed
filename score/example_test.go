package score_test

import (
	"strings"
	"testing"

	"jixiao/internal/fixture"
	"jixiao/score"
)

// The done-when evaluation on 办公楼运维费 as the text importer reads it
// from the real document.
func TestExampleDocument(t *testing.T) {
	doc := fixture.Example(t)
	p, ok := doc.Project(fixture.OfficeCode)
	if !ok {
		t.Fatal("办公楼运维费 not read")
	}
	e := fixture.OfficeEvaluation()
	p.Evaluation = &e
	rs, err := score.Document(doc, score.DefaultConfig())
	if err != nil || len(rs) != 1 {
		t.Fatalf("%d results, %v", len(rs), err)
	}
	r := rs[0]
	if r.Total.Fixed(2) != "98.80" || r.Grade != "优" || !strings.Contains(r.Indicators[1].Explanation, "90 ÷ 95 × 12.5 = 11.84") {
		t.Errorf("total %s %s; %s", r.Total, r.Grade, r.Indicators[1].Explanation)
	}
}
