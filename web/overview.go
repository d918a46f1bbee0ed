package web

import (
	"cmp"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"time"

	"jixiao"
	"jixiao/auth"
	"jixiao/monitor"
	"jixiao/score"
	"jixiao/store"
)

// The overview is the finance bureau's view of one year across all the
// units a user may see: for each unit, where its goals, monitoring report
// and self-evaluation stand in review, what the goal review found, the
// monitoring lights and spending as of a day, and the self-evaluation
// scores so far. It is computed from live data — one monitoring walk and
// one scoring walk over the year's documents (store.EachDocument, the
// parts each computation reads, spending summed in the database), the
// same walks jixiao monitor --all and evaluate --all make — and the page
// is kept until the next write (see overview).

// overviewData is the overview of one year.
type overviewData struct {
	Year  int
	Years []int
	AsOf  jixiao.Date
	// Moved is the date asked for when it lay outside the year and the
	// year's default date was taken instead.
	Moved jixiao.Date
	Rows  []overviewRow
	Total overviewRow
	// Sort is the order asked for (overviewSorts), "" for unit code.
	Sort string
}

// overviewSorts are the orders the overview offers, each worst first:
// a bureau looks at the units that need it before the others.
var overviewSorts = map[string]func(a, b overviewRow) int{
	"errors": func(a, b overviewRow) int { return cmp.Compare(b.Errors, a.Errors) },
	"red":    func(a, b overviewRow) int { return cmp.Compare(b.Red, a.Red) },
	"actual": func(a, b overviewRow) int { return cmp.Compare(a.rate(), b.rate()) },
	"mean": func(a, b overviewRow) int { // units not scored yet last
		switch {
		case a.Evaluated == 0 && b.Evaluated != 0:
			return 1
		case a.Evaluated != 0 && b.Evaluated == 0:
			return -1
		}
		return cmp.Compare(a.mean(), b.mean())
	},
}

// rate is the actual spending progress as an exact ratio, for sorting.
func (r overviewRow) rate() jixiao.Decimal {
	if r.Budget <= 0 {
		return 0
	}
	return jixiao.Ratio(int64(r.Spent), int64(r.Budget))
}

// mean is the mean score as an exact decimal, for sorting.
func (r overviewRow) mean() jixiao.Decimal {
	if r.Evaluated == 0 {
		return 0
	}
	return jixiao.MulDiv(r.sum, jixiao.Dec(1), jixiao.Dec(int64(r.Evaluated)))
}

// overviewRow is one unit's year, or the total over them.
type overviewRow struct {
	store.Summary
	Href               string
	Red, Yellow, Green int
	Spent, Expected    jixiao.Fen
	// Evaluated projects were scored; Refused the scorer could not score.
	Evaluated, Refused int
	sum                jixiao.Decimal
}

// ExpectedRate and ActualRate are the planned and actual spending as a
// percentage of the budget, two decimals.
func (r overviewRow) ExpectedRate() string { return percentOf(r.Expected, r.Budget) }
func (r overviewRow) ActualRate() string   { return percentOf(r.Spent, r.Budget) }

// MeanScore is the mean total score of the scored projects, "" when none.
func (r overviewRow) MeanScore() string {
	if r.Evaluated == 0 {
		return ""
	}
	return r.mean().Fixed(2)
}

// addMonitor counts a document's monitoring.
func (r *overviewRow) addMonitor(d monitor.Department) {
	r.Red += d.Red
	r.Yellow += d.Yellow
	r.Green += d.Green
	r.Spent += d.Spent
	r.Expected += d.Expected
}

// addScores counts a document's scores and refusals.
func (r *overviewRow) addScores(rs []score.Result, refused int) {
	for _, x := range rs {
		r.Evaluated++
		r.sum += x.Total
	}
	r.Refused += refused
}

// overview shows one year across the units the user may see. The page
// is cached under the fingerprint of every document's revision
// (store.Revisions, read before the walks, so a page made while a write
// commits is stored under the older fingerprint and never shown again)
// and today's date (the default monitoring date and the publishing
// deadlines): views between two writes cost one small read.
func (s *server) overview(w http.ResponseWriter, r *http.Request) {
	fp, err := s.st.Revisions(r.Context())
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	pk := pageKeyFor(r, docKey{}, "overview|"+fp+"|"+jixiao.DateOf(time.Now().In(china)).String())
	if s.servePage(w, r, pk) {
		return
	}
	if d, ok := s.overviewAnswer(w, r, false); ok {
		s.renderPage(w, r, pk, "overview.html", d)
	}
}

// refusal is a request the overview cannot answer, said to the user.
type refusal struct {
	status     int
	title, msg string
}

// overviewAnswer computes the overview or answers the request with why
// not: a page for the web, JSON for the API.
func (s *server) overviewAnswer(w http.ResponseWriter, r *http.Request, api bool) (*overviewData, bool) {
	d, no, err := s.overviewOf(r, api)
	switch {
	case err != nil && api:
		s.apiFail(w, r, err)
	case err != nil:
		s.serverError(w, r, err)
	case no != nil && api:
		apiError(w, no.status, no.msg)
	case no != nil:
		s.errorPage(w, r, no.status, no.title, no.msg)
	default:
		return d, true
	}
	return nil, false
}

