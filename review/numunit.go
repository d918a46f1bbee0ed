package review

import (
	"strings"
	"unicode/utf8"
)

// numUnit matches NUM(UNIT₁|UNIT₂|…) at one place as Go's regexp does
// with numPat (or, without Chinese numerals, amount) in front of the
// units' alternation: leftmost-first, the number's greedy parts given up
// one character at a time until a unit follows, the units tried in their
// order. Reviewing a province tries the count and money patterns at every
// number of every 分项 paragraph; by hand that is a few comparisons instead
// of a run of the regexp machine.
type numUnit struct {
	chinese bool              // a number may be written in Chinese numerals (numPat)
	byFirst map[rune][]string // the units by their first character, in order
	empty   bool              // an empty unit is among them (always last: longest first)
}

// newNumUnit prepares units (in the alternation's order) for matching;
// nil when a unit could match differently from its bytes in the regexp
// (invalid UTF-8 or U+FFFD), so that the regexp is used instead.
func newNumUnit(chinese bool, units []string) *numUnit {
	nu := &numUnit{chinese: chinese, byFirst: map[rune][]string{}}
	for _, u := range units {
		if !utf8.ValidString(u) || strings.ContainsRune(u, utf8.RuneError) {
			return nil
		}
		if u == "" {
			nu.empty = true
			continue
		}
		r, _ := utf8.DecodeRuneInString(u)
		nu.byFirst[r] = append(nu.byFirst[r], u)
	}
	return nu
}

// unitAt returns the end of the first unit written at j, or -1.
func (nu *numUnit) unitAt(text string, j int) int {
	if j < len(text) {
		r, _ := utf8.DecodeRuneInString(text[j:])
		for _, u := range nu.byFirst[r] {
			if strings.HasPrefix(text[j:], u) {
				return j + len(u)
			}
		}
	}
	if nu.empty {
		return j
	}
	return -1
}

// match returns the match at i as FindStringSubmatchIndex gives it
// (whole, number, unit), with offsets in text, or nil.
func (nu *numUnit) match(text string, i int) []int {
	found := func(numEnd, end int) []int {
		return []int{i, end, i, numEnd, numEnd, end}
	}
	if b := text[i]; b >= '0' && b <= '9' {
		// [0-9][0-9,]*(?:\.[0-9]+)? then the unit.
		run := i + 1
		for run < len(text) && (text[run] >= '0' && text[run] <= '9' || text[run] == ',') {
			run++
		}
		for e := run; e > i; e-- {
			if e+1 < len(text) && text[e] == '.' && isDigit(text[e+1]) {
				f := e + 2
				for f < len(text) && isDigit(text[f]) {
					f++
				}
				for ; f > e+1; f-- {
					if end := nu.unitAt(text, f); end >= 0 {
						return found(f, end)
					}
				}
			}
			if end := nu.unitAt(text, e); end >= 0 {
				return found(e, end)
			}
		}
		return nil
	}
	if !nu.chinese {
		return nil
	}
	// [两三四五六七八九十][零〇一二两三四五六七八九十百千]* then the unit.
	r, size := utf8.DecodeRuneInString(text[i:])
	if !isNumStart(r) {
		return nil
	}
	var buf [16]int
	ends := append(buf[:0], i+size)
	for j := i + size; j < len(text); {
		r, size := utf8.DecodeRuneInString(text[j:])
		if !isNumRest(r) {
			break
		}
		j += size
		ends = append(ends, j)
	}
	for k := len(ends) - 1; k >= 0; k-- {
		if end := nu.unitAt(text, ends[k]); end >= 0 {
			return found(ends[k], end)
		}
	}
	return nil
}

func isDigit(b byte) bool { return b >= '0' && b <= '9' }
