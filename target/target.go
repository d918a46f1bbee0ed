// Package target reads 指标值 — the target values of performance
// indicators as departments write them ("10个", "≥95%", "2024年12月31日",
// "30万元", "日益提高") — into jixiao.Target, and compares values with
// targets in a common unit. It is pure and safe on any input: a value it
// cannot read becomes qualitative with a flag, never an error or a panic.
package target

import (
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"jixiao"
)

// MaxLen bounds the text examined; a 指标值 is a short cell, and anything
// longer than this is kept as written but read as qualitative.
const MaxLen = 200

// FlagUnread is set on a target whose value has digits or an operator but
// no shape the parser knows; review turns it into a finding.
const FlagUnread = "未能识别的指标值形式"

// FlagEmpty marks a missing value.
const FlagEmpty = "指标值为空"

// prefix words that mean an operator.
var opWords = []struct{ word, op string }{
	{"大于等于", "≥"}, {"小于等于", "≤"}, {"不低于", "≥"}, {"不少于", "≥"}, {"不小于", "≥"},
	{"至少", "≥"}, {"达到", "≥"}, {"不高于", "≤"}, {"不多于", "≤"}, {"不超过", "≤"},
	{"不大于", "≤"}, {"最多", "≤"}, {"控制在", "≤"}, {"大于", ">"}, {"高于", ">"},
	{"超过", ">"}, {"小于", "<"}, {"低于", "<"}, {"少于", "<"}, {"等于", "="},
}

// Units of time: a count of them is a duration, and shorter is better.
var durationUnits = map[string]bool{
	"工作日": true, "个工作日": true, "天": true, "日": true, "个自然日": true, "自然日": true,
	"小时": true, "个小时": true, "分钟": true, "周": true, "个月": true, "月": true,
}

// Money units and their size in fen.
var moneyUnits = map[string]int64{
	"元": 100, "千元": 100_000, "万元": 1_000_000, "亿元": 100_000_000_000,
}

// Normalize folds the writing variants of one value: full-width ASCII and
// spaces (U+3000), ≧/>=/⩾ forms of the operators, surrounding blanks.
func Normalize(s string) string {
	if len(s) > MaxLen*4 {
		s = s[:MaxLen*4]
	}
	if normal(s) {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == utf8.RuneError:
			continue
		case r == '\u3000' || unicode.IsSpace(r):
			continue
		case r == '％':
			r = '%'
		case r == '≧' || r == '⩾':
			r = '≥'
		case r == '≦' || r == '⩽':
			r = '≤'
		case r >= 0xFF01 && r <= 0xFF5E:
			r -= 0xFEE0
		}
		b.WriteRune(r)
	}
	return opForms.Replace(b.String())
}

// normal reports whether Normalize would return s unchanged, so that the
// common case (a value already written plainly) costs no copy.
func normal(s string) bool {
	for _, r := range s {
		switch {
		case r < utf8.RuneSelf:
			if r == ' ' || r >= '\t' && r <= '\r' {
				return false
			}
		case r == utf8.RuneError, r == '\u3000', r == '％', r == '≧', r == '⩾', r == '≦', r == '⩽',
			r >= 0xFF01 && r <= 0xFF5E, unicode.IsSpace(r):
			return false
		}
	}
	return !strings.Contains(s, ">=") && !strings.Contains(s, "<=")
}

// opForms folds two-character operator spellings into the forms' symbols.
var opForms = strings.NewReplacer(">=", "≥", "<=", "≤")

// Parse reads a 指标值. It never fails: what it cannot read is qualitative,
// flagged when it looks like it meant a number.
func Parse(value string) jixiao.Target {
	s := Normalize(value)
	if s == "" {
		return jixiao.Target{Kind: jixiao.Qualitative, Flag: FlagEmpty}
	}
	if utf8.RuneCountInString(s) > MaxLen {
		return jixiao.Target{Kind: jixiao.Qualitative, Flag: FlagUnread}
	}
	if t, ok := parseDate(s); ok {
		return t
	}
	if t, ok := parseNumber(s); ok {
		return t
	}
	t := jixiao.Target{Kind: jixiao.Qualitative}
	if strings.ContainsAny(s, "0123456789≥≤<>=%") {
		t.Flag = FlagUnread
	}
	return t
}

