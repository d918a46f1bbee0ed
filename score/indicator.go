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
func scoreIndicator(s *IndicatorScore, ind *jixiao.Indicator, a *jixiao.Actual, cfg Config) (flag string, err error) {
	s.Reason = a.Reason
	if ind.Target.Measurable() {
		return quantitative(s, ind, a, cfg)
	}
	return qualitative(s, ind, a, cfg)
}

// quantitative scores a number or date against the target, and applies an
// evaluator's override when one is given with a reason.
func quantitative(s *IndicatorScore, ind *jixiao.Indicator, a *jixiao.Actual, cfg Config) (string, error) {
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
		actual := target.Parse(a.Value)
		if err := target.Comparable(t, actual); err != nil {
			return "", fmt.Errorf("的完成值“%s”：%v", a.Value, err)
		}
		s.Score, s.Explanation = computed(t, actual, s.Points)
		if ratio, _ := target.Attainment(t, actual); ratio > cfg.OverRatio {
			flag = fmt.Sprintf("完成值为目标的%s%%，超过%s%%，目标可能定得偏低，评价人可酌情扣分",
				jixiao.MulDiv(ratio, jixiao.Dec(100), jixiao.Dec(1)).Fixed(2), jixiao.MulDiv(cfg.OverRatio, jixiao.Dec(100), jixiao.Dec(1)))
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

// computed is the score of a comparable actual and its explanation: full
// points when the target is met, else proportional (positive: actual ÷
// target × points; reverse: target ÷ actual × points; zero-target reverse
// and missed deadlines: 0), capped at the points and rounded to cents.
func computed(t, actual jixiao.Target, pts jixiao.Decimal) (jixiao.Decimal, string) {
	full := pts.Round(2)
	if t.Kind == jixiao.DateKind {
		if !t.Date.Before(actual.Date) {
			return full, fmt.Sprintf("%s完成，不晚于%s，得满分%s", actual.Date.Chinese(), t.Date.Chinese(), pts)
		}
		return 0, fmt.Sprintf("%s完成，晚于%s，得0分", actual.Date.Chinese(), t.Date.Chinese())
	}
	a, _ := target.InUnit(actual, t.Unit)
	got, want := a.String()+t.Unit, target.Format(t)
	if target.Met(t, actual) {
		return full, fmt.Sprintf("完成值%s达到目标%s，得满分%s", got, want, pts)
	}
	var num, den jixiao.Decimal
	var rule string
	switch {
	case t.Direction == jixiao.Reverse && t.Number == 0:
		return 0, fmt.Sprintf("目标为%s，完成值%s，得0分", want, got)
	case t.Direction == jixiao.Reverse:
		num, den, rule = t.Number, a, "目标值 ÷ 完成值 × 分值"
	default:
		num, den, rule = a, t.Number, "完成值 ÷ 目标值 × 分值"
	}
	if den == 0 {
		return 0, fmt.Sprintf("完成值%s未达到目标%s，得0分", got, want)
	}
	sc := jixiao.Min(jixiao.MulDiv(pts, num, den), pts).Round(2)
	return sc, fmt.Sprintf("完成值%s未达到目标%s，按%s计：%s ÷ %s × %s = %s", got, want, rule, num, den, pts, sc.Fixed(2))
}

// qualitative scores an evaluator's grade: the band's default share of the
// points, or the evaluator's own score inside the band.
func qualitative(s *IndicatorScore, ind *jixiao.Indicator, a *jixiao.Actual, cfg Config) (string, error) {
	if v := strings.TrimSpace(a.Value); v != "" && target.Parse(v).Measurable() {
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
	lo, hi := pct(band.Min), pct(band.Max)
	if !a.HasScore {
		s.Score = pct(band.Default).Round(2)
		s.Explanation = fmt.Sprintf("评定为“%s”，按分值的%s%%计：%s × %s%% = %s", a.Grade, band.Default, s.Points, band.Default, s.Score.Fixed(2))
		return "", nil
	}
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
