package web

import (
	"context"
	"fmt"
	"html"
	"regexp"
	"strings"
	"testing"

	"jixiao"
	"jixiao/auth"
	"jixiao/gen"
	"jixiao/monitor"
	"jixiao/review"
)

var (
	monitorRowRE = regexp.MustCompile(`<tr class="row-(\w+)" data-code="([^"]+)">\s*<td class="light[^"]*"><span class="dot"></span>[^<]*</td>\s*` +
		`<td class="code">[^<]*</td>\s*<td class="name"><a href="[^"]*">[^<]*</a></td>\s*` +
		`<td class="num">([^<]*)</td>\s*<td class="num">([^<]*)</td>\s*<td class="num">([^<]*)</td>\s*` +
		`<td class="num">([^<]*)</td>\s*<td class="num">([^<]*)</td>\s*<td class="reasons">([^<]*)</td>`)
	unitRowRE = regexp.MustCompile(`<td>([^<]+)</td>\s*<td><a href="[^"]*">[^<]*</a></td>\s*<td class="num">[^<]*</td>\s*` +
		`<td class="num">(\d+)</td>\s*<td class="grade">([^<]*)</td>\s*<td class="num">(\d+)</td>\s*<td class="num">(\d+)</td>`)
	projectReviewRE = regexp.MustCompile(`审核评级：<strong class="grade">([^<]*)</strong>；错误 (\d+) 项，警告 (\d+) 项，提示 (\d+) 项。`)
)

// liveEnv is the example and a generated unit with corrected payments
// and progress reports, viewed by a reviewer who may see both.
func liveEnv(t *testing.T) (*env, []jixiao.Key) {
	t.Helper()
	ctx := context.Background()
	e := newEnv(t, true)
	g := gen.Unit(gen.Options{Units: 1, ProjectsPerUnit: 30, Seed: 11}, 6)
	if _, err := e.st.SaveDocuments(ctx, []*jixiao.Document{g}, "test"); err != nil {
		t.Fatal(err)
	}
	k := g.Key()
	stored, err := e.st.Document(ctx, k)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for i := range stored.Projects {
		p := &stored.Projects[i]
		if len(p.Spending) > 1 && i%2 == 0 {
			n++
			first := p.Spending[0]
			if _, err := e.st.AddSpending(ctx, k, p.Code, jixiao.Spending{Date: jixiao.NewDate(g.Year, 10, 8),
				Amount: first.Amount / 3, Note: "更正", Replaces: first.ID, Entered: jixiao.Stamp{By: "t"}}); err != nil {
				t.Fatal(err)
			}
		}
		if len(p.Progress) > 0 && i%4 == 1 {
			last := p.Progress[len(p.Progress)-1]
			if _, err := e.st.AddProgress(ctx, k, p.Code, jixiao.Progress{Indicator: last.Indicator, AsOf: last.AsOf,
				Value: last.Value, Cause: "其他", Likelihood: "完全不可能", Measures: "更正", Replaces: last.ID,
				Entered: jixiao.Stamp{By: "t"}}); err != nil {
				t.Fatal(err)
			}
		}
	}
	if n == 0 {
		t.Fatal("no payment corrected")
	}
	e.session = e.login(t, "审核员", auth.Reviewer)
	return e, []jixiao.Key{{Unit: exUnit, Year: exYear}, k}
}

