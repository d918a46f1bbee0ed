package ledger

import (
	"cmp"
	"fmt"
	"slices"

	"jixiao"
	"jixiao/target"
)

// Counted is a bound indicator with its value counted from the records.
type Counted struct {
	Binding
	ProjectName string
	Target      string // the indicator's 年度指标值 as written
	Result
	// Met is 达到 or 未达到 when the value compares with the target, ""
	// otherwise.
	Met string
	// Problem says why the binding no longer applies (a project removed,
	// an indicator moved or renamed); such a binding counts nothing.
	Problem string
}

// Count counts every binding of doc from its records dated up to asOf
// (all of them when zero), in the order the goal tables are printed.
func Count(doc *jixiao.Document, records []Record, bindings []Binding, asOf jixiao.Date) []Counted {
	out := make([]Counted, 0, len(bindings))
	for _, b := range bindings {
		c := Counted{Binding: b, ProjectName: b.Project}
		p, ok := doc.Project(b.Project)
		if !ok {
			c.Problem = "绩效目标中已没有项目“" + b.Project + "”"
			out = append(out, c)
			continue
		}
		c.ProjectName = p.Name
		ind, err := b.Target(p)
		if err != nil {
			c.Problem = err.Error()
			out = append(out, c)
			continue
		}
		c.Target = ind.Value
		if err := b.Measure.Fits(ind); err != nil {
			c.Problem = err.Error()
			out = append(out, c)
			continue
		}
		c.Result = b.Measure.Compute(records, asOf, ind.Target.Unit)
		if c.Value != "" && ind.Target.Measurable() {
			actual := target.Parse(c.Value)
			if target.Comparable(ind.Target, actual) == nil {
				c.Met = "未达到"
				if target.Met(ind.Target, actual) {
					c.Met = "达到"
				}
			}
		}
		out = append(out, c)
	}
	order := map[string]int{}
	for i, p := range doc.Projects {
		order[p.Code] = i + 1
	}
	rank := func(code string) int { return cmp.Or(order[code], len(order)+1) }
	slices.SortStableFunc(out, func(a, b Counted) int {
		return cmp.Or(cmp.Compare(rank(a.Project), rank(b.Project)), cmp.Compare(a.Indicator, b.Indicator))
	})
	return out
}

// Fits refuses a measure whose answer cannot be the indicator's value: a
// share for a target that is not a percentage, or a count for one that
// is not a quantity. Qualitative indicators take neither.
func (m Measure) Fits(ind *jixiao.Indicator) error {
	switch k := ind.Target.Kind; {
	case m.Share && k != jixiao.Percent:
		return fmt.Errorf("占比是百分数，指标“%s”的指标值“%s”不是百分比", ind.Level3, ind.Value)
	case !m.Share && k != jixiao.Quantity:
		return fmt.Errorf("计数是数量，指标“%s”的指标值“%s”不是数量", ind.Level3, ind.Value)
	}
	return nil
}
