package target

import (
	"testing"
	"unicode/utf8"

	"jixiao"
)

func TestParse(t *testing.T) {
	d := jixiao.MustDecimal
	cases := []struct {
		in   string
		want jixiao.Target
	}{
		// Every shape in the example document.
		{"10个", jixiao.Target{Kind: jixiao.Quantity, Op: "=", Number: d("10"), Unit: "个", Direction: jixiao.Positive}},
		{"110户", jixiao.Target{Kind: jixiao.Quantity, Op: "=", Number: d("110"), Unit: "户", Direction: jixiao.Positive}},
		{"3500批次", jixiao.Target{Kind: jixiao.Quantity, Op: "=", Number: d("3500"), Unit: "批次", Direction: jixiao.Positive}},
		{"1000批次", jixiao.Target{Kind: jixiao.Quantity, Op: "=", Number: d("1000"), Unit: "批次", Direction: jixiao.Positive}},
		{"10辆", jixiao.Target{Kind: jixiao.Quantity, Op: "=", Number: d("10"), Unit: "辆", Direction: jixiao.Positive}},
		{"≥95%", jixiao.Target{Kind: jixiao.Percent, Op: "≥", Number: d("95"), Unit: "%", Direction: jixiao.Positive}},
		{"≥85%", jixiao.Target{Kind: jixiao.Percent, Op: "≥", Number: d("85"), Unit: "%", Direction: jixiao.Positive}},
		{"100%", jixiao.Target{Kind: jixiao.Percent, Op: "=", Number: d("100"), Unit: "%", Direction: jixiao.Positive}},
		{"0次", jixiao.Target{Kind: jixiao.Quantity, Op: "=", Number: 0, Unit: "次", Direction: jixiao.Reverse}},
		{"10.36万元", jixiao.Target{Kind: jixiao.Money, Op: "=", Number: d("10.36"), Unit: "万元", Direction: jixiao.Reverse}},
		{"114.5万元", jixiao.Target{Kind: jixiao.Money, Op: "=", Number: d("114.5"), Unit: "万元", Direction: jixiao.Reverse}},
		{"30万元\u3000", jixiao.Target{Kind: jixiao.Money, Op: "=", Number: d("30"), Unit: "万元", Direction: jixiao.Reverse}},
		{"2024年12月31日", jixiao.Target{Kind: jixiao.DateKind, Op: "≤", Date: jixiao.Date{Y: 2024, M: 12, D: 31}, Direction: jixiao.Reverse}},
		{"日益提高", jixiao.Target{Kind: jixiao.Qualitative}},
		{"持续提高", jixiao.Target{Kind: jixiao.Qualitative}},
		{"水平日益提高", jixiao.Target{Kind: jixiao.Qualitative}},
		{"可持续性", jixiao.Target{Kind: jixiao.Qualitative}},
		{"持续提升我局社会影响力", jixiao.Target{Kind: jixiao.Qualitative}},
		// DOMAIN.md §2 and common variants.
		{"≤7工作日", jixiao.Target{Kind: jixiao.Quantity, Op: "≤", Number: d("7"), Unit: "工作日", Direction: jixiao.Reverse}},
		{"≤90万元", jixiao.Target{Kind: jixiao.Money, Op: "≤", Number: d("90"), Unit: "万元", Direction: jixiao.Reverse}},
		{"≥100万元", jixiao.Target{Kind: jixiao.Money, Op: "≥", Number: d("100"), Unit: "万元", Direction: jixiao.Positive}},
		{"７工作日", jixiao.Target{Kind: jixiao.Quantity, Op: "=", Number: d("7"), Unit: "工作日", Direction: jixiao.Reverse}},
		{"＞＝９０％", jixiao.Target{Kind: jixiao.Percent, Op: "≥", Number: d("90"), Unit: "%", Direction: jixiao.Positive}},
		{">=90%", jixiao.Target{Kind: jixiao.Percent, Op: "≥", Number: d("90"), Unit: "%", Direction: jixiao.Positive}},
		{"90%以上", jixiao.Target{Kind: jixiao.Percent, Op: "≥", Number: d("90"), Unit: "%", Direction: jixiao.Positive}},
		{"不低于5%", jixiao.Target{Kind: jixiao.Percent, Op: "≥", Number: d("5"), Unit: "%", Direction: jixiao.Positive}},
		{"5%以下", jixiao.Target{Kind: jixiao.Percent, Op: "≤", Number: d("5"), Unit: "%", Direction: jixiao.Reverse}},
		{"3,500批次", jixiao.Target{Kind: jixiao.Quantity, Op: "=", Number: d("3500"), Unit: "批次", Direction: jixiao.Positive}},
		{"12", jixiao.Target{Kind: jixiao.Quantity, Op: "=", Number: d("12"), Direction: jixiao.Positive}},
		{"2024-06-30", jixiao.Target{Kind: jixiao.DateKind, Op: "≤", Date: jixiao.Date{Y: 2024, M: 6, D: 30}, Direction: jixiao.Reverse}},
		{"2024年12月底前", jixiao.Target{Kind: jixiao.DateKind, Op: "≤", Date: jixiao.Date{Y: 2024, M: 12, D: 31}, Direction: jixiao.Reverse}},
		{"2024年2月", jixiao.Target{Kind: jixiao.DateKind, Op: "≤", Date: jixiao.Date{Y: 2024, M: 2, D: 29}, Direction: jixiao.Reverse}},
		// Unrecognised shapes: qualitative, flagged.
		{"", jixiao.Target{Kind: jixiao.Qualitative, Flag: FlagEmpty}},
		{"约3500批次左右，视情况", jixiao.Target{Kind: jixiao.Qualitative, Flag: FlagUnread}},
		{"2024年13月1日", jixiao.Target{Kind: jixiao.Qualitative, Flag: FlagUnread}},
		{"≥≥5", jixiao.Target{Kind: jixiao.Qualitative, Flag: FlagUnread}},
		{"1e5个", jixiao.Target{Kind: jixiao.Qualitative, Flag: FlagUnread}},
	}
	for _, c := range cases {
		got := Parse(c.in)
		if got != c.want {
			t.Errorf("Parse(%q) = %+v, want %+v", c.in, got, c.want)
		}
	}
}

