package review

import (
	"math/rand/v2"
	"reflect"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"
)

// The hand matcher of the count and money patterns finds exactly what
// their regexps find, for the default units and for another list (with an
// empty unit and units that start with a numeral), in random strings made
// of numbers, numerals, units, their fragments and stray bytes.
func TestNumUnitFindsAsRegexp(t *testing.T) {
	pieces := []string{"0", "1", "2", "9", "12", ",", ".", "一", "两", "三", "十", "百", "千", "零", "〇", "第",
		"千米", "米", "平方米", "平方", "批次", "批", "次", "个", "人次", "人", "家", "万元", "万", "元", "亿元", "千元",
		"，", "、", " ", "每", "×", "x", "A", "\xff", "\xe4", "间", "处", "年"}
	texts := append([]string(nil), paragraphs...)
	r := rand.New(rand.NewPCG(1, 2))
	for range 20000 {
		var b strings.Builder
		for range 1 + r.IntN(12) {
			b.WriteString(pieces[r.IntN(len(pieces))])
		}
		texts = append(texts, b.String())
	}
	plain := func(a anchored) *regexp.Regexp {
		s := a.re.String()
		return regexp.MustCompile(s[len("^(?:") : len(s)-1])
	}
	other := otherConfig()
	other.CountUnits = append(other.CountUnits, "千克", "十字路口")
	for _, cfg := range []Config{DefaultConfig(), other} {
		pt := buildPatterns(&cfg)
		for _, a := range []anchored{pt.count, pt.money} {
			if a.nu == nil {
				t.Fatal("no hand matcher")
			}
			re := plain(a)
			for _, text := range texts {
				got, want := a.findAll(text), re.FindAllStringSubmatchIndex(text, -1)
				if !reflect.DeepEqual(got, want) {
					t.Fatalf("%s in %q: %v, want %v", re, text, got, want)
				}
			}
		}
	}
}

// isNumStart and isNumRest say what the numeral lists say.
func TestNumeralSets(t *testing.T) {
	for r := rune(0); r < 0x10000; r++ {
		if isNumStart(r) != strings.ContainsRune(numStart, r) || isNumRest(r) != strings.ContainsRune(numRest, r) {
			t.Fatalf("%q", r)
		}
	}
}

// clauseStart finds the clause as strings.LastIndexAny finds its mark,
// in valid and invalid text.
func TestClauseStart(t *testing.T) {
	want := func(text string, i int) int {
		k := strings.LastIndexAny(text[:i], "，,。；;：:、\n")
		if k < 0 {
			return 0
		}
		_, size := utf8.DecodeRuneInString(text[k:])
		return k + size
	}
	pieces := []string{"，", ",", "。", "；", ";", "：", ":", "、", "\n", "a", "三", "\xef", "\xbc", "\x8c", "\xe3", "\x80", "\xff", "1"}
	r := rand.New(rand.NewPCG(3, 4))
	for range 50000 {
		var b strings.Builder
		for range r.IntN(10) {
			b.WriteString(pieces[r.IntN(len(pieces))])
		}
		text := b.String()
		for i := 0; i <= len(text); i++ {
			if got, w := clauseStart(text, i), want(text, i); got != w {
				t.Fatalf("clauseStart(%q, %d) = %d, want %d", text, i, got, w)
			}
		}
	}
}
