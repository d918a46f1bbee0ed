package jixiao

import (
	"strings"
	"unicode"
)

// SameName reports whether two names written in different parts of a
// document mean the same thing: Word exports differ in spaces (including
// U+3000), quote styles and bracket widths, so those are ignored.
func SameName(a, b string) bool { return NormName(a) == NormName(b) }

// NormName folds a name for comparison: drops spaces and quotes, makes
// full-width ASCII forms half-width.
func NormName(s string) string {
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
