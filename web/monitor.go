package web

import (
	"cmp"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"time"

	"jixiao"
	"jixiao/monitor"
)

// monitorData is a department's monitoring page (运行监控): every project's
// light and spending progress as of one date.
type monitorData struct {
	*docView
	AsOf     jixiao.Date
	Dep      monitor.Department
	Expected string // the department's expected spending, % of budget
	Actual   string
	Rows     []monitorRow
	Sort     string // the sort key in force ("" = worst first)
	Light    string // the light filter in force ("" = all)
	Columns  []sortColumn
	Filters  []lightFilter
	Shown    int
	// Goal attainment, the other half of 双监控: every indicator's status
	// counted, and the indicators behind, project by project.
	StatusCounts []statusCount
	Behind       []behindRow
	AllCounts    [3]int // green, yellow, red before filtering
	// Imported is the summary of a record upload just stored, from the
	// redirect's query; UploadError why an upload was refused.
	Imported    string
	UploadError string
}

// monitorRow is one project line of the monitoring table.
type monitorRow struct {
	Code, Name, Href    string
	Light, LightLabel   string
	Budget, Spent       jixiao.Fen
	Expected, Actual    string
	Deviation           string
	Reasons             string
	expected, actual    jixiao.Decimal
	deviation           jixiao.Decimal
	rank, originalOrder int
}

// sortColumn is a column header that sorts the table by itself.
type sortColumn struct {
	Label, Href string
	Num         bool
	Active      string // "▲", "▼" or ""
}

// lightFilter is one link of the filter by light.
type lightFilter struct {
	Label, Href string
	Active      bool
}

// statusCount is how many indicators have one status.
type statusCount struct {
	Status, Label string
	N             int
}

// behindRow is an indicator behind its target as of the date.
type behindRow struct {
	Project, Href string
	N             int
	monitor.IndicatorStatus
}

// attainment counts the indicators of every project by status and lists
// those behind, in the projects' order of the page (worst light first).
func attainment(dep monitor.Department, href func(code string) string) ([]statusCount, []behindRow) {
	n := map[string]int{}
	var behind []behindRow
	for _, p := range dep.Projects {
		for _, in := range p.Indicators {
			n[in.Status]++
			if in.Status == monitor.StatusBehind {
				behind = append(behind, behindRow{Project: p.Name, Href: href(p.Code), N: in.Indicator, IndicatorStatus: in})
			}
		}
	}
	var counts []statusCount
	for _, st := range []string{monitor.StatusBehind, monitor.StatusOnTrack, monitor.StatusMet, monitor.StatusUnrated, monitor.StatusNone} {
		counts = append(counts, statusCount{st, monitor.Label(st), n[st]})
	}
	return counts, behind
}

// monitorSorts are the sort keys of the table; a leading "-" reverses.
var monitorSorts = []struct{ key, label string }{
	{"light", "灯"}, {"code", "项目编码"}, {"name", "项目名称"}, {"budget", "预算数（万元）"},
	{"spent", "已支出（万元）"}, {"expected", "预期进度（%）"}, {"actual", "实际进度（%）"}, {"deviation", "偏差（百分点）"},
}

// asOfParam reads ?as_of=, defaulting to today when today lies in the
// fiscal year, else the year's last day.
func asOfParam(r *http.Request, year int) (jixiao.Date, error) {
	if v := strings.TrimSpace(r.URL.Query().Get("as_of")); v != "" {
		return jixiao.ParseDate(v)
	}
	return defaultAsOf(year), nil
}

// defaultAsOf is today when today lies in the fiscal year, else the
// year's last day: a closed year is looked back on whole.
func defaultAsOf(year int) jixiao.Date {
	today := jixiao.DateOf(time.Now().In(china))
	if today.Y == year {
		return today
	}
	return jixiao.YearEnd(year)
}

// percentOf is part/whole as a percentage with two decimals.
func percentOf(part, whole jixiao.Fen) string {
	if whole <= 0 {
		return "0.00"
	}
	return jixiao.Ratio(int64(part)*100, int64(whole)).Fixed(2)
}

// monitorPage shows the department's monitoring table, worst first by
// default, sortable by column and filterable by light (both server-side).
func (s *server) monitorPage(w http.ResponseWriter, r *http.Request) {
	dk, asOf, ok := s.monitorRequest(w, r)
	if !ok {
		return
	}
	// The date is part of the key: without ?as_of= it is today's.
	pk := pageKeyFor(r, dk, asOf.String())
	if s.servePage(w, r, pk) {
		return
	}
	d, err := s.monitorView(r, dk, asOf)
	if err != nil {
		s.failed(w, r, err, fmt.Sprintf("没有单位“%s”%d年度的绩效目标。", dk.key.Unit, dk.key.Year))
		return
	}
	s.renderPage(w, r, pk, "monitor.html", d)
}

// monitorRequest reads the document and the monitoring date (?as_of=)
// of a request for the department's monitoring, answering it itself when
// either is wrong.
func (s *server) monitorRequest(w http.ResponseWriter, r *http.Request) (docKey, jixiao.Date, bool) {
	dk, ok := s.docRevision(w, r)
	if !ok {
		return docKey{}, jixiao.Date{}, false
	}
	asOf, err := asOfParam(r, dk.key.Year)
	if err != nil {
		s.errorPage(w, r, http.StatusBadRequest, "日期无效", "监控日期："+err.Error())
		return docKey{}, jixiao.Date{}, false
	}
	return dk, asOf, true
}

