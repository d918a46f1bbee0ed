package jixiao

import (
	"strings"
	"testing"
	"unicode"
)

// slowNorm is NormName without its shortcut: the definition.
func slowNorm(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case unicode.IsSpace(r), r == '\u3000':
			continue
		case strings.ContainsRune("\"'“”‘’「」『』", r):
			continue
		case r >= 0xFF01 && r <= 0xFF5E:
			r -= 0xFEE0
		}
		b.WriteRune(r)
	}
	return b.String()
}

// The shortcut for names with nothing to fold changes no result.
func TestNormNameShortcut(t *testing.T) {
	for _, s := range []string{"", "产出指标", " 产出 指标\u3000", "“满意度”", "ＡＢＣ１２３", "a\tb\nc", "\xff坏", "\u00a0x\u0085",
		"「引」『号』‘’'\"", "≥95％", "\ufffd", "中\u2003文", "服务对象满意度（%）"} {
		if got, want := NormName(s), slowNorm(s); got != want {
			t.Errorf("NormName(%q) = %q, want %q", s, got, want)
		}
	}
	if !SameName("基层“星级所”建设经费", "基层\"星级所\"建设经费") {
		t.Error("quote styles must not matter")
	}
}

func FuzzNormName(f *testing.F) {
	f.Add("产出 指标“甲”ＡＢ\xff")
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := NormName(s), slowNorm(s); got != want {
			t.Fatalf("NormName(%q) = %q, want %q", s, got, want)
		}
	})
}