func parseDate(s string) (jixiao.Target, bool) {
	m := matchDate(s)
	if m == nil {
		iso := matchISODate(s)
		if iso == nil || iso[2] != iso[4] {
			return jixiao.Target{}, false
		}
		m = []string{iso[0], iso[1], iso[3], iso[5], "", iso[6]}
	}
	y, _ := strconv.Atoi(m[1])
	mo, _ := strconv.Atoi(m[2])
	if mo < 1 || mo > 12 || y < 1900 || y > 2200 {
		return jixiao.Target{}, false
	}
	// A bare "2024年12" with neither 月 nor day is not a date.
	var d int
	switch {
	case m[3] != "":
		d, _ = strconv.Atoi(m[3])
		last := time.Date(y, time.Month(mo)+1, 0, 0, 0, 0, 0, time.UTC).Day()
		if d < 1 || d > last {
			return jixiao.Target{}, false
		}
	default:
		d = time.Date(y, time.Month(mo)+1, 0, 0, 0, 0, 0, time.UTC).Day() // 月底: the month's last day
	}
	return jixiao.Target{
		Kind:      jixiao.DateKind,
		Op:        "≤",
		Date:      jixiao.Date{Y: y, M: time.Month(mo), D: d},
		Direction: jixiao.Reverse,
	}, true
}

func parseNumber(s string) (jixiao.Target, bool) {
	op := ""
	for _, w := range opWords {
		if strings.HasPrefix(s, w.word) {
			op, s = w.op, s[len(w.word):]
			break
		}
	}
	m := matchNumber(s)
	if m == nil {
		return jixiao.Target{}, false
	}
	if m[1] != "" {
		if op != "" {
			return jixiao.Target{}, false // "不低于≥5": two operators
		}
		op = m[1]
	}
	num, err := jixiao.ParseDecimal(strings.ReplaceAll(m[2], ",", ""))
	if err != nil || num < 0 {
		return jixiao.Target{}, false
	}
	unit := strings.Trim(m[3], "()（）")
	switch m[4] {
	case "以上", "及以上":
		if op == "" {
			op = "≥"
		}
	case "以下", "以内", "及以下":
		if op == "" {
			op = "≤"
		}
	}
	if !plausibleUnit(unit) {
		return jixiao.Target{}, false
	}
	if op == "" {
		op = "="
	}
	t := jixiao.Target{Op: op, Number: num, Unit: unit, Direction: jixiao.Positive}
	switch {
	case unit == "%" || unit == "‰":
		t.Kind = jixiao.Percent
	case moneyUnits[unit] != 0:
		t.Kind = jixiao.Money
		// A cost written as a plain amount is a ceiling: spending less is fine.
		if op == "=" {
			t.Direction = jixiao.Reverse
		}
	default:
		t.Kind = jixiao.Quantity
		if durationUnits[unit] || (num == 0 && op == "=") {
			t.Direction = jixiao.Reverse
		}
	}
	if op == "≤" || op == "<" {
		t.Direction = jixiao.Reverse
	}
	return t, true
}

// plausibleUnit accepts a short unit made of letters (个, 批次, 万人次, km,
// 平方米) and %; a "unit" with sentence punctuation or digits means the
// value was a sentence, not a number.
func plausibleUnit(u string) bool {
	if utf8.RuneCountInString(u) > 6 {
		return false
	}
	for _, r := range u {
		if !(unicode.IsLetter(r) || r == '%' || r == '‰' || r == '²' || r == '³' || r == '/') {
			return false
		}
	}
	return true
}
