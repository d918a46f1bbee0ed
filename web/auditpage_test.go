package web

import (
	"context"
	"fmt"
	"net/http"
	"regexp"
	"strconv"
	"testing"

	"jixiao"
	"jixiao/internal/fixture"
	"jixiao/store"
)

var auditSeq = regexp.MustCompile(`<td class="num">(\d+)</td>`)
var (
	newerLink = regexp.MustCompile(`href="\?after=(\d+)" id="audit-newer"`)
	olderLink = regexp.MustCompile(`href="\?before=(\d+)" id="audit-older"`)
)

// auditPageSeqs reads the seqs shown on an audit page and its paging links
// ("" when absent).
func auditPageSeqs(t *testing.T, e *env, path string) (seqs []int64, newer, older string) {
	t.Helper()
	res, body := e.get(t, path)
	if res.StatusCode != http.StatusOK {
		t.Fatalf("%s: %d", path, res.StatusCode)
	}
	for _, m := range auditSeq.FindAllStringSubmatch(body, -1) {
		n, _ := strconv.ParseInt(m[1], 10, 64)
		seqs = append(seqs, n)
	}
	if m := newerLink.FindStringSubmatch(body); m != nil {
		newer = m[1]
	}
	if m := olderLink.FindStringSubmatch(body); m != nil {
		older = m[1]
	}
	return seqs, newer, older
}

// TestAuditPages: the document's and a project's audit pages show 100
// entries a page, newest first, with 较新/较早 links by entry seq that
// together walk the whole trail once.
func TestAuditPages(t *testing.T) {
	e := newEnv(t, true)
	ctx := context.Background()
	const saves = 110
	for i := range saves {
		d := fixture.Example(t)
		p, _ := d.Project(officeCode)
		p.Purpose = fmt.Sprintf("用于办公楼运维（第 %d 次修改）", i+1)
		if _, err := e.st.SaveDocuments(ctx, []*jixiao.Document{d}, "editor"); err != nil {
			t.Fatal(err)
		}
	}
	for _, c := range []struct {
		path string
		f    store.AuditFilter
	}{
		{exBase + "/audit", store.AuditFilter{Unit: exUnit, Year: exYear}},
		{exBase + "/projects/" + officeCode + "/audit", store.AuditFilter{Unit: exUnit, Year: exYear, Project: officeCode}},
	} {
		all, err := e.st.AuditLog(ctx, c.f)
		if err != nil {
			t.Fatal(err)
		}
		if len(all) <= 100 {
			t.Fatalf("%s: only %d entries", c.path, len(all))
		}
		// Backwards with 较早 from the newest page.
		var walked []int64
		var pages [][]int64
		path := c.path
		for {
			seqs, newer, older := auditPageSeqs(t, e, path)
			if len(seqs) == 0 || len(seqs) > 100 {
				t.Fatalf("%s: %d entries on a page", path, len(seqs))
			}
			if (path == c.path) != (newer == "") {
				t.Errorf("%s: newer link %q", path, newer)
			}
			if newer != "" && newer != fmt.Sprint(seqs[0]) {
				t.Errorf("%s: newer link %s, first entry %d", path, newer, seqs[0])
			}
			pages = append(pages, seqs)
			walked = append(walked, seqs...)
			if older == "" {
				break
			}
			if older != fmt.Sprint(seqs[len(seqs)-1]) || len(seqs) != 100 {
				t.Fatalf("%s: older link %s after %d entries", path, older, len(seqs))
			}
			path = c.path + "?before=" + older
		}
		if len(walked) != len(all) {
			t.Fatalf("%s: walked %d entries, trail has %d", c.path, len(walked), len(all))
		}
		for i, s := range walked {
			if want := all[len(all)-1-i].Seq; s != want {
				t.Fatalf("%s: entry %d is seq %d, want %d (newest first)", c.path, i, s, want)
			}
		}
		// Forwards with 较新 from the oldest page: the same pages, the
		// last reached being the newest page.
		last := pages[len(pages)-1]
		path = fmt.Sprintf("%s?after=%d", c.path, last[0])
		for i := len(pages) - 2; i >= 0; i-- {
			seqs, newer, _ := auditPageSeqs(t, e, path)
			if fmt.Sprint(seqs) != fmt.Sprint(pages[i]) {
				t.Errorf("%s: %v, want page %d", path, seqs, i)
			}
			if (i == 0) != (newer == "") {
				t.Errorf("%s: newer link %q on page %d", path, newer, i)
			}
			path = c.path + "?after=" + newer
		}
	}
	_, first := e.get(t, exBase+"/audit")
	mustContain(t, first, ">较早</a>")
	for _, bad := range []string{"?before=abc", "?after=-3", "?before=0"} {
		res, page := e.get(t, exBase+"/audit"+bad)
		if res.StatusCode != http.StatusBadRequest {
			t.Errorf("%s: %d", bad, res.StatusCode)
		}
		mustContain(t, page, "翻页参数")
	}
}
