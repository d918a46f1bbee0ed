package score

import (
	"testing"

	"jixiao"
)

func TestSuggest(t *testing.T) {
	table := DefaultConsequences()
	for _, c := range []struct {
		grade     string
		budget    jixiao.Fen
		cut       bool
		low, high jixiao.Fen
		text      string
	}{
		{"优", 10_360_000, false, 0, 0, ""},
		{"良", 10_360_000, false, 0, 0, ""},
		{"中", 10_360_000, true, 9_324_000, 9_842_000, "建议下年度预算压减 5%–10%（9.32–9.84 万元）"},
		{"中", 333, true, 300, 316, "建议下年度预算压减 5%–10%（0.00–0.00 万元）"}, // 299.7 → 300, 316.35 → 316 fen
		{"差", 30_000_000, true, 0, 15_000_000, "建议下年度预算压减 50% 以上（不超过 15.00 万元），或取消项目"},
	} {
		s := Suggest(table, c.grade, c.budget)
		if s.Cut != c.cut || s.Low != c.low || s.High != c.high || s.Text != c.text {
			t.Errorf("%s %d: %+v, want cut %v %d–%d %q", c.grade, c.budget, s, c.cut, c.low, c.high, c.text)
		}
	}
	// The table is a setting: a county that cuts 中 by a flat 8%.
	s := Suggest(map[string]Consequence{"中": {CutMin: jixiao.Dec(8), CutMax: jixiao.Dec(8)}}, "中", 10_000_000)
	if s.Low != 9_200_000 || s.High != 9_200_000 || s.Text != "建议下年度预算压减 8%（9.20 万元）" {
		t.Errorf("a flat 8%% cut: %+v", s)
	}
}
