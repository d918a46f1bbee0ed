package score

import (
	"fmt"
	"slices"
	"strings"

	"jixiao"
	"jixiao/target"
)

// scoreIndicator fills s.Score and s.Explanation from the actual a. Errors
// and the flag are phrased to follow the indicator's name.
func (sc *scorer) scoreIndicator(s *IndicatorScore, ind *jixiao.Indicator, a *jixiao.Actual) (flag string, err error) {
	s.Reason = a.Reason
	if ind.Target.Measurable() {
		return sc.quantitative(s, ind, a)
	}
	return sc.qualitative(s, ind, a)
}

// parse is target.Parse, remembered across a document's projects when the
// scorer keeps a cache: actual values repeat (100%, 10个, 2024年12月31日),
// and reading each distinct text once is most of the time saved.
func (sc *scorer) parse(v string) jixiao.Target {
	if sc.parsed == nil {
		return target.Parse(v)
	}
	t, ok := sc.parsed[v]
	if !ok {
		t = target.Parse(v)
		if len(sc.parsed) < maxCached {
			sc.parsed[v] = t
		}
	}
	return t
}

// maxCached bounds the parse cache of one Document call.
const maxCached = 100_000

// quantitative scores a number or date against the target, and applies an
// evaluator's override when one is given with a reason.
func (sc *scorer) quantitative(s *IndicatorScore, ind *jixiao.Indicator, a *jixiao.Actual) (string, error) {
	cfg := &sc.cfg
	t := ind.Target
	if a.Grade != "" {
		return "", fmt.Errorf("是定量指标（目标“%s”），应填写完成值，不能评定等级“%s”", ind.Value, a.Grade)
	}
	s.Actual = a.Value
	flag := ""
	if strings.TrimSpace(a.Value) == "" {
		s.Explanation = "未填写完成值，得0分"
		flag = "未填写完成值，按0分计"
	} else {
		actual := sc.parse(a.Value)
		if err := target.Comparable(t, actual); err != nil {
			return "", fmt.Errorf("的完成值“%s”：%v", a.Value, err)
		}
		var met bool
		s.Score, s.Explanation, met = computed(t, actual, s.Points)
		// Only a met target can be far exceeded.
		if met {
			if ratio, _ := target.Attainment(t, actual); ratio > cfg.OverRatio {
				flag = fmt.Sprintf("完成值为目标的%s%%，超过%s%%，目标可能定得偏低，评价人可酌情扣分",
					jixiao.MulDiv(ratio, jixiao.Dec(100), jixiao.Dec(1)).Fixed(2), jixiao.MulDiv(cfg.OverRatio, jixiao.Dec(100), jixiao.Dec(1)))
			}
		}
	}
	if !a.HasScore {
		return flag, nil
	}
	given := a.Score.Round(2)
	switch {
	case strings.TrimSpace(a.Reason) == "":
		return "", fmt.Errorf("的得分由计算的%s分改为%s分，须说明理由", s.Score.Fixed(2), given.Fixed(2))
	case a.Score < 0 || a.Score > s.Points:
		return "", fmt.Errorf("的得分%s分超出0至%s分的范围", a.Score, s.Points)
	}
	s.Explanation += fmt.Sprintf("；评价人改为%s分（理由：%s）", given.Fixed(2), a.Reason)
	s.Score, s.Override = given, true
	return flag, nil
}

