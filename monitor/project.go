package monitor

import (
	"cmp"
	"fmt"
	"slices"

	"jixiao"
	"jixiao/target"
)

// Indicator statuses: codes, with Chinese words from Label.
const (
	StatusMet     = "met"      // the latest value meets the target
	StatusOnTrack = "on_track" // not yet met, but keeping pace with the year
	StatusBehind  = "behind"   // not met and not keeping pace, or reported as impossible
	StatusNone    = "none"     // no progress reported yet
	StatusUnrated = "unrated"  // reported, but nothing to rate it by (未评)
)

// Likelihood that makes a project red whatever its spending (DOMAIN.md §4).
const impossible = "完全不可能"

// IndicatorStatus is one indicator's line of the monitoring form: its
// target, the latest value reported as of the monitoring date, and how
// that value stands.
type IndicatorStatus struct {
	Indicator int    // 1-based position in the project
	Name      string // 三级指标
	Target    string // 指标值 as written
	Latest    string // the latest reported value as written, "" if none
	Status    string // StatusMet, StatusOnTrack, StatusBehind, StatusNone or StatusUnrated
	// Ratio is the latest value against the target (target.Attainment,
	// 1 = the target exactly); 0 for qualitative or unreported indicators.
	Ratio      jixiao.Decimal
	Cause      string
	Likelihood string
	Measures   string
	AsOf       jixiao.Date
}

// ProjectStatus is a project's monitoring result on one date.
type ProjectStatus struct {
	Code, Name  string
	Budget      jixiao.Fen
	Spent       jixiao.Fen // actual spending up to the date
	ExpectedFen jixiao.Fen // the plan's spending up to the date, rounded to the fen
	// Expected and Actual are percentages of the budget, Deviation is
	// Expected − Actual in percentage points (positive: behind the plan),
	// all exact to the millionth; print them with Fixed(2).
	Expected, Actual, Deviation jixiao.Decimal
	Light                       string   // Green, Yellow or Red
	Reasons                     []string // why the light, in Chinese
	Indicators                  []IndicatorStatus
}

// Department is the roll-up of a document's projects on one date.
type Department struct {
	Year               int
	Date               jixiao.Date
	Budget, Spent      jixiao.Fen
	Expected           jixiao.Fen // what the projects' plans expect spent by Date
	Green, Yellow, Red int
	Projects           []ProjectStatus // worst first: red, yellow, green, then by deviation
}

// Project monitors project p of fiscal year year as of date d.
//
// Indicator status rule: a value that meets the target (target.Met) is
// met. Otherwise, for a positive target, the value is on track while its
// attainment is at least the fraction of the year elapsed on d (0 on
// 1 January, 1 on 31 December) — counts and coverage accumulate through
// the year; a reverse target (limits, costs, zero counts) or a deadline
// not met is behind, because such values do not catch up by waiting. A
// report saying 完全不可能 is behind. Qualitative targets have no value to
// compare: 确定能 and 有可能 are on track, 完全不可能 behind, no likelihood 未评.
//
// Light rule: the spending deviation against cfg's thresholds, and red
// whenever an indicator's latest report says 完全不可能. A project without a
// budget has no spending to monitor and is judged on its indicators alone.
func Project(p *jixiao.Project, year int, d jixiao.Date, cfg Config) ProjectStatus {
	ps := ProjectStatus{
		Code:     p.Code,
		Name:     p.Name,
		Budget:   p.Budget,
		Spent:    Spent(p, year, d),
		Expected: Expected(p.Plan, year, d),
	}
	ps.ExpectedFen = jixiao.Fen(jixiao.MulDiv(jixiao.Decimal(p.Budget), ps.Expected, jixiao.Dec(100)))
	ps.Light = Green
	if p.Budget > 0 {
		ps.Actual = jixiao.Ratio(int64(ps.Spent)*100, int64(p.Budget))
		ps.Deviation = ps.Expected - ps.Actual
		ps.Light, ps.Reasons = spendingLight(ps, cfg)
	} else {
		ps.Reasons = []string{"预算数为0，不考核支出进度"}
	}

	frac := elapsed(year, d)
	latest := Latest(p, d)
	ps.Indicators = make([]IndicatorStatus, len(p.Indicators))
	for i := range p.Indicators {
		ind := &p.Indicators[i]
		st := IndicatorStatus{Indicator: i + 1, Name: ind.Level3, Target: ind.Value, Status: StatusNone}
		if j := latest[i+1]; j >= 0 {
			r := p.Progress[j]
			st.Latest, st.AsOf = r.Value, r.AsOf
			st.Cause, st.Likelihood, st.Measures = r.Cause, r.Likelihood, r.Measures
			st.Status, st.Ratio = rate(ind.Target, r, frac)
			if r.Likelihood == impossible {
				ps.Light = Red
				ps.Reasons = append(ps.Reasons, fmt.Sprintf("指标%d“%s”完成目标可能性为“完全不可能”", i+1, ind.Level3))
			}
		}
		ps.Indicators[i] = st
	}
	return ps
}

