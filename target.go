package jixiao

// TargetKind is what a 指标值 measures (DOMAIN.md §2).
type TargetKind string

const (
	Quantity    TargetKind = "quantity"
	Percent     TargetKind = "percent"
	Money       TargetKind = "money"
	DateKind    TargetKind = "date"
	Qualitative TargetKind = "qualitative"
)

// Direction says whether more is better (positive) or less is (reverse:
// ≤ limits, deadlines, costs, zero-count targets).
type Direction string

const (
	Positive Direction = "positive"
	Reverse  Direction = "reverse"
)

// Target is a 指标值 understood: "≥95%" is percent ≥ 95 positive.
// The text as written stays in Indicator.Value; Target is derived from it
// (or, for budget-system exports, from their 指标性质/度量单位 columns).
type Target struct {
	Kind      TargetKind
	Op        string  // "=", "≥", "≤", ">", "<"; "" for qualitative
	Number    Decimal // quantity, percent, money (in Unit)
	Unit      string  // 个, 户, 批次, %, 万元, 工作日 …
	Date      Date    // for DateKind
	Direction Direction
	// Flag is set when the value's shape was not recognised and it was kept
	// as qualitative only for want of a better reading; review reports it.
	Flag string
}

// Measurable reports whether the target has a number or date to compare with.
func (t Target) Measurable() bool { return t.Kind != Qualitative }
