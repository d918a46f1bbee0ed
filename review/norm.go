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
	for _, r := range s {
		if foldable(r) {
			return jixiao.NormName(s)
		}
	}
	return s
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