// overviewOf computes the overview the request asks for (?year=, default
// the latest year the user may see; ?as_of=, default the year's default
// monitoring date), or says why it cannot. A date outside the year is
// refused when strict (the API); the page takes the year's default
// instead and says so (the year was changed with another year's date
// still in the form).
func (s *server) overviewOf(r *http.Request, strict bool) (*overviewData, *refusal, error) {
	docs, err := s.st.Documents(r.Context())
	if err != nil {
		return nil, nil, err
	}
	u := currentUser(r)
	d := &overviewData{}
	var mine []store.Summary
	for _, doc := range docs {
		if auth.Can(u, auth.ViewDraft, doc.Key.Unit) {
			mine = append(mine, doc)
			if !slices.Contains(d.Years, doc.Key.Year) {
				d.Years = append(d.Years, doc.Key.Year)
			}
		}
	}
	if len(mine) == 0 {
		return nil, &refusal{http.StatusNotFound, "没有可汇总的绩效目标", "您可查看的单位还没有任何绩效目标。"}, nil
	}
	slices.SortFunc(d.Years, func(a, b int) int { return b - a })
	d.Year = d.Years[0]
	if v := r.URL.Query().Get("year"); v != "" {
		y, err := strconv.Atoi(v)
		if err != nil || !slices.Contains(d.Years, y) {
			return nil, &refusal{http.StatusBadRequest, "年度不对", fmt.Sprintf("年度“%s”没有您可查看的绩效目标。", v)}, nil
		}
		d.Year = y
	}
	if d.Sort = r.URL.Query().Get("sort"); d.Sort != "" && overviewSorts[d.Sort] == nil {
		return nil, &refusal{http.StatusBadRequest, "排序方式不对", fmt.Sprintf("没有“%s”这种排序方式。", d.Sort)}, nil
	}
	badDate := &refusal{http.StatusBadRequest, "监控日期不对",
		fmt.Sprintf("监控日期“%s”不对：应为 %d 年内的日期，如 %d-06-30。", r.URL.Query().Get("as_of"), d.Year, d.Year)}
	if d.AsOf, err = asOfParam(r, d.Year); err != nil {
		return nil, badDate, nil
	}
	if d.AsOf.Y != d.Year {
		if strict {
			return nil, badDate, nil
		}
		d.Moved = d.AsOf
		d.AsOf = defaultAsOf(d.Year)
	}
	rows := map[jixiao.Key]*overviewRow{}
	for _, doc := range mine {
		if doc.Key.Year == d.Year {
			d.Rows = append(d.Rows, overviewRow{Summary: doc, Href: docPath(doc.Key)})
		}
	}
	for i := range d.Rows {
		rows[d.Rows[i].Key] = &d.Rows[i]
	}
	ctx := r.Context()
	cfg := monitor.DefaultConfig()
	err = s.st.EachDocument(ctx, store.Filter{Year: d.Year, Parts: store.ForMonitor, SpentTo: d.AsOf}, func(doc *jixiao.Document) error {
		if row := rows[doc.Key()]; row != nil {
			row.addMonitor(monitor.Document(doc, d.AsOf, cfg))
		}
		return nil
	})
	if err == nil {
		err = s.st.EachDocument(ctx, store.Filter{Year: d.Year, Parts: store.ForScore, SpentTo: jixiao.YearEnd(d.Year)}, func(doc *jixiao.Document) error {
			if row := rows[doc.Key()]; row != nil {
				rs, serr := score.Document(doc, score.DefaultConfig())
				row.addScores(rs, len(score.Refusals(serr)))
			}
			return nil
		})
	}
	if err != nil {
		return nil, nil, err
	}
	if by := overviewSorts[d.Sort]; by != nil {
		slices.SortStableFunc(d.Rows, by) // ties stay in unit order
	}
	d.Total.Reviewed = true // the sums of the reviews kept
	for _, row := range d.Rows {
		t := &d.Total
		t.Projects += row.Projects
		t.Indicators += row.Indicators
		t.Budget += row.Budget
		t.Errors += row.Errors
		t.Warnings += row.Warnings
		t.Red, t.Yellow, t.Green = t.Red+row.Red, t.Yellow+row.Yellow, t.Green+row.Green
		t.Spent += row.Spent
		t.Expected += row.Expected
		t.Evaluated += row.Evaluated
		t.Refused += row.Refused
		t.sum += row.sum
	}
	return d, nil, nil
}

// SortHref is the overview in the order named, for the same year and
// date; "" names the unit order.
func (d *overviewData) SortHref(by string) string {
	q := url.Values{"year": {strconv.Itoa(d.Year)}, "as_of": {d.AsOf.String()}}
	if by != "" {
		q.Set("sort", by)
	}
	return "/overview?" + q.Encode()
}

// sortLinkView is a header that orders the overview by its column.
type sortLinkView struct {
	Label, Href string
	Active      bool
}

func init() {
	funcs["sortLink"] = func(d *overviewData, by, label string) sortLinkView {
		return sortLinkView{Label: label, Href: d.SortHref(by), Active: d.Sort == by}
	}
}