// computed is the score of a comparable actual, its explanation, and
// whether the target was met: full points when met, else proportional
// (positive: actual ÷ target × points; reverse: target ÷ actual × points;
// zero-target reverse and missed deadlines: 0), capped at the points and
// rounded to cents. Explanations are concatenated rather than formatted:
// this runs for every indicator of a province.
func computed(t, actual jixiao.Target, pts jixiao.Decimal) (jixiao.Decimal, string, bool) {
	full := pts.Round(2)
	if t.Kind == jixiao.DateKind {
		if !t.Date.Before(actual.Date) {
			return full, actual.Date.Chinese() + "完成，不晚于" + t.Date.Chinese() + "，得满分" + pts.String(), true
		}
		return 0, actual.Date.Chinese() + "完成，晚于" + t.Date.Chinese() + "，得0分", false
	}
	a, _ := target.InUnit(actual, t.Unit)
	got, want := a.String()+t.Unit, target.Format(t)
	if target.Met(t, actual) {
		return full, "完成值" + got + "达到目标" + want + "，得满分" + pts.String(), true
	}
	var num, den jixiao.Decimal
	var rule string
	switch {
	case t.Direction == jixiao.Reverse && t.Number == 0:
		return 0, "目标为" + want + "，完成值" + got + "，得0分", false
	case t.Direction == jixiao.Reverse:
		num, den, rule = t.Number, a, "目标值 ÷ 完成值 × 分值"
	default:
		num, den, rule = a, t.Number, "完成值 ÷ 目标值 × 分值"
	}
	if den == 0 {
		return 0, "完成值" + got + "未达到目标" + want + "，得0分", false
	}
	sc := jixiao.Min(jixiao.MulDiv(pts, num, den), pts).Round(2)
	return sc, "完成值" + got + "未达到目标" + want + "，按" + rule + "计：" +
		num.String() + " ÷ " + den.String() + " × " + pts.String() + " = " + sc.Fixed(2), false
}

// qualitative scores an evaluator's grade: the band's default share of the
// points, or the evaluator's own score inside the band.
func (sc *scorer) qualitative(s *IndicatorScore, ind *jixiao.Indicator, a *jixiao.Actual) (string, error) {
	cfg := sc.cfg
	if v := strings.TrimSpace(a.Value); v != "" && sc.parse(v).Measurable() {
		return "", fmt.Errorf("是定性指标（目标“%s”），应评定等级（%s），不能填写数值“%s”", ind.Value, gradeNames(cfg), a.Value)
	}
	if a.Grade == "" {
		if a.Value != "" || a.HasScore {
			return "", fmt.Errorf("是定性指标，请评定等级（%s）", gradeNames(cfg))
		}
		s.Explanation = "未评定等级，得0分"
		return "未评定等级，按0分计", nil
	}
	band, ok := cfg.Grades[a.Grade]
	if !ok {
		return "", fmt.Errorf("的等级“%s”不在可选项内（%s）", a.Grade, gradeNames(cfg))
	}
	s.Actual = a.Grade
	pct := func(p jixiao.Decimal) jixiao.Decimal { return jixiao.MulDiv(s.Points, p, jixiao.Dec(100)) }
	if !a.HasScore {
		s.Score = pct(band.Default).Round(2)
		s.Explanation = "评定为“" + a.Grade + "”，按分值的" + band.Default.String() + "%计：" +
			s.Points.String() + " × " + band.Default.String() + "% = " + s.Score.Fixed(2)
		return "", nil
	}
	lo, hi := pct(band.Min), pct(band.Max)
	if a.Score < lo || a.Score > hi {
		return "", fmt.Errorf("评定为“%s”，得分应在%s至%s分之间（分值的%s%%至%s%%），填写的是%s分",
			a.Grade, lo, hi, band.Min, band.Max, a.Score)
	}
	s.Score = a.Score.Round(2)
	s.Explanation = fmt.Sprintf("评定为“%s”，评价人评分%s分（该等级为%s至%s分）", a.Grade, s.Score.Fixed(2), lo, hi)
	return "", nil
}

// gradeNames lists the configured grades, the standard ones in their
// usual order first.
func gradeNames(cfg Config) string {
	var names, extra []string
	for _, g := range jixiao.Grades {
		if _, ok := cfg.Grades[g]; ok {
			names = append(names, g)
		}
	}
	for g := range cfg.Grades {
		if !slices.Contains(jixiao.Grades, g) {
			extra = append(extra, g)
		}
	}
	slices.Sort(extra)
	return strings.Join(append(names, extra...), "、")
}