// spendingLight judges the spending deviation alone.
func spendingLight(ps ProjectStatus, cfg Config) (string, []string) {
	facts := fmt.Sprintf("截至当日预期支出%s%%，实际支出%s%%", ps.Expected.Fixed(2), ps.Actual.Fixed(2))
	switch {
	case ps.Deviation > cfg.RedPoints:
		return Red, []string{fmt.Sprintf("%s，落后计划%s个百分点，超过%s个百分点", facts, ps.Deviation.Fixed(2), cfg.RedPoints)}
	case ps.Deviation >= cfg.YellowPoints:
		return Yellow, []string{fmt.Sprintf("%s，落后计划%s个百分点，在%s至%s个百分点之间", facts, ps.Deviation.Fixed(2), cfg.YellowPoints, cfg.RedPoints)}
	case ps.Deviation > 0:
		return Green, []string{fmt.Sprintf("%s，落后计划%s个百分点，不足%s个百分点", facts, ps.Deviation.Fixed(2), cfg.YellowPoints)}
	case ps.Deviation < 0:
		return Green, []string{fmt.Sprintf("%s，超前计划%s个百分点", facts, (-ps.Deviation).Fixed(2))}
	}
	return Green, []string{facts + "，与计划一致"}
}

// rate gives an indicator's status from its latest report; frac is the
// fraction of the year elapsed.
func rate(t jixiao.Target, r jixiao.Progress, frac jixiao.Decimal) (string, jixiao.Decimal) {
	if !t.Measurable() {
		switch r.Likelihood {
		case "确定能", "有可能":
			return StatusOnTrack, 0
		case impossible:
			return StatusBehind, 0
		}
		return StatusUnrated, 0
	}
	actual := target.Parse(r.Value)
	ratio, ok := target.Attainment(t, actual)
	switch {
	case !ok:
		// A value that cannot be compared (refused by ValidateProgress,
		// but possibly stored before): nothing to rate it by.
		return StatusUnrated, 0
	case target.Met(t, actual):
		return StatusMet, ratio
	case r.Likelihood == impossible:
		return StatusBehind, ratio
	case t.Direction == jixiao.Positive && t.Kind != jixiao.DateKind && ratio >= frac:
		return StatusOnTrack, ratio
	}
	return StatusBehind, ratio
}

// Document monitors every project of doc as of date d and rolls them up.
func Document(doc *jixiao.Document, d jixiao.Date, cfg Config) Department {
	dep := Department{Year: doc.Year, Date: d, Projects: make([]ProjectStatus, len(doc.Projects))}
	for i := range doc.Projects {
		ps := Project(&doc.Projects[i], doc.Year, d, cfg)
		dep.Budget += ps.Budget
		dep.Spent += ps.Spent
		dep.Expected += ps.ExpectedFen
		switch ps.Light {
		case Red:
			dep.Red++
		case Yellow:
			dep.Yellow++
		default:
			dep.Green++
		}
		dep.Projects[i] = ps
	}
	slices.SortStableFunc(dep.Projects, func(a, b ProjectStatus) int {
		if c := cmp.Compare(lightRank(a.Light), lightRank(b.Light)); c != 0 {
			return c
		}
		return cmp.Compare(b.Deviation, a.Deviation)
	})
	return dep
}
