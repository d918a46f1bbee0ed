package review

import (
	"unicode"
	"unicode/utf8"

	"jixiao"
)

// normName is jixiao.NormName without its cost in the common case: a
// name with nothing to fold (no space, quote, full-width form or invalid
// byte) is returned as it is, without building a copy. Review folds the
// same cells many times per indicator, so this is most of its work saved.
func normName(s string) string {
	if !plain(s) {
		return jixiao.NormName(s)
	}
	return s
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

// sameName is jixiao.SameName by way of normName.
func sameName(a, b string) bool { return normName(a) == normName(b) }
