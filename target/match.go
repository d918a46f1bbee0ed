package target

import (
	"strings"
	"unicode/utf8"
)

// The values of a province are read again on every monitoring and
// scoring of it, so the three shapes a value may have are matched by
// hand; each gives exactly what its regular expression gives (numRe,
// dateRe, isoDateRe in match_test.go, kept there as the definition), which
// the tests check on random and hand-picked strings:
//
//	number: ^(≥|≤|>|<|=)?([0-9][0-9,]*(?:\.[0-9]+)?|\.[0-9]+)([^0-9]*?)(以上|以下|以内|及以上|及以下)?$
//	        "≥95%", "3,500批次", "≤7个工作日", "90%以上"
//	date:   ^(\d{4})年(\d{1,2})月(?:(\d{1,2})(?:日|号)|(底|末))?(前|之前|以前)?$
//	        2024年12月31日 / 2024年12月31号 / 2024年12月底 / 2024年12月, optional 前/之前/以前
//	ISO:    ^(\d{4})([-./])(\d{1,2})([-./])(\d{1,2})(前|之前|以前)?$
//	        2024-12-31 / 2024.12.31 / 2024/12/31

// numSuffixes are numRe's closing words, in its order of alternatives.
var numSuffixes = []string{"以上", "以下", "以内", "及以上", "及以下"}

// matchNumber is numRe.FindStringSubmatch(s): operator, number, unit and
// suffix, or nil.
func matchNumber(s string) []string {
	rest := s
	op := ""
	for _, o := range []string{"≥", "≤", ">", "<", "="} {
		if strings.HasPrefix(rest, o) {
			op, rest = o, rest[len(o):]
			break
		}
	}
	// [0-9][0-9,]*(?:\.[0-9]+)?  or  \.[0-9]+
	i := 0
	switch {
	case i < len(rest) && isDigit(rest[i]):
		for i < len(rest) && (isDigit(rest[i]) || rest[i] == ',') {
			i++
		}
		if i+1 < len(rest) && rest[i] == '.' && isDigit(rest[i+1]) {
			i += 2
			for i < len(rest) && isDigit(rest[i]) {
				i++
			}
		}
	case i+1 < len(rest) && rest[i] == '.' && isDigit(rest[i+1]):
		i += 2
		for i < len(rest) && isDigit(rest[i]) {
			i++
		}
	default:
		return nil
	}
	num, tail := rest[:i], rest[i:]
	// [^0-9]*? then a suffix or the end: the unit is the shortest run of
	// non-digits after which only a suffix or nothing is left.
	if strings.IndexFunc(tail, func(r rune) bool { return r >= '0' && r <= '9' }) >= 0 {
		return nil
	}
	for j := 0; ; {
		for _, suf := range numSuffixes {
			if tail[j:] == suf {
				return []string{s, op, num, tail[:j], suf}
			}
		}
		if j == len(tail) {
			return []string{s, op, num, tail, ""}
		}
		_, n := utf8.DecodeRuneInString(tail[j:])
		j += n
	}
}

// dateSuffixes are the dates' closing words, in the expressions' order.
var dateSuffixes = []string{"前", "之前", "以前"}

// matchDate is dateRe.FindStringSubmatch(s): year, month, day, 底/末 and
// suffix, or nil.
func matchDate(s string) []string {
	if len(s) < 4+len("年") || !digits(s[:4]) || !strings.HasPrefix(s[4:], "年") {
		return nil
	}
	y, rest := s[:4], s[4+len("年"):]
	n := leadingDigits(rest, 2)
	if n == 0 || !strings.HasPrefix(rest[n:], "月") {
		return nil
	}
	mo, rest := rest[:n], rest[n+len("月"):]
	day, end := "", ""
	if d := leadingDigits(rest, 2); d > 0 {
		switch {
		case strings.HasPrefix(rest[d:], "日"):
			day, rest = rest[:d], rest[d+len("日"):]
		case strings.HasPrefix(rest[d:], "号"):
			day, rest = rest[:d], rest[d+len("号"):]
		default:
			return nil
		}
	} else if strings.HasPrefix(rest, "底") || strings.HasPrefix(rest, "末") {
		end, rest = rest[:len("底")], rest[len("底"):]
	}
	suf, ok := dateSuffix(rest)
	if !ok {
		return nil
	}
	return []string{s, y, mo, day, end, suf}
}

// matchISODate is isoDateRe.FindStringSubmatch(s): year, separator,
// month, separator, day and suffix, or nil.
func matchISODate(s string) []string {
	if len(s) < 5 || !digits(s[:4]) || !isSep(s[4]) {
		return nil
	}
	rest := s[5:]
	n := leadingDigits(rest, 2)
	if n == 0 || n >= len(rest) || !isSep(rest[n]) {
		return nil
	}
	mo, sep2, rest := rest[:n], rest[n:n+1], rest[n+1:]
	d := leadingDigits(rest, 2)
	if d == 0 {
		return nil
	}
	day, rest := rest[:d], rest[d:]
	suf, ok := dateSuffix(rest)
	if !ok {
		return nil
	}
	return []string{s, s[:4], s[4:5], mo, sep2, day, suf}
}

// dateSuffix accepts what may end a date: nothing or one suffix.
func dateSuffix(rest string) (string, bool) {
	if rest == "" {
		return "", true
	}
	for _, suf := range dateSuffixes {
		if rest == suf {
			return suf, true
		}
	}
	return "", false
}

func isDigit(b byte) bool { return b >= '0' && b <= '9' }
func isSep(b byte) bool   { return b == '-' || b == '.' || b == '/' }

func digits(s string) bool {
	for i := 0; i < len(s); i++ {
		if !isDigit(s[i]) {
			return false
		}
	}
	return true
}

// leadingDigits is how many of s's first max bytes are digits, counted
// from the start.
func leadingDigits(s string, max int) int {
	n := 0
	for n < len(s) && n < max && isDigit(s[n]) {
		n++
	}
	return n
}
