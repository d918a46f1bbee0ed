package store

import (
	"encoding/json"
	"math/rand/v2"
	"testing"

	"jixiao/example"
	"jixiao/review"
	"jixiao/textdoc"
)

// The hand-written JSON is byte for byte what encoding/json writes: for
// strings of every kind of byte (escapes, HTML characters, U+2028/2029,
// invalid UTF-8, Chinese text), for the findings of a real document's
// review, and for audit entries' canonical text.
func TestJSONTextAsEncodingJSON(t *testing.T) {
	strs := []string{"", "abc", `a"b\c`, "<b>&amp;</b>", "\b\f\n\r\t\x00\x01\x1f\x7f", "行\u2028分\u2029段",
		"\xe2\x80", "\xe2\x80\xa8x", "\xff\xfe好", "乐亭县市场监督管理局 ≥95%", "\xed\xa0\x80", "e\u0301", "😀"}
	rng := rand.New(rand.NewPCG(1, 2))
	alphabet := []string{"a", "\"", "\\", "<", ">", "&", "\n", "\x00", "\x7f", "\x80", "\xe2", "\xe2\x80\xa8",
		"\u2029", "好", "\xff", "%", " ", "\xc3", "\xa9"}
	for range 5000 {
		s := ""
		for range rng.IntN(12) {
			s += alphabet[rng.IntN(len(alphabet))]
		}
		strs = append(strs, s)
	}
	for _, s := range strs {
		want, _ := json.Marshal(s)
		if got := appendJSONString(nil, s); string(got) != string(want) {
			t.Fatalf("%q: got %s, want %s", s, got, want)
		}
	}

	d, err := textdoc.Read(example.Name, example.Laoting, textdoc.Options{})
	if err != nil {
		t.Fatal(err)
	}
	fs := review.Review(d, review.DefaultConfig()).Findings
	fs = append(fs, review.Finding{Rule: "X<1>", Severity: review.Info, Project: "a&b", Indicator: 3,
		Message: "\"引号\"\n", Fix: "\u2028", Basis: "\xff"})
	if len(fs) < 5 {
		t.Fatalf("only %d findings in the example", len(fs))
	}
	for _, part := range [][]review.Finding{{}, fs[:1], fs} {
		want, _ := json.Marshal(part)
		if got := appendFindings(nil, part); string(got) != string(want) {
			t.Fatalf("findings:\n got %s\nwant %s", got, want)
		}
	}

	for i, s := range strs[:200] {
		e := AuditEntry{Actor: s, Action: AuditGoalsAdd, Unit: "130225", Year: 2024 + i, Project: strs[i+1],
			Object: strs[i+2], Before: strs[i+3], After: `{"a":"<b>"}`}
		at := "2024-12-31T00:00:00.000000000Z"
		want, _ := json.Marshal([]any{int64(i * 977), at, e.Actor, e.Action, e.Unit, e.Year, e.Project, e.Object, e.Before, e.After})
		if got := appendAuditCanon(nil, int64(i*977), at, &e); string(got) != string(want) {
			t.Fatalf("audit canon:\n got %s\nwant %s", got, want)
		}
	}
}
