package target

import (
	"fmt"

	"jixiao"
)

// InUnit returns v expressed in unit: the same unit as written, or a money
// amount between 元/千元/万元/亿元. ok is false when the units differ in kind
// (an actual of "90个" against a target in %), which callers must refuse.
func InUnit(v jixiao.Target, unit string) (jixiao.Decimal, bool) {
	if v.Unit == unit {
		return v.Number, true
	}
	from, to := moneyUnits[v.Unit], moneyUnits[unit]
	if from != 0 && to != 0 {
		return jixiao.MulDiv(v.Number, jixiao.Decimal(from), jixiao.Decimal(to)), true
	}
	// 个 and 个工作日-style variants: "7个工作日" vs "7工作日".
	if "个"+v.Unit == unit || v.Unit == "个"+unit {
		return v.Number, true
	}
	return 0, false
}

// Comparable reports whether an actual value can be measured against t,
// and says why not in Chinese when it cannot.
func Comparable(t, actual jixiao.Target) error {
	switch {
	case !t.Measurable():
		return fmt.Errorf("定性指标应评定等级，不能填写数值")
	case t.Kind == jixiao.DateKind:
		if actual.Kind != jixiao.DateKind {
			return fmt.Errorf("时间指标的完成值应为日期，例如 2024年12月20日")
		}
		return nil
	case !actual.Measurable():
		return fmt.Errorf("完成值应为数值，目标为“%s%s”", t.Number, t.Unit)
	}
	if _, ok := InUnit(actual, t.Unit); !ok {
		return fmt.Errorf("完成值的单位“%s”与目标单位“%s”不一致", actual.Unit, t.Unit)
	}
	return nil
}

// Met reports whether an actual value meets the target: a deadline met on
// or before the date, a quantity by the target's own operator.
func Met(t, actual jixiao.Target) bool {
	if Comparable(t, actual) != nil {
		return false
	}
	if t.Kind == jixiao.DateKind {
		return !t.Date.Before(actual.Date)
	}
	a, _ := InUnit(actual, t.Unit)
	switch t.Op {
	case "≥":
		return a >= t.Number
	case ">":
		return a > t.Number
	case "≤":
		return a <= t.Number
	case "<":
		return a < t.Number
	}
	if t.Direction == jixiao.Reverse {
		return a <= t.Number
	}
	return a >= t.Number
}

// Attainment is actual against target as a fraction (1 = exactly the
// target), oriented so that more is better: actual ÷ target for positive
// targets, target ÷ actual for reverse ones. Zero-target reverse indicators
// (0次 accidents) are 1 when the actual is 0 and 0 otherwise. For dates it
// is 1 on or before the deadline and 0 after. ok is false when the two
// cannot be compared.
func Attainment(t, actual jixiao.Target) (ratio jixiao.Decimal, ok bool) {
	if Comparable(t, actual) != nil {
		return 0, false
	}
	one := jixiao.Dec(1)
	if t.Kind == jixiao.DateKind {
		if t.Date.Before(actual.Date) {
			return 0, true
		}
		return one, true
	}
	a, _ := InUnit(actual, t.Unit)
	if t.Direction == jixiao.Reverse {
		if t.Number == 0 {
			if a == 0 {
				return one, true
			}
			return 0, true
		}
		if a == 0 {
			return one, true
		}
		return jixiao.MulDiv(one, t.Number, a), true
	}
	if t.Number == 0 {
		return one, true
	}
	return jixiao.MulDiv(one, a, t.Number), true
}

// Format writes a target back in the forms' notation: "≥95%", "10个",
// "2024年12月31日". Qualitative targets have no notation of their own;
// callers show the value as written.
func Format(t jixiao.Target) string {
	switch t.Kind {
	case jixiao.DateKind:
		return t.Date.Chinese()
	case jixiao.Qualitative:
		return ""
	}
	op := t.Op
	if op == "=" {
		op = ""
	}
	return op + t.Number.String() + t.Unit
}
