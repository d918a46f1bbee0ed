package score_test

import (
	"strings"
	"testing"

	"jixiao"
	"jixiao/example"
	"jixiao/score"
	"jixiao/textdoc"
)

// The done-when evaluation on 办公楼运维费 as the text importer reads it
// from the real document.
func TestExampleDocument(t *testing.T) {
	doc, err := textdoc.Read(example.Name, example.Laoting, textdoc.Options{})
	if err != nil {
		t.Fatal(err)
	}
	p, ok := doc.Project("13022524P00260210037A")
	if !ok {
		t.Fatal("办公楼运维费 not read")
	}
	p.Evaluation = &jixiao.Evaluation{
		AdjustedBudget: 10_360_000,
		Executed:       9_800_000,
		HasExecuted:    true,
		Actuals: []jixiao.Actual{
			{Indicator: 1, Value: "10个"},
			{Indicator: 2, Value: "90%"},
			{Indicator: 3, Value: "2024年12月20日"},
			{Indicator: 4, Value: "9.80万元"},
			{Indicator: 5, Grade: "达成"},
			{Indicator: 6, Grade: "达成"},
			{Indicator: 7, Value: "92%"},
		},
	}
	rs, err := score.Document(doc, score.DefaultConfig())
	if err != nil || len(rs) != 1 {
		t.Fatalf("%d results, %v", len(rs), err)
	}
	r := rs[0]
	if r.Total.Fixed(2) != "98.80" || r.Grade != "优" || !strings.Contains(r.Indicators[1].Explanation, "90 ÷ 95 × 12.5 = 11.84") {
		t.Errorf("total %s %s; %s", r.Total, r.Grade, r.Indicators[1].Explanation)
	}
}
