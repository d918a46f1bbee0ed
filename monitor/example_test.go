package monitor_test

import (
	"testing"

	"jixiao"
	"jixiao/internal/fixture"
	"jixiao/monitor"
)

// The real document, read by the text importer: the done-when numbers hold
// on its 办公楼运维费 too, and with nothing spent yet by the end of July
// every project with a budget is behind its plan.
func TestExampleDocument(t *testing.T) {
	doc := fixture.Example(t)
	d := jixiao.Date{Y: 2024, M: 7, D: 31}
	dep := monitor.Document(doc, d, monitor.DefaultConfig())
	if len(dep.Projects) != len(doc.Projects) || dep.Budget != doc.TotalBudget() || dep.Spent != 0 {
		t.Fatalf("%d projects, budget %s, spent %s", len(dep.Projects), dep.Budget.Wan(), dep.Spent.Wan())
	}
	for _, ps := range dep.Projects {
		if ps.Budget > 0 && ps.Expected > jixiao.Dec(20) && ps.Light != monitor.Red {
			t.Errorf("%s: expected %s%%, nothing spent, light %s", ps.Name, ps.Expected.Fixed(2), ps.Light)
		}
	}

	var p *jixiao.Project
	for i := range doc.Projects {
		if doc.Projects[i].Name == "办公楼运维费" {
			p = &doc.Projects[i]
		}
	}
	if p == nil {
		t.Fatal("办公楼运维费 not read")
	}
	p.Spending = []jixiao.Spending{{ID: 1, Date: jixiao.Date{Y: 2024, M: 5, D: 10}, Amount: 6_000_000}}
	ps := monitor.Project(p, doc.Year, d, monitor.DefaultConfig())
	if ps.Expected.Fixed(2) != "56.30" || ps.Actual.Fixed(2) != "57.92" || ps.Deviation.Fixed(2) != "-1.61" || ps.Light != monitor.Green {
		t.Errorf("expected %s actual %s deviation %s light %s", ps.Expected, ps.Actual, ps.Deviation, ps.Light)
	}
}