// monitorView lays out the monitoring page of document dk as of asOf,
// with the sort, light filter and upload summary of the request's query.
func (s *server) monitorView(r *http.Request, dk docKey, asOf jixiao.Date) (monitorData, error) {
	// Spending sums and the latest progress come aggregated from the
	// database; the arithmetic is monitor's, on those values.
	doc, err := s.st.MonitorInputs(r.Context(), dk.key, asOf)
	if err != nil {
		return monitorData{}, err
	}
	dv := &docView{Doc: doc, Base: docPath(doc.Key()), key: dk}
	dep := monitor.Document(doc, asOf, monitor.DefaultConfig())
	q := r.URL.Query()
	d := monitorData{docView: dv, AsOf: asOf, Dep: dep, Sort: q.Get("sort"), Light: q.Get("light"),
		Expected: percentOf(dep.Expected, dep.Budget), Actual: percentOf(dep.Spent, dep.Budget),
		AllCounts: [3]int{dep.Green, dep.Yellow, dep.Red}, Imported: importedSummary(q)}
	for i, p := range dep.Projects {
		row := monitorRow{
			Code: p.Code, Name: p.Name, Href: projectPath(dv.Doc.Key(), p.Code) + "/monitor?as_of=" + asOf.String(),
			Light: p.Light, LightLabel: monitor.Label(p.Light), Budget: p.Budget, Spent: p.Spent,
			Expected: p.Expected.Fixed(2), Actual: p.Actual.Fixed(2), Deviation: p.Deviation.Fixed(2),
			Reasons:  strings.Join(p.Reasons, "；"),
			expected: p.Expected, actual: p.Actual, deviation: p.Deviation, rank: i, originalOrder: i,
		}
		if d.Light == "" || d.Light == p.Light {
			d.Rows = append(d.Rows, row)
		}
	}
	order := make(map[string]int, len(doc.Projects))
	for j := range doc.Projects {
		order[doc.Projects[j].Code] = j
	}
	for i, row := range d.Rows {
		d.Rows[i].originalOrder = order[row.Code]
	}
	sortMonitorRows(d.Rows, d.Sort)
	d.Shown = len(d.Rows)
	d.StatusCounts, d.Behind = attainment(dep, func(code string) string {
		return projectPath(dv.Doc.Key(), code) + "/monitor?as_of=" + asOf.String()
	})
	base := dv.Base + "/monitor?as_of=" + asOf.String()
	for _, c := range monitorSorts {
		col := sortColumn{Label: c.label, Href: base + "&sort=" + c.key + lightQuery(d.Light)}
		col.Num = c.key != "code" && c.key != "name" && c.key != "light"
		switch d.Sort {
		case c.key:
			col.Active = "▲"
			col.Href = base + "&sort=-" + c.key + lightQuery(d.Light)
		case "-" + c.key:
			col.Active = "▼"
		}
		d.Columns = append(d.Columns, col)
	}
	sortQ := ""
	if d.Sort != "" {
		sortQ = "&sort=" + d.Sort
	}
	d.Filters = append(d.Filters, lightFilter{Label: "全部", Href: base + sortQ, Active: d.Light == ""})
	for _, l := range []string{monitor.Red, monitor.Yellow, monitor.Green} {
		d.Filters = append(d.Filters, lightFilter{Label: monitor.Label(l), Href: base + sortQ + "&light=" + l, Active: d.Light == l})
	}
	return d, nil
}

func lightQuery(l string) string {
	if l == "" {
		return ""
	}
	return "&light=" + l
}

// sortMonitorRows orders the rows by key ("-key" descending); unknown keys
// keep the roll-up's order, worst first.
func sortMonitorRows(rows []monitorRow, key string) {
	desc := strings.HasPrefix(key, "-")
	key = strings.TrimPrefix(key, "-")
	by := map[string]func(a, b monitorRow) int{
		"light":     func(a, b monitorRow) int { return cmp.Compare(a.rank, b.rank) },
		"code":      func(a, b monitorRow) int { return strings.Compare(a.Code, b.Code) },
		"name":      func(a, b monitorRow) int { return strings.Compare(a.Name, b.Name) },
		"budget":    func(a, b monitorRow) int { return cmp.Compare(a.Budget, b.Budget) },
		"spent":     func(a, b monitorRow) int { return cmp.Compare(a.Spent, b.Spent) },
		"expected":  func(a, b monitorRow) int { return cmp.Compare(a.expected, b.expected) },
		"actual":    func(a, b monitorRow) int { return cmp.Compare(a.actual, b.actual) },
		"deviation": func(a, b monitorRow) int { return cmp.Compare(a.deviation, b.deviation) },
	}
	f, ok := by[key]
	if !ok {
		return
	}
	slices.SortStableFunc(rows, func(a, b monitorRow) int {
		c := f(a, b)
		if desc {
			c = -c
		}
		if c == 0 {
			c = cmp.Compare(a.originalOrder, b.originalOrder)
		}
		return c
	})
}

// monitorPath is the URL path of a project's monitoring page.
func monitorPath(k jixiao.Key, code string) string {
	return projectPath(k, code) + "/monitor"
}