func TestAttainmentAndMet(t *testing.T) {
	d := jixiao.MustDecimal
	cases := []struct {
		target, actual string
		ratio          string
		met            bool
	}{
		{"≥95%", "90%", "0.947368", false},
		{"≥95%", "96%", "1.010526", true},
		{"10个", "10个", "1", true},
		{"10.36万元", "9.80万元", "1.057143", true},
		{"10.36万元", "98000元", "1.057143", true},
		{"0次", "0次", "1", true},
		{"0次", "2次", "0", false},
		{"2024年12月31日", "2024年12月20日", "1", true},
		{"2024年12月31日", "2025年1月2日", "0", false},
		{"≤7工作日", "14工作日", "0.5", false},
	}
	for _, c := range cases {
		tg, ac := Parse(c.target), Parse(c.actual)
		r, ok := Attainment(tg, ac)
		if !ok || r != d(c.ratio) {
			t.Errorf("Attainment(%s, %s) = %s %v, want %s", c.target, c.actual, r, ok, c.ratio)
		}
		if Met(tg, ac) != c.met {
			t.Errorf("Met(%s, %s) = %v", c.target, c.actual, !c.met)
		}
	}
	if err := Comparable(Parse("≥95%"), Parse("90个")); err == nil {
		t.Error("an actual in 个 against a % target must not compare")
	}
	if err := Comparable(Parse("日益提高"), Parse("5个")); err == nil {
		t.Error("a number against a qualitative target must not compare")
	}
}

func TestFormatRoundTrip(t *testing.T) {
	for _, v := range []string{"10个", "≥95%", "2024年12月31日", "≤7工作日", "10.36万元", "0次"} {
		if got := Format(Parse(v)); got != v {
			t.Errorf("Format(Parse(%q)) = %q", v, got)
		}
	}
}

func FuzzParse(f *testing.F) {
	for _, s := range []string{"10个", "≥95%", "2024年12月31日", "30万元\u3000", "日益提高", "0次", "≤7工作日", "3,500批次", "2024年2月底前", "\xff\xfe"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		tg := Parse(s)
		switch tg.Kind {
		case jixiao.Qualitative:
			if tg.Op != "" || tg.Number != 0 {
				t.Fatalf("qualitative with a number: %+v", tg)
			}
		case jixiao.DateKind:
			if tg.Date.IsZero() || tg.Direction != jixiao.Reverse {
				t.Fatalf("bad date target %+v", tg)
			}
		case jixiao.Quantity, jixiao.Percent, jixiao.Money:
			if tg.Op == "" || tg.Number < 0 || !utf8.ValidString(tg.Unit) {
				t.Fatalf("bad numeric target %+v from %q", tg, s)
			}
			// What was read must read back the same.
			if again := Parse(Format(tg)); again.Number != tg.Number || again.Unit != tg.Unit || again.Kind != tg.Kind {
				t.Fatalf("Format(%+v)=%q reads back as %+v", tg, Format(tg), again)
			}
		default:
			t.Fatalf("unknown kind %q", tg.Kind)
		}
	})
}
