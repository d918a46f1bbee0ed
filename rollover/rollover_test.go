package rollover

import (
	"reflect"
	"testing"
	"time"

	"jixiao"
	"jixiao/gen"
	"jixiao/internal/fixture"
	"jixiao/target"
)

func TestMoveYear(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"2024年12月31日", "2025年12月31日"},
		{"2024年底前", "2025年底前"},
		{"≤2024-12-31", "≤2025-12-31"},
		{"2024.6.30前完成", "2025.6.30前完成"},
		{"2024/12/31", "2025/12/31"},
		{"2024.5万元", "2024.5万元"},       // an amount
		{"≥2024户", "≥2024户"},           // a count
		{"12024年", "12024年"},           // inside a longer number
		{"2023年12月31日", "2023年12月31日"}, // another year
		{"2024年至2024年", "2025年至2025年"},
		{"", ""},
	} {
		if got := moveYear(c.in, 2024); got != c.want {
			t.Errorf("moveYear(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestNextYear(t *testing.T) {
	for _, c := range []struct{ in, want jixiao.Date }{
		{jixiao.NewDate(2024, time.March, 31), jixiao.NewDate(2025, time.March, 31)},
		{jixiao.NewDate(2024, time.February, 29), jixiao.NewDate(2025, time.February, 28)},
		{jixiao.NewDate(2023, time.February, 28), jixiao.NewDate(2024, time.February, 29)},
		{jixiao.NewDate(2024, time.June, 15), jixiao.NewDate(2025, time.June, 15)},
		{jixiao.NewDate(2024, time.December, 31), jixiao.NewDate(2025, time.December, 31)},
	} {
		if got := nextYear(c.in); got != c.want {
			t.Errorf("nextYear(%s) = %s, want %s", c.in, got, c.want)
		}
	}
}

// The draft of the example's next year keeps every goal table and part
// one, moves the plan and the dated values on a year (parsed again), and
// carries none of the year's records; the source is left as it was.
func TestDocumentExample(t *testing.T) {
	for _, d := range []*jixiao.Document{fixture.Example(t), gen.Unit(gen.Options{Units: 1, ProjectsPerUnit: 20, Seed: 4}, 0)} {
		before := fixture.JSON(t, d)
		n := Document(d)
		if string(fixture.JSON(t, d)) != string(before) {
			t.Fatal("the source document was changed")
		}
		if n.Year != d.Year+1 || n.Unit != d.Unit || n.Preset != d.Preset || n.Version != 0 {
			t.Fatalf("draft %s %d preset %s version %d", n.Unit.Code, n.Year, n.Preset, n.Version)
		}
		if !reflect.DeepEqual(n.Overall, d.Overall) || len(n.Projects) != len(d.Projects) {
			t.Fatal("part one or the projects differ")
		}
		if n.TotalBudget() != d.TotalBudget() || n.IndicatorCount() != d.IndicatorCount() {
			t.Errorf("budget %d, indicators %d; source %d, %d", n.TotalBudget(), n.IndicatorCount(), d.TotalBudget(), d.IndicatorCount())
		}
		moved := 0
		for i, p := range n.Projects {
			o := d.Projects[i]
			if p.Code != o.Code || p.Name != o.Name || p.Purpose != o.Purpose || p.Goal != o.Goal || p.Budget != o.Budget {
				t.Errorf("project %d's table changed", i+1)
			}
			if len(p.Spending)+len(p.Progress) > 0 || p.Evaluation != nil || p.Version != 0 {
				t.Errorf("project %d carries the year's records", i+1)
			}
			for j, c := range p.Plan {
				if c.By.Y != d.Year+1 || c.By.M != o.Plan[j].By.M || c.Percent != o.Plan[j].Percent {
					t.Errorf("project %d plan point %d: %+v from %+v", i+1, j+1, c, o.Plan[j])
				}
			}
			for j, in := range p.Indicators {
				was := o.Indicators[j]
				if in.Value != was.Value {
					moved++
					if in.Target != target.Parse(in.Value) {
						t.Errorf("%q: target not parsed again", in.Value)
					}
					if in.Target.Kind == jixiao.DateKind && in.Target.Date.Y != d.Year+1 {
						t.Errorf("%q: deadline %v", in.Value, in.Target.Date)
					}
				} else if in != was {
					t.Errorf("indicator %d/%d changed without its value", i+1, j+1)
				}
			}
		}
		if d.Unit.Code == fixture.Key.Unit && moved == 0 {
			t.Error("no dated value of the example moved on a year")
		}
	}
}
