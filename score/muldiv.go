package score

import (
	"math"
	"math/bits"

	"jixiao"
)

// mulDiv is jixiao.MulDiv (d × num ÷ den, rounded half away from zero to
// the millionth) computed in 128-bit integer arithmetic instead of big.Int,
// so that scoring a province allocates nothing per multiplication. Results
// are identical (see TestMulDiv); the rare quotient beyond 64 bits is left
// to jixiao.MulDiv.
func mulDiv(d, num, den jixiao.Decimal) jixiao.Decimal {
	if den == 0 {
		return 0
	}
	neg := (d < 0) != (num < 0) != (den < 0)
	a, b, c := abs(d), abs(num), abs(den)
	hi, lo := bits.Mul64(a, b)
	if hi >= c {
		return jixiao.MulDiv(d, num, den)
	}
	q, r := bits.Div64(hi, lo, c)
	if r >= c-r { // 2r ≥ c: half or more rounds away from zero
		q++
	}
	if q > math.MaxInt64 {
		return jixiao.MulDiv(d, num, den)
	}
	if neg {
		return -jixiao.Decimal(q)
	}
	return jixiao.Decimal(q)
}

// abs is |d| as an unsigned number (|MinInt64| included).
func abs(d jixiao.Decimal) uint64 {
	if d < 0 {
		return uint64(-(d + 1)) + 1
	}
	return uint64(d)
}
