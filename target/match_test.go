package target

import (
	"math/rand/v2"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// The definitions matchNumber, matchDate and matchISODate follow.
var (
	numRe     = regexp.MustCompile(`^(≥|≤|>|<|=)?([0-9][0-9,]*(?:\.[0-9]+)?|\.[0-9]+)([^0-9]*?)(以上|以下|以内|及以上|及以下)?$`)
	dateRe    = regexp.MustCompile(`^(\d{4})年(\d{1,2})月(?:(\d{1,2})(?:日|号)|(底|末))?(前|之前|以前)?$`)
	isoDateRe = regexp.MustCompile(`^(\d{4})([-./])(\d{1,2})([-./])(\d{1,2})(前|之前|以前)?$`)
)

// sameAsRegexp fails t when a hand matcher differs from its expression on s.
func sameAsRegexp(t *testing.T, s string) {
	t.Helper()
	for _, c := range []struct {
		name string
		re   *regexp.Regexp
		f    func(string) []string
	}{{"number", numRe, matchNumber}, {"date", dateRe, matchDate}, {"iso", isoDateRe, matchISODate}} {
		want, got := c.re.FindStringSubmatch(s), c.f(s)
		if !slices.Equal(want, got) {
			t.Fatalf("%s %q: %q, want %q", c.name, s, got, want)
		}
	}
}

// Pieces values are made of, so that random strings often come close to
// every shape and its edges.
var valuePieces = []string{"0", "1", "2", "9", "12", "2024", "31", ",", ".", "-", "/", "年", "月", "日", "号", "底", "末",
	"前", "之前", "以前", "以上", "以下", "以内", "及", "及以上", "及以下", "≥", "≤", ">", "<", "=", "%", "‰", "个", "批次",
	"万元", "工作日", "（", "）", "a", " ", "\xff", "不低于", "达到"}

func TestMatchersAsRegexps(t *testing.T) {
	for _, s := range []string{"", "≥95%", "3,500批次", "≤7个工作日", "90%以上", "90%及以上", "及以上", "5以上以上",
		"1,.5个", ".5个", ".5.3", "1.", "1.个", "12,", "≥≥5", "=5", "5以下个", "2024年12月31日", "2024年12月31号",
		"2024年12月底", "2024年12月末前", "2024年12月", "2024年12月之前", "2024年123月", "2024年1月1", "2024年12月31日以前",
		"2024-12-31", "2024.1.5前", "2024/12/31", "2024-12/31", "2024-123-1", "2024-12-311", "20241-2-3", "2024年",
		"100万元", "0个", "\xff5个", "5个\xff", "2024-12a31", "2024-1231", "2024-1", "2024-", "2024-12-", "2024年12", "2024年12月3", "2024年月"} {
		sameAsRegexp(t, s)
	}
	r := rand.New(rand.NewPCG(7, 8))
	for range 200_000 {
		var b strings.Builder
		for range 1 + r.IntN(7) {
			b.WriteString(valuePieces[r.IntN(len(valuePieces))])
		}
		sameAsRegexp(t, b.String())
	}
}

func FuzzMatchersAsRegexps(f *testing.F) {
	for _, s := range []string{"≥95%", "3,500批次", "2024年12月底前", "2024.12.31", "90%及以下"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if len(s) > 4*MaxLen {
			return
		}
		sameAsRegexp(t, s)
	})
}
