package jixiao

import (
	"math"
	"testing"
)

var mulDivCases = [][3]int64{
	{12_500_000, 90_000_000, 95_000_000},
	{10_000_000, 9_800_000, 10_360_000},
	{1, 1, 2}, {1, 1, 3}, {-1, 1, 2}, {3, -5, 2}, {-3, -5, -2}, {5, 0, 7}, {0, -5, 7},
	{7, 5, 0},
	{math.MaxInt64, math.MaxInt64, math.MaxInt64},
	{math.MaxInt64, 2, 1}, {math.MinInt64, 1, 1}, {math.MinInt64, 1, -1}, {math.MinInt64, -1, 1},
	{math.MaxInt64, math.MaxInt64, 3}, {math.MinInt64, 2, 3}, {1 << 62, 4, 2}, {-(1 << 62), 4, 2},
	{999_999_999_999, 1_000_000, 3}, {5, 1, -2}, {-5, 1, 2}, {1_000_000_000_000_000, 1_000_000_000, 7},
}

// The 128-bit fast path must agree with arbitrary precision everywhere.
func TestMulDivMatchesBig(t *testing.T) {
	for _, c := range mulDivCases {
		d, n, den := Decimal(c[0]), Decimal(c[1]), Decimal(c[2])
		if got, want := MulDiv(d, n, den), mulDivBig(d, n, den); got != want {
			t.Errorf("MulDiv(%d, %d, %d) = %d, big %d", c[0], c[1], c[2], got, want)
		}
	}
	// 90 ÷ 95 × 12.5 = 11.842105…
	if got := MulDiv(MustDecimal("12.5"), Dec(90), Dec(95)); got.Fixed(2) != "11.84" || got != 11_842_105 {
		t.Errorf("12.5 × 90 ÷ 95 = %s", got)
	}
}

func FuzzMulDiv(f *testing.F) {
	for _, c := range mulDivCases {
		f.Add(c[0], c[1], c[2])
	}
	f.Fuzz(func(t *testing.T, a, b, c int64) {
		d, n, den := Decimal(a), Decimal(b), Decimal(c)
		if got, want := MulDiv(d, n, den), mulDivBig(d, n, den); got != want {
			t.Errorf("MulDiv(%d, %d, %d) = %d, big %d", a, b, c, got, want)
		}
	})
}

func TestDecimalParseAndFormat(t *testing.T) {
	for in, want := range map[string]string{"10": "10", "10.360": "10.36", "-0.5": "-0.5", "+7": "7", ".5": "0.5", "0.0000010": "0.000001"} {
		d, err := ParseDecimal(in)
		if err != nil || d.String() != want {
			t.Errorf("ParseDecimal(%q) = %s, %v; want %s", in, d, err, want)
		}
	}
	for _, bad := range []string{"", "-", ".", "1e3", "1.0000001", "1,000", "9223372036854775807", "abc", "1.2.3"} {
		if _, err := ParseDecimal(bad); err == nil {
			t.Errorf("ParseDecimal(%q) accepted", bad)
		}
	}
	if MustDecimal("11.845").Fixed(2) != "11.85" || MustDecimal("-11.845").Fixed(2) != "-11.85" {
		t.Error("Fixed rounds half away from zero")
	}
}

func TestFen(t *testing.T) {
	f, err := ParseWan("814.86")
	if err != nil || f != 814_860_000 || f.Wan() != "814.86" || f.Yuan() != "8148600.00" {
		t.Fatalf("%d %v", f, err)
	}
	if Fen(10_360_001).WanExact() != "10.360001" || Fen(10_355_000).Wan() != "10.36" {
		t.Error("Wan rounding")
	}
	if _, err := ParseYuan("0.001"); err == nil {
		t.Error("less than a fen accepted")
	}
	if y, _ := ParseYuan("98,000.50"); y != 9_800_050 {
		t.Errorf("ParseYuan = %d", y)
	}
}
