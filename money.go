package jixiao

import (
	"fmt"
	"strings"
)

// Fen is an amount of money in fen (分), the only way money is held:
// 1 元 = 100 fen, 1 万元 = 1,000,000 fen. Never a float.
type Fen int64

// FenPerWan is how many fen make one 万元, the forms' money unit.
const FenPerWan = 1_000_000

// Wan formats the amount in 万元 with two decimals, as the forms print it
// (10360000 → "10.36"). Amounts finer than 0.01万元 are rounded half away
// from zero; use WanExact where nothing may be lost.
func (f Fen) Wan() string {
	neg := f < 0
	v := int64(f)
	if neg {
		v = -v
	}
	hundredths := (v + FenPerWan/200) / (FenPerWan / 100)
	s := fmt.Sprintf("%d.%02d", hundredths/100, hundredths%100)
	if neg && hundredths != 0 {
		s = "-" + s
	}
	return s
}

// WanExact formats the amount in 万元 with as many decimals as it needs
// (at least two): 10360000 → "10.36", 10360001 → "10.360001".
func (f Fen) WanExact() string {
	return Decimal(int64(f)).fixed(2)
}

// Yuan formats the amount in 元 with two decimals.
func (f Fen) Yuan() string {
	neg := f < 0
	v := int64(f)
	if neg {
		v = -v
	}
	s := fmt.Sprintf("%d.%02d", v/100, v%100)
	if neg {
		s = "-" + s
	}
	return s
}

// ParseWan reads an amount written in 万元 ("10.36", "114.5", "1,234.00")
// exactly into fen. More than six decimals cannot be held and are refused.
func ParseWan(s string) (Fen, error) {
	d, err := ParseDecimal(strings.ReplaceAll(strings.TrimSpace(s), ",", ""))
	if err != nil {
		return 0, fmt.Errorf("金额“%s”不是数字", s)
	}
	return Fen(d), nil
}

// ParseYuan reads an amount written in 元 ("98000", "98,000.50") into fen.
func ParseYuan(s string) (Fen, error) {
	d, err := ParseDecimal(strings.ReplaceAll(strings.TrimSpace(s), ",", ""))
	if err != nil {
		return 0, fmt.Errorf("金额“%s”不是数字", s)
	}
	if int64(d)%10_000 != 0 {
		return 0, fmt.Errorf("金额“%s”小于一分", s)
	}
	return Fen(int64(d) / 10_000), nil
}
