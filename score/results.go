package score

import (
	"fmt"

	"jixiao"
)

// Results steer next year's budget (结果应用, DOMAIN.md §6): a project
// graded 中 is commonly cut by 5–10%, one graded 差 by half or more, or
// dropped. This is local practice, so the table is a setting; the product
// suggests, the budget decides.

// Consequence is what a grade suggests for a project's next budget: a cut
// between CutMin and CutMax percent of this year's budget (both zero: no
// change), and Drop when dropping the project is also to be considered.
type Consequence struct {
	CutMin, CutMax jixiao.Decimal
	Drop           bool
}

// DefaultConsequences is the common practice: 优 and 良 keep their budget,
// 中 is cut by 5–10%, 差 by 50% or more, or dropped.
func DefaultConsequences() map[string]Consequence {
	return map[string]Consequence{
		"中": {CutMin: jixiao.Dec(5), CutMax: jixiao.Dec(10)},
		"差": {CutMin: jixiao.Dec(50), CutMax: jixiao.Dec(100), Drop: true},
	}
}

// Suggestion is a scored project's consequence in words, with next
// year's budget range in 万元 where a cut is suggested.
type Suggestion struct {
	Grade string
	Cut   bool
	// Low and High bound next year's budget after the cut.
	Low, High jixiao.Fen
	Text      string
}

// Suggest says what the grade of a project with this year's budget
// suggests under the table: "" Text when nothing changes.
func Suggest(table map[string]Consequence, grade string, budget jixiao.Fen) Suggestion {
	c, ok := table[grade]
	s := Suggestion{Grade: grade}
	if !ok || (c.CutMin == 0 && c.CutMax == 0 && !c.Drop) {
		return s
	}
	// budget × (100 − cut) ÷ 100, to the fen (MulDiv rounds to its unit,
	// here a fen, half away from zero).
	after := func(cut jixiao.Decimal) jixiao.Fen {
		return jixiao.Fen(jixiao.MulDiv(jixiao.Decimal(budget), jixiao.Dec(100)-cut, jixiao.Dec(100)))
	}
	s.Cut, s.Low, s.High = true, after(c.CutMax), after(c.CutMin)
	switch {
	case c.CutMin == c.CutMax:
		s.Text = fmt.Sprintf("建议下年度预算压减 %s%%（%s 万元）", c.CutMin.String(), s.Low.Wan())
	case c.CutMax >= jixiao.Dec(100):
		s.Text = fmt.Sprintf("建议下年度预算压减 %s%% 以上（不超过 %s 万元）", c.CutMin.String(), s.High.Wan())
	default:
		s.Text = fmt.Sprintf("建议下年度预算压减 %s%%–%s%%（%s–%s 万元）", c.CutMin.String(), c.CutMax.String(), s.Low.Wan(), s.High.Wan())
	}
	if c.Drop {
		s.Text += "，或取消项目"
	}
	return s
}
