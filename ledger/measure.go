package ledger

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"jixiao"
)

// Measure says how an indicator's value is counted from the ledger: the
// records of one kind, perhaps only those with certain outcomes, counted
// as records or as distinct subjects (enterprises), or as a share of all
// the kind's records — "抽检批次", "检查企业家数", "举报处置率".
type Measure struct {
	Kind string // a Kind's Code
	// Subjects counts distinct subjects instead of records.
	Subjects bool
	// Outcomes limits the count to records with one of these outcomes;
	// empty counts every record of the kind.
	Outcomes []string
	// OnTime counts only the records closed within their kind's limit of
	// working days (Record.OnTime): 按时办结率.
	OnTime bool
	// Share gives the count as a percentage of the kind's records (or
	// subjects) of the same period: 处置率, 合格率.
	Share bool
	// Base, when set, is the share's denominator instead: the number of
	// enterprises the work should cover (50 key users of special
	// equipment, a county's directory for 抽查比例).
	Base int
}

// MaxBase bounds a share's base: more than any county's enterprises.
const MaxBase = 10_000_000

// Check refuses a measure its kind cannot answer.
func (m Measure) Check() error {
	k, ok := KindOf(m.Kind)
	if !ok {
		return fmt.Errorf("台账类别“%s”不对：应为%s之一", m.Kind, kindNames())
	}
	for _, o := range m.Outcomes {
		if !slices.Contains(k.Outcomes, o) {
			return fmt.Errorf("%s没有结果“%s”：应为%s之一", k.Name, o, strings.Join(k.Outcomes, "、"))
		}
	}
	if m.OnTime && k.Days == 0 {
		return fmt.Errorf("%s没有规定办理期限，不能按期限计数", k.Name)
	}
	if m.Base < 0 || m.Base > MaxBase || (m.Base > 0 && !m.Share) {
		return fmt.Errorf("基数 %d 不对：只有占比可设基数，应为 1 到 %d", m.Base, MaxBase)
	}
	if m.Share && m.Base == 0 && len(m.Outcomes) == 0 && !m.OnTime {
		return fmt.Errorf("占比要指定计入哪些结果（如“已处置”），或只计按期办结的")
	}
	return nil
}

// Label says in words what the measure counts, for pages and for the
// Source of an actual computed by it.
func (m Measure) Label() string {
	k, ok := KindOf(m.Kind)
	if !ok {
		return m.Kind
	}
	of := k.Unit + "数"
	if m.Subjects {
		of = k.Subject + "数"
	}
	outcomes := strings.Join(m.Outcomes, "、")
	var conds []string
	if outcomes != "" {
		conds = append(conds, "结果为"+outcomes)
	}
	if m.OnTime {
		conds = append(conds, fmt.Sprintf("%d个工作日内%s", k.Days, k.Closed))
	}
	cond := strings.Join(conds, "且")
	switch {
	case m.Base > 0:
		what, unit := k.Unit, k.Unit
		if m.Subjects {
			what, unit = k.Subject, "家"
		}
		if cond != "" {
			cond = "中" + cond + "的"
		}
		return fmt.Sprintf("%s%s%s数占 %d %s的比例", k.Name, cond, what, m.Base, unit)
	case m.Share && m.Subjects:
		return fmt.Sprintf("%s中%s的%s占比", k.Name, cond, k.Subject)
	case m.Share:
		return fmt.Sprintf("%s中%s的占比", k.Name, cond)
	case m.OnTime:
		return fmt.Sprintf("%s中%s的%s", k.Name, cond, of)
	case outcomes != "":
		return fmt.Sprintf("%s（%s）%s", k.Name, outcomes, of)
	}
	return k.Name + of
}

// Result is a measure's answer on a set of records.
type Result struct {
	Count int // records or subjects counted
	Of    int // all the kind's records or subjects in the period
	// Records are the records counted, by date: the evidence behind the
	// value.
	Records []Record
	// Value is the answer written as an indicator value ("3520批次",
	// "98.5%"), ready for the target parser; "" when a share has nothing
	// to divide by.
	Value string
}

// Compute counts records dated up to asOf (all of them when asOf is
// zero). unit is the counting word of the indicator's target ("批次",
// "家"); when empty the kind's own is used. Shares are exact to two
// decimals.
func (m Measure) Compute(records []Record, asOf jixiao.Date, unit string) Result {
	var all, counted []Record
	for _, r := range records {
		if r.Kind != m.Kind || (!asOf.IsZero() && asOf.Before(r.Date)) {
			continue
		}
		all = append(all, r)
		if (len(m.Outcomes) == 0 || slices.Contains(m.Outcomes, r.Outcome)) &&
			(!m.OnTime || r.OnTime() && (asOf.IsZero() || !asOf.Before(r.Closed))) {
			counted = append(counted, r)
		}
	}
	slices.SortStableFunc(counted, func(a, b Record) int { return a.Date.Compare(b.Date) })
	res := Result{Records: counted, Count: len(counted), Of: len(all)}
	if m.Subjects {
		res.Count, res.Of = subjects(counted), subjects(all)
	}
	if m.Base > 0 {
		res.Of = m.Base
	}
	switch {
	case m.Share && res.Of == 0:
	case m.Share:
		pct := jixiao.Ratio(int64(res.Count)*100, int64(res.Of)).Round(2)
		res.Value = pct.String() + "%"
	default:
		if unit == "" {
			k, _ := KindOf(m.Kind)
			unit = k.Unit
			if m.Subjects {
				unit = "家"
			}
		}
		res.Value = strconv.Itoa(res.Count) + unit
	}
	return res
}

// subjects counts the distinct subjects of records, ignoring spaces
// around names so that one enterprise typed twice counts once.
func subjects(records []Record) int {
	seen := map[string]bool{}
	for _, r := range records {
		seen[strings.TrimSpace(r.Subject)] = true
	}
	return len(seen)
}

// Binding ties one indicator of a project to a measure, so that its
// actual is computed from the ledger.
type Binding struct {
	Project   string // project code
	Indicator int    // 1-based position in the project
	// Name is the indicator's 三级指标 when it was bound. A binding whose
	// indicator has since moved or been renamed is not applied: counting
	// into the wrong indicator would be worse than counting nothing.
	Name    string
	Measure Measure
	Entered jixiao.Stamp
}

// Target returns the bound indicator of p, or an error saying why the
// binding no longer fits it.
func (b Binding) Target(p *jixiao.Project) (*jixiao.Indicator, error) {
	if b.Indicator < 1 || b.Indicator > len(p.Indicators) {
		return nil, fmt.Errorf("项目“%s”没有第 %d 个指标", p.Name, b.Indicator)
	}
	ind := &p.Indicators[b.Indicator-1]
	if ind.Level3 != b.Name {
		return nil, fmt.Errorf("项目“%s”第 %d 个指标已由“%s”改为“%s”，请重新设置取数", p.Name, b.Indicator, b.Name, ind.Level3)
	}
	return ind, nil
}
