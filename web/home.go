package web

import (
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"jixiao"
	"jixiao/auth"
	"jixiao/store"
	"jixiao/workflow"
)

// homePageSize is how many documents one page of the list shows: a
// county has a few dozen, a province a thousand or more a year.
const homePageSize = 100

// maxTodo bounds the to-do list shown above the list; the state filters
// reach the rest.
const maxTodo = 50

// homeData lists the stored documents the user may see, filtered.
type homeData struct {
	Docs []store.Summary // this page's rows
	// Any says the user may see some document at all, filtered or not.
	Any bool
	// The filter as asked: year (0: all), the goals', the monitoring
	// report's and the self-evaluation's state ("": any), and the search
	// text.
	Year                          int
	Goals, Monitoring, Evaluation workflow.State
	Query                         string
	Years                         []int
	States                        []workflow.State
	// StateLinks count the documents of each goals state under the other
	// filters, the reviewer's queue at a glance.
	StateLinks []filterLink
	// Total sums the documents that pass the filter, on every page.
	Total struct {
		Docs, Projects, Indicators int
		Budget                     jixiao.Fen
	}
	Page, Pages int
	Prev, Next  string
	First, Last int // 1-based positions of this page's rows
	// Todo is what waits on the user, whatever the filter: tracks
	// submitted to a reviewer who may decide them, tracks returned to an
	// editor who may submit them again.
	Todo []todoItem
}

// todoItem is one track of one document waiting on the user.
type todoItem struct {
	Key   jixiao.Key
	Unit  string // the unit's name
	Track workflow.Track
	State workflow.State
	Href  string
}

// todos lists the tracks of doc that wait on u: submitted ones for a user
// who may approve or return them, returned ones for a user who may
// submit them again.
func todos(u *auth.User, doc store.Summary) []todoItem {
	var out []todoItem
	for _, t := range []struct {
		track workflow.Track
		state workflow.State
	}{{workflow.Goals, doc.Goals}, {workflow.Monitoring, doc.Monitoring}, {workflow.Evaluation, doc.Evaluation}} {
		if (t.state == workflow.Submitted && auth.Can(u, auth.Approve, doc.Key.Unit)) ||
			(t.state == workflow.Returned && auth.Can(u, auth.Submit, doc.Key.Unit)) {
			out = append(out, todoItem{Key: doc.Key, Unit: doc.UnitName, Track: t.track, State: t.state,
				Href: docPath(doc.Key) + "#track-" + string(t.track)})
		}
	}
	return out
}

// filterLink is one choice of a filter shown as links.
type filterLink struct {
	Label  string
	Count  int
	Href   string
	Active bool
}

// homeFilter is what the list's query asks for.
type homeFilter struct {
	year                          int
	goals, monitoring, evaluation workflow.State
	query                         string
	page                          int
}

// readHomeFilter reads the query; a value that is not one of the choices
// is an error saying which.
func readHomeFilter(q url.Values) (homeFilter, error) {
	f := homeFilter{query: strings.TrimSpace(q.Get("q")), page: 1}
	if v := q.Get("year"); v != "" {
		y, err := strconv.Atoi(v)
		if err != nil || y < 1900 || y > 9999 {
			return f, fmt.Errorf("年度“%s”不对：应为四位数字年份", v)
		}
		f.year = y
	}
	for _, p := range []struct {
		name, label string
		to          *workflow.State
	}{{"goals", "绩效目标状态", &f.goals}, {"monitoring", "运行监控状态", &f.monitoring}, {"evaluation", "绩效自评状态", &f.evaluation}} {
		if v := q.Get(p.name); v != "" {
			if !workflow.State(v).Valid() {
				return f, fmt.Errorf("%s“%s”不对", p.label, v)
			}
			*p.to = workflow.State(v)
		}
	}
	if v := q.Get("page"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 {
			return f, fmt.Errorf("页码“%s”不对：应为正整数", v)
		}
		f.page = n
	}
	return f, nil
}

