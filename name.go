package jixiao

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// SameName reports whether two names written in different parts of a
// document mean the same thing: Word exports differ in spaces (including
// U+3000), quote styles and bracket widths, so those are ignored.
func SameName(a, b string) bool { return NormName(a) == NormName(b) }

// NormName folds a name for comparison: drops spaces and quotes, makes
// full-width ASCII forms half-width. A name with nothing to fold — most
// Chinese text — is returned as it is without building a copy, since review
// folds the same cells many times per indicator.
func NormName(s string) string {
	if plain(s) {
		return s
	}
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

// plain reports whether NormName leaves s as it is. Only runes whose
// UTF-8 starts with one of a few bytes can be folded (spaces from U+0085
// on, quotes, U+3000, full-width forms, U+FFFD), so the rest of a valid
// string — Chinese text above all — is passed over byte by byte.
func plain(s string) bool {
	if !utf8.ValidString(s) {
		return false
	}
	for i := 0; i < len(s); {
		b := s[i]
		switch {
		case b < utf8.RuneSelf:
			if foldable(rune(b)) {
				return false
			}
			i++
		case b == 0xC2 || b == 0xE1 || b == 0xE2 || b == 0xE3 || b == 0xEF:
			r, size := utf8.DecodeRuneInString(s[i:])
			if foldable(r) {
				return false
			}
			i += size
		default:
			i++
		}
	}
	return true
}

// foldable reports whether NormName changes or drops r (or r stands for an
// invalid byte, which NormName rewrites).
func foldable(r rune) bool {
	switch {
	case r < utf8.RuneSelf:
		return r == ' ' || r == '"' || r == '\'' || r >= '\t' && r <= '\r'
	case r == utf8.RuneError, r >= 0xFF01 && r <= 0xFF5E, r == '\u3000':
		return true
	case r == '“', r == '”', r == '‘', r == '’', r == '「', r == '」', r == '『', r == '』':
		return true
	}
	return unicode.IsSpace(r)
}