// The monitoring page, computed from sums in the database, shows what
// monitor.Document computes on the whole loaded document, row by row in
// its order, on dates before, inside and after the corrections.
func TestMonitoringPageEqualsMonitorOfDocument(t *testing.T) {
	e, keys := liveEnv(t)
	for _, k := range keys {
		doc, err := e.st.Document(context.Background(), k)
		if err != nil {
			t.Fatal(err)
		}
		for _, day := range []string{"-03-31", "-06-30", "-09-30", "-10-08", "-12-31"} {
			asOf, _ := jixiao.ParseDate(fmt.Sprint(k.Year) + day)
			dep := monitor.Document(doc, asOf, monitor.DefaultConfig())
			_, body := e.get(t, docPath(k)+"/monitor?as_of="+asOf.String())
			rows := monitorRowRE.FindAllStringSubmatch(body, -1)
			if len(rows) != len(dep.Projects) {
				t.Fatalf("%s %s: %d rows, want %d", k, asOf, len(rows), len(dep.Projects))
			}
			for i, p := range dep.Projects {
				want := []string{p.Light, p.Code, p.Budget.Wan(), p.Spent.Wan(), p.Expected.Fixed(2), p.Actual.Fixed(2),
					p.Deviation.Fixed(2), strings.Join(p.Reasons, "；")}
				got := rows[i][1:]
				for j := range got {
					got[j] = html.UnescapeString(got[j])
				}
				if strings.Join(got, "|") != strings.Join(want, "|") {
					t.Errorf("%s %s row %d:\n got %q\nwant %q", k, asOf, i+1, got, want)
				}
			}
			if k.Unit != exUnit && asOf.M == 12 && dep.Red == 0 {
				t.Errorf("%s %s: no red project", k, asOf)
			}
			mustContain(t, body, `id="dept-spent">`+dep.Spent.Wan()+`<`,
				fmt.Sprintf("红灯</span> %d 个", dep.Red), fmt.Sprintf("绿灯</span> %d 个", dep.Green))
		}
	}
}

// The department and project pages, read from the stored review, show
// what review.Review finds in the loaded document: every project's grade
// and counts, and the document's totals.
func TestReviewPagesEqualReviewOfDocument(t *testing.T) {
	e, keys := liveEnv(t)
	for _, k := range keys {
		doc, err := e.st.Document(context.Background(), k)
		if err != nil {
			t.Fatal(err)
		}
		rep := review.Review(doc, review.DefaultConfig())
		var all counts
		for _, f := range rep.Findings {
			all.add(f.Severity)
		}
		if k.Unit != exUnit && all.Errors+all.Warnings <= 20 {
			t.Errorf("%s: %d errors and warnings; the return comment is not cut", k, all.Errors+all.Warnings)
		}
		_, body := e.get(t, docPath(k))
		mustContain(t, body, fmt.Sprintf(`错误 <span class="count sev-error">%d</span> 项，警告 <span class="count sev-warning">%d</span> 项，提示 <span class="count sev-info">%d</span> 项`,
			all.Errors, all.Warnings, all.Infos), fmt.Sprintf(`id="indicator-count">%d<`, doc.IndicatorCount()))
		rows := unitRowRE.FindAllStringSubmatch(body, -1)
		if len(rows) != len(doc.Projects) {
			t.Fatalf("%s: %d project rows, want %d", k, len(rows), len(doc.Projects))
		}
		for i := range doc.Projects {
			p := &doc.Projects[i]
			var c counts
			for _, f := range rep.Findings {
				if review.About(f, p) {
					c.add(f.Severity)
				}
			}
			want := fmt.Sprintf("%s|%d|%s|%d|%d", p.Code, len(p.Indicators), rep.Projects[i].Grade, c.Errors, c.Warnings)
			if got := strings.Join(rows[i][1:], "|"); got != want {
				t.Errorf("%s row %d: %s, want %s", k, i+1, got, want)
			}
			if i%5 != 0 {
				continue
			}
			_, pb := e.get(t, projectPath(k, p.Code))
			m := projectReviewRE.FindStringSubmatch(pb)
			if want := fmt.Sprintf("%s|%d|%d|%d", rep.Projects[i].Grade, c.Errors, c.Warnings, c.Infos); m == nil || strings.Join(m[1:], "|") != want {
				t.Errorf("%s project %s page: %v, want %s", k, p.Code, m, want)
			}
		}
		// The return comment from the stored leading findings is the one
		// from the whole review.
		o, err := e.st.Outline(context.Background(), k)
		if err != nil {
			t.Fatal(err)
		}
		if got, want := returnComment(counts{o.Review.Errors, o.Review.Warnings, o.Review.Infos}, o.Review.Findings),
			returnComment(all, rep.Findings); got != want {
			t.Errorf("%s return comment:\n got %s\nwant %s", k, got, want)
		}
	}
}
