package jixiao

import (
	"errors"
	"math"
	"math/big"
	"math/bits"
	"strconv"
	"strings"
)

// Decimal is an exact decimal number with six fixed decimal places, held as
// an integer count of millionths. Six places make a 万元 amount exactly a
// count of fen (Fen(d) is the conversion), and are ample for targets,
// percentages and scores. Arithmetic that must round says so.
type Decimal int64

// DecimalScale is the number of millionths in one.
const DecimalScale = 1_000_000

// ErrDecimal is returned for text that is not an exact decimal Decimal can hold.
var ErrDecimal = errors.New("not a decimal number")

// Dec returns the Decimal for a whole number.
func Dec(n int64) Decimal { return Decimal(n * DecimalScale) }

// ParseDecimal reads "10", "-3.5", "0.000001", "+7". Anything else —
// exponents, more than six decimals, more than fits — is ErrDecimal.
func ParseDecimal(s string) (Decimal, error) {
	if s == "" {
		return 0, ErrDecimal
	}
	neg := false
	switch s[0] {
	case '-':
		neg, s = true, s[1:]
	case '+':
		s = s[1:]
	}
	whole, frac, dot := strings.Cut(s, ".")
	if whole == "" && (!dot || frac == "") {
		return 0, ErrDecimal
	}
	if len(frac) > 6 {
		// Trailing zeros beyond the sixth place lose nothing.
		t := strings.TrimRight(frac[6:], "0")
		if t != "" {
			return 0, ErrDecimal
		}
		frac = frac[:6]
	}
	for _, part := range []string{whole, frac} {
		for i := 0; i < len(part); i++ {
			if part[i] < '0' || part[i] > '9' {
				return 0, ErrDecimal
			}
		}
	}
	var w int64
	if whole != "" {
		var err error
		w, err = strconv.ParseInt(whole, 10, 64)
		if err != nil || w > math.MaxInt64/DecimalScale-1 {
			return 0, ErrDecimal
		}
	}
	f := int64(0)
	if frac != "" {
		f, _ = strconv.ParseInt(frac+strings.Repeat("0", 6-len(frac)), 10, 64)
	}
	v := w*DecimalScale + f
	if neg {
		v = -v
	}
	return Decimal(v), nil
}

// MustDecimal is ParseDecimal for literals known to be valid.
func MustDecimal(s string) Decimal {
	d, err := ParseDecimal(s)
	if err != nil {
		panic("jixiao: bad decimal literal " + s)
	}
	return d
}

// String writes the shortest exact form: "10", "10.36", "-0.5".
func (d Decimal) String() string { return d.fixed(0) }

// Fixed writes d rounded half away from zero to n decimals (0 ≤ n ≤ 6).
func (d Decimal) Fixed(n int) string {
	return d.Round(n).fixed(n)
}

// fixed writes d exactly, with at least min decimals.
func (d Decimal) fixed(min int) string {
	v := int64(d)
	neg := v < 0
	u := uint64(v)
	if neg {
		u = uint64(-v)
	}
	whole := strconv.FormatUint(u/DecimalScale, 10)
	frac := strconv.FormatUint(u%DecimalScale+DecimalScale, 10)[1:]
	frac = strings.TrimRight(frac, "0")
	for len(frac) < min {
		frac += "0"
	}
	s := whole
	if frac != "" {
		s += "." + frac
	}
	if neg && u != 0 {
		s = "-" + s
	}
	return s
}

// Round rounds to n decimals, half away from zero.
func (d Decimal) Round(n int) Decimal {
	if n >= 6 {
		return d
	}
	step := int64(math.Pow10(6 - n))
	v := int64(d)
	if v < 0 {
		return -Decimal(((-v + step/2) / step) * step)
	}
	return Decimal(((v + step/2) / step) * step)
}

// Float is for drawing charts only; never compare or store it.
func (d Decimal) Float() float64 { return float64(d) / DecimalScale }

// MulDiv returns d × num ÷ den exactly rounded half away from zero to the
// nearest millionth, computed without overflow. It is the one primitive
// behind ratios (actual ÷ target × points, spent ÷ budget × 100). The
// common case runs in 128-bit integer arithmetic and allocates nothing, so
// scoring a province stays cheap; quotients beyond 64 bits go through
// big.Int (mulDivBig), which the tests hold the fast path equal to.
func MulDiv(d, num, den Decimal) Decimal {
	if den == 0 {
		return 0
	}
	neg := (d < 0) != (num < 0) != (den < 0)
	a, b, c := absU(d), absU(num), absU(den)
	hi, lo := bits.Mul64(a, b)
	if hi >= c {
		return mulDivBig(d, num, den)
	}
	q, r := bits.Div64(hi, lo, c)
	if r >= c-r { // 2r ≥ c: half or more rounds away from zero
		q++
	}
	if q > math.MaxInt64 {
		return mulDivBig(d, num, den)
	}
	if neg {
		return -Decimal(q)
	}
	return Decimal(q)
}

// absU is |d| as an unsigned number (|MinInt64| included).
func absU(d Decimal) uint64 {
	if d < 0 {
		return uint64(-(d + 1)) + 1
	}
	return uint64(d)
}

// mulDivBig is MulDiv in arbitrary precision, saturating at the int64 range.
func mulDivBig(d, num, den Decimal) Decimal {
	if den == 0 {
		return 0
	}
	var r big.Int
	r.Mul(big.NewInt(int64(d)), big.NewInt(int64(num)))
	return Decimal(divRound(&r, big.NewInt(int64(den))))
}

// Ratio returns a ÷ b as a Decimal (b ≠ 0), rounded to the nearest millionth.
func Ratio(a, b int64) Decimal {
	return MulDiv(Decimal(a), DecimalScale, Decimal(b))
}

func divRound(n, d *big.Int) int64 {
	neg := (n.Sign() < 0) != (d.Sign() < 0)
	var a, b, q, m big.Int
	a.Abs(n)
	b.Abs(d)
	q.QuoRem(&a, &b, &m)
	m.Mul(&m, big.NewInt(2))
	if m.Cmp(&b) >= 0 {
		q.Add(&q, big.NewInt(1))
	}
	if neg {
		q.Neg(&q)
	}
	if !q.IsInt64() {
		if neg {
			return math.MinInt64
		}
		return math.MaxInt64
	}
	return q.Int64()
}

// Min returns the smaller of a and b.
func Min(a, b Decimal) Decimal {
	if a < b {
		return a
	}
	return b
}
