package store

import (
	"strconv"
	"unicode/utf8"

	"jixiao/review"
)

// The JSON a save writes most of — the stored review's findings and the
// text the audit trail hashes — written by hand, byte for byte what
// encoding/json writes for the same values (checked by
// TestJSONTextAsEncodingJSON): encoding/json reflects over every value and
// decodes every rune of a string to escape it, which a province's import
// pays for hundreds of thousands of times. The bytes must not differ, since
// the audit trail's hashes are over them.

const hexDigits = "0123456789abcdef"

// jsonSafe says which ASCII bytes encoding/json copies into a string
// unescaped (with HTML escaping on, as json.Marshal does).
var jsonSafe = func() (t [utf8.RuneSelf]bool) {
	for b := 0x20; b < utf8.RuneSelf; b++ {
		t[b] = true
	}
	for _, b := range `"\<>&` {
		t[b] = false
	}
	return t
}()

// appendJSONString appends s as json.Marshal writes a string.
func appendJSONString(dst []byte, s string) []byte {
	valid := utf8.ValidString(s)
	dst = append(dst, '"')
	start := 0
	for i := 0; i < len(s); {
		b := s[i]
		if b < utf8.RuneSelf {
			if jsonSafe[b] {
				i++
				continue
			}
			dst = append(dst, s[start:i]...)
			switch b {
			case '\\', '"':
				dst = append(dst, '\\', b)
			case '\b':
				dst = append(dst, '\\', 'b')
			case '\f':
				dst = append(dst, '\\', 'f')
			case '\n':
				dst = append(dst, '\\', 'n')
			case '\r':
				dst = append(dst, '\\', 'r')
			case '\t':
				dst = append(dst, '\\', 't')
			default:
				dst = append(dst, '\\', 'u', '0', '0', hexDigits[b>>4], hexDigits[b&0xF])
			}
			i++
			start = i
			continue
		}
		if valid {
			// Only U+2028 and U+2029 (E2 80 A8/A9) are escaped in valid text.
			if b == 0xE2 && i+2 < len(s) && s[i+1] == 0x80 && s[i+2]&^1 == 0xA8 {
				dst = append(dst, s[start:i]...)
				dst = append(dst, '\\', 'u', '2', '0', '2', hexDigits[s[i+2]&0xF])
				i += 3
				start = i
				continue
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			dst = append(dst, s[start:i]...)
			dst = append(dst, `\ufffd`...)
			i++
			start = i
			continue
		}
		if r == '\u2028' || r == '\u2029' {
			dst = append(dst, s[start:i]...)
			dst = append(dst, '\\', 'u', '2', '0', '2', hexDigits[r&0xF])
			i += size
			start = i
			continue
		}
		i += size
	}
	dst = append(dst, s[start:]...)
	return append(dst, '"')
}

// appendFindings appends the findings as json.Marshal writes them
// (review.Finding.MarshalJSON's shape), "[]" for none.
func appendFindings(dst []byte, fs []review.Finding) []byte {
	dst = append(dst, '[')
	for i := range fs {
		f := &fs[i]
		if i > 0 {
			dst = append(dst, ',')
		}
		dst = append(dst, `{"rule":`...)
		dst = appendJSONString(dst, f.Rule)
		dst = append(dst, `,"severity":`...)
		dst = appendJSONString(dst, string(f.Severity))
		dst = append(dst, `,"project":`...)
		dst = appendJSONString(dst, f.Project)
		if f.Indicator > 0 {
			dst = append(dst, `,"indicator":`...)
			dst = strconv.AppendInt(dst, int64(f.Indicator), 10)
		}
		dst = append(dst, `,"message":`...)
		dst = appendJSONString(dst, f.Message)
		dst = append(dst, `,"fix":`...)
		dst = appendJSONString(dst, f.Fix)
		dst = append(dst, `,"basis":`...)
		dst = appendJSONString(dst, f.Basis)
		dst = append(dst, '}')
	}
	return append(dst, ']')
}

// appendAuditCanon appends an audit entry's canonical fields as
// json.Marshal writes []any{seq, at, actor, action, unit, year, project,
// object, before, after}: the text auditHash hashes.
func appendAuditCanon(dst []byte, seq int64, at string, e *AuditEntry) []byte {
	dst = append(dst, '[')
	dst = strconv.AppendInt(dst, seq, 10)
	for _, s := range [...]string{at, e.Actor, e.Action, e.Unit} {
		dst = append(dst, ',')
		dst = appendJSONString(dst, s)
	}
	dst = append(dst, ',')
	dst = strconv.AppendInt(dst, int64(e.Year), 10)
	for _, s := range [...]string{e.Project, e.Object, e.Before, e.After} {
		dst = append(dst, ',')
		dst = appendJSONString(dst, s)
	}
	return append(dst, ']')
}