// values writes the filter back as a query, page 1 unless given.
func (f homeFilter) values() url.Values {
	v := url.Values{}
	if f.year != 0 {
		v.Set("year", strconv.Itoa(f.year))
	}
	if f.goals != "" {
		v.Set("goals", string(f.goals))
	}
	if f.monitoring != "" {
		v.Set("monitoring", string(f.monitoring))
	}
	if f.evaluation != "" {
		v.Set("evaluation", string(f.evaluation))
	}
	if f.query != "" {
		v.Set("q", f.query)
	}
	if f.page > 1 {
		v.Set("page", strconv.Itoa(f.page))
	}
	return v
}

func (f homeFilter) href() string {
	if q := f.values().Encode(); q != "" {
		return "/?" + q
	}
	return "/"
}

// matches says whether a document passes every filter but the goals
// state (counted per state for the links).
func (f homeFilter) matches(d store.Summary) bool {
	if f.year != 0 && d.Key.Year != f.year {
		return false
	}
	if f.monitoring != "" && d.Monitoring != f.monitoring {
		return false
	}
	if f.evaluation != "" && d.Evaluation != f.evaluation {
		return false
	}
	if f.query != "" && !strings.HasPrefix(d.Key.Unit, f.query) && !strings.Contains(d.UnitName, f.query) {
		return false
	}
	return true
}

// home lists the units and years on file the user may see, with where
// each stands in review and what its review found; the list filters by
// year, state and unit (code prefix or a part of the name) and pages.
func (s *server) home(w http.ResponseWriter, r *http.Request) {
	f, err := readHomeFilter(r.URL.Query())
	if err != nil {
		s.errorPage(w, r, http.StatusBadRequest, "筛选条件不对", err.Error())
		return
	}
	docs, err := s.st.Documents(r.Context())
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	u := currentUser(r)
	d := homeData{Year: f.year, Goals: f.goals, Monitoring: f.monitoring, Evaluation: f.evaluation, Query: f.query, States: workflow.States}
	count := map[workflow.State]int{}
	var shown []store.Summary
	for _, doc := range docs {
		if !auth.Can(u, auth.ViewDraft, doc.Key.Unit) {
			continue
		}
		d.Any = true
		if len(d.Todo) < maxTodo {
			d.Todo = append(d.Todo, todos(u, doc)...)
			d.Todo = d.Todo[:min(len(d.Todo), maxTodo)]
		}
		if !slices.Contains(d.Years, doc.Key.Year) {
			d.Years = append(d.Years, doc.Key.Year)
		}
		if !f.matches(doc) {
			continue
		}
		count[doc.Goals]++
		if f.goals != "" && doc.Goals != f.goals {
			continue
		}
		shown = append(shown, doc)
		d.Total.Docs++
		d.Total.Projects += doc.Projects
		d.Total.Indicators += doc.Indicators
		d.Total.Budget += doc.Budget
	}
	slices.SortFunc(d.Years, func(a, b int) int { return b - a })

	all := f
	all.goals, all.page = "", 1
	total := 0
	for _, n := range count {
		total += n
	}
	d.StateLinks = append(d.StateLinks, filterLink{Label: "全部", Count: total, Href: all.href(), Active: f.goals == ""})
	for _, st := range workflow.States {
		g := all
		g.goals = st
		d.StateLinks = append(d.StateLinks, filterLink{Label: st.Label(), Count: count[st], Href: g.href(), Active: f.goals == st})
	}

	d.Pages = max(1, (len(shown)+homePageSize-1)/homePageSize)
	d.Page = min(f.page, d.Pages)
	lo := (d.Page - 1) * homePageSize
	hi := min(lo+homePageSize, len(shown))
	d.Docs = shown[lo:hi]
	d.First, d.Last = lo+1, hi
	if d.Page > 1 {
		p := f
		p.page = d.Page - 1
		d.Prev = p.href()
	}
	if d.Page < d.Pages {
		p := f
		p.page = d.Page + 1
		d.Next = p.href()
	}
	s.render(w, r, http.StatusOK, "home.html", d)
}
