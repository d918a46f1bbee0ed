package score

import (
	"math"
	"testing"

	"jixiao"
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

func TestMulDiv(t *testing.T) {
	for _, c := range mulDivCases {
		d, n, den := jixiao.Decimal(c[0]), jixiao.Decimal(c[1]), jixiao.Decimal(c[2])
		if got, want := mulDiv(d, n, den), jixiao.MulDiv(d, n, den); got != want {
			t.Errorf("mulDiv(%d, %d, %d) = %d, jixiao.MulDiv %d", c[0], c[1], c[2], got, want)
		}
	}
}

func FuzzMulDiv(f *testing.F) {
	for _, c := range mulDivCases {
		f.Add(c[0], c[1], c[2])
	}
	f.Fuzz(func(t *testing.T, a, b, c int64) {
		d, n, den := jixiao.Decimal(a), jixiao.Decimal(b), jixiao.Decimal(c)
		if got, want := mulDiv(d, n, den), jixiao.MulDiv(d, n, den); got != want {
			t.Errorf("mulDiv(%d, %d, %d) = %d, jixiao.MulDiv %d", a, b, c, got, want)
		}
	})
}
