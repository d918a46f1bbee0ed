package web

import (
	"context"
	"fmt"
	"html"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"jixiao"
	"jixiao/auth"
	"jixiao/monitor"
	"jixiao/score"

	"github.com/xuri/excelize/v2"
)

var (
	overviewRowRE = regexp.MustCompile(`(?s)<tr data-unit="([^"]+)"[^>]*>(.*?)</tr>`)
	cellRE        = regexp.MustCompile(`(?s)<td[^>]*>(.*?)</td>`)
	tagRE         = regexp.MustCompile(`<[^>]+>`)
)

// overviewRows reads the overview's rows: unit code → the cells' texts.
func overviewRows(t *testing.T, body string) map[string][]string {
	t.Helper()
	out := map[string][]string{}
	for _, m := range overviewRowRE.FindAllStringSubmatch(body, -1) {
		var cells []string
		for _, c := range cellRE.FindAllStringSubmatch(m[2], -1) {
			cells = append(cells, strings.Join(strings.Fields(html.UnescapeString(tagRE.ReplaceAllString(c[1], " "))), " "))
		}
		out[m[1]] = cells
	}
	return out
}

// The overview shows each unit's year as monitor.Document and
// score.Document compute it on the whole stored document — with
// corrected payments and progress reports, on days before, inside and
// after the corrections — beside its review states and counts, and the
// totals over the units. A unit's editor sees only the unit; bad
// parameters are refused saying which.
func TestOverviewEqualsComputationsOnDocuments(t *testing.T) {
	e, keys := liveEnv(t)
	ctx := context.Background()
	// Self-evaluations on some of the example's projects.
	ex, err := e.st.Document(ctx, keys[0])
	if err != nil {
		t.Fatal(err)
	}
	for i, p := range ex.Projects[:3] {
		ev := jixiao.Evaluation{AdjustedBudget: p.Budget, Executed: p.Budget * jixiao.Fen(8+i) / 10, HasExecuted: true,
			Actuals: []jixiao.Actual{{Indicator: 1, Value: p.Indicators[0].Value}}}
		if _, err := e.st.SaveEvaluation(ctx, keys[0], p.Code, ev, "test", 0); err != nil {
			t.Fatal(err)
		}
	}
	year := keys[0].Year
	for _, k := range keys[1:] {
		if k.Year != year {
			t.Fatalf("the generated unit's year %d is not the example's %d", k.Year, year)
		}
	}
	for _, day := range []string{"-03-31", "-10-08", "-12-31"} {
		asOf, _ := jixiao.ParseDate(fmt.Sprint(year) + day)
		res, body := e.get(t, fmt.Sprintf("/overview?year=%d&as_of=%s", year, asOf))
		if res.StatusCode != http.StatusOK {
			t.Fatalf("overview: %d", res.StatusCode)
		}
		rows := overviewRows(t, body)
		if len(rows) != len(keys) {
			t.Fatalf("%s: %d rows, want %d", asOf, len(rows), len(keys))
		}
		var red int
		var budget, spent jixiao.Fen
		for _, k := range keys {
			doc, err := e.st.Document(ctx, k)
			if err != nil {
				t.Fatal(err)
			}
			dep := monitor.Document(doc, asOf, monitor.DefaultConfig())
			rs, serr := score.Document(doc, score.DefaultConfig())
			mean := "—"
			if len(rs) > 0 {
				var sum jixiao.Decimal
				for _, r := range rs {
					sum += r.Total
				}
				mean = jixiao.MulDiv(sum, jixiao.Dec(1), jixiao.Dec(int64(len(rs)))).Fixed(2)
			}
			evaluated := fmt.Sprint(len(rs))
			if n := len(score.Refusals(serr)); n > 0 {
				evaluated += fmt.Sprintf(" %d 项未能评分", n)
			}
			want := []string{
				doc.Unit.Name + " " + k.Unit, fmt.Sprint(len(doc.Projects)), doc.TotalBudget().Wan(), "草稿",
				"", // review counts: checked below
				"草稿", fmt.Sprint(dep.Red), fmt.Sprint(dep.Yellow), fmt.Sprint(dep.Green), dep.Spent.Wan(),
				percentOf(dep.Expected, dep.Budget) + " / " + percentOf(dep.Spent, dep.Budget),
				"草稿", evaluated, mean,
			}
			got := rows[k.Unit]
			if len(got) == len(want) {
				want[4] = got[4]
			}
			if strings.Join(got, "|") != strings.Join(want, "|") {
				t.Errorf("%s %s:\n got %q\nwant %q", k, asOf, got, want)
			}
			red += dep.Red
			budget += dep.Budget
			spent += dep.Spent
		}
		mustContain(t, body, fmt.Sprintf("合计 %d 个单位", len(keys)), "<th class=\"num\">"+budget.Wan()+"</th>",
			fmt.Sprintf("<th class=\"num\">%d</th>", red), "<th class=\"num\">"+spent.Wan()+"</th>")
		if asOf.M == 12 && red == 0 {
			t.Errorf("%s: no red light anywhere", asOf)
		}
	}
	_, body := e.get(t, fmt.Sprintf("/overview?year=%d&as_of=%d-12-31", year, year))
	mustContain(t, html.UnescapeString(body), "警告 28")

	// The example's own editor sees the example alone.
	e.session = e.login(t, "乐亭填报", auth.Editor, exUnit)
	_, body = e.get(t, "/overview")
	if rows := overviewRows(t, body); len(rows) != 1 || rows[exUnit] == nil {
		t.Errorf("the unit's editor sees %d rows", len(rows))
	}
	// A date outside the chosen year (the year changed in the form) is
	// replaced by the year's default, and the page says so.
	res, body := e.get(t, fmt.Sprintf("/overview?year=%d&as_of=%d-01-01", year, year+1))
	mustContain(t, body, fmt.Sprintf("监控日期 %d年1月1日 不在 %d 年度内", year+1, year))
	if res.StatusCode != http.StatusOK {
		t.Errorf("a date of another year: %d", res.StatusCode)
	}
	for _, bad := range []string{"?year=1999", "?year=x", "?as_of=明天"} {
		res, body := e.get(t, "/overview"+bad)
		if res.StatusCode != http.StatusBadRequest {
			t.Errorf("%s: %d, want 400", bad, res.StatusCode)
		}
		mustContain(t, body, "不对")
	}
}

// The overview's workbook has the page's rows as numbers: one row per
// unit under the title and header, amounts in 万元 exact, then the total.
func TestOverviewWorkbook(t *testing.T) {
	e, keys := liveEnv(t)
	year := keys[0].Year
	q := fmt.Sprintf("?year=%d&as_of=%d-10-08", year, year)
	_, page := e.get(t, "/overview"+q)
	rows := overviewRows(t, page)
	mustContain(t, page, `href="/overview.xlsx?year=2024&amp;as_of=2024-10-08" id="overview-xlsx"`)
	res, body := e.get(t, "/overview.xlsx"+q)
	if res.StatusCode != http.StatusOK || res.Header.Get("Content-Type") != contentTypes["xlsx"] {
		t.Fatalf("overview.xlsx: %d %v", res.StatusCode, res.Header)
	}
	x, err := excelize.OpenReader(strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	sheet := x.GetSheetList()[0]
	cell := func(col, row int) string {
		ref, _ := excelize.CoordinatesToCellName(col, row)
		v, err := x.GetCellValue(sheet, ref)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	if got := cell(1, 1); got != "2024年度绩效概览" {
		t.Errorf("title %q", got)
	}
	for i, k := range keys {
		r := 4 + i
		page := rows[k.Unit]
		// Page cells: unit, projects, budget, goals state, review,
		// monitoring state, red, yellow, green, spent, rates, evaluation
		// state, evaluated, mean.
		want := map[int]string{1: k.Unit, 3: page[1], 4: page[2], 8: page[5], 9: page[6], 10: page[7], 11: page[8], 12: page[9]}
		for col, w := range want {
			got := cell(col, r)
			if col == 4 || col == 12 { // exact 万元 in the workbook, two decimals on the page
				f, err := jixiao.ParseWan(got)
				if err != nil {
					t.Fatalf("%s column %d: %q is not an amount", k, col, got)
				}
				got = f.Wan()
			}
			if got != w {
				t.Errorf("%s column %d: %q, the page has %q", k, col, got, w)
			}
		}
		ref, _ := excelize.CoordinatesToCellName(4, r)
		if typ, _ := x.GetCellType(sheet, ref); typ != excelize.CellTypeNumber && typ != excelize.CellTypeUnset {
			t.Errorf("%s: budget cell of type %v, want a number", k, typ)
		}
	}
	if got := cell(1, 4+len(keys)); got != "合计" {
		t.Errorf("row after the units: %q, want the total", got)
	}
}

// The overview orders its units by the column asked for, worst first,
// and refuses an order it does not have.
func TestOverviewSorts(t *testing.T) {
	e, keys := liveEnv(t)
	year := keys[0].Year
	q := fmt.Sprintf("/overview?year=%d&as_of=%d-10-08", year, year)
	_, body := e.get(t, q)
	rows := overviewRows(t, body)
	red := map[string]int{}
	for unit, cells := range rows {
		n, _ := strconv.Atoi(cells[6])
		red[unit] = n
	}
	if red[keys[0].Unit] == red[keys[1].Unit] {
		t.Fatalf("the test needs units with different red counts: %v", red)
	}
	for _, c := range []struct{ sort, first string }{
		{"", min(keys[0].Unit, keys[1].Unit)},
		{"red", map[bool]string{true: keys[0].Unit, false: keys[1].Unit}[red[keys[0].Unit] > red[keys[1].Unit]]},
	} {
		_, body := e.get(t, q+"&sort="+c.sort)
		m := overviewRowRE.FindStringSubmatch(body)
		if m == nil || m[1] != c.first {
			t.Errorf("sort %q: first unit %v, want %s", c.sort, m, c.first)
		}
	}
	_, body = e.get(t, q+"&sort=red")
	mustContain(t, body, `<strong title="当前排序">红灯</strong>`, fmt.Sprintf(`href="/overview?as_of=%d-10-08&amp;sort=mean&amp;year=%d"`, year, year))
	if res, _ := e.get(t, q+"&sort=name"); res.StatusCode != http.StatusBadRequest {
		t.Errorf("an unknown order: %d", res.StatusCode)
	}
}

// The department's monitoring page counts every indicator by status and
// lists those behind, as monitor.Document on the whole stored document
// says, on dates before and after the corrected reports.
func TestMonitoringPageAttainment(t *testing.T) {
	e, keys := liveEnv(t)
	ctx := context.Background()
	k := keys[1]
	doc, err := e.st.Document(ctx, k)
	if err != nil {
		t.Fatal(err)
	}
	behindRowRE := regexp.MustCompile(`(?s)<tr><td><a href="[^"]*">([^<]*)</a></td><td>(\d+)\. ([^<]*)</td>`)
	for _, day := range []string{"-06-30", "-12-31"} {
		asOf, _ := jixiao.ParseDate(fmt.Sprint(k.Year) + day)
		dep := monitor.Document(doc, asOf, monitor.DefaultConfig())
		n := map[string]int{}
		var want []string
		for _, p := range dep.Projects {
			for _, in := range p.Indicators {
				n[in.Status]++
				if in.Status == monitor.StatusBehind {
					want = append(want, fmt.Sprintf("%s|%d|%s", p.Name, in.Indicator, in.Name))
				}
			}
		}
		_, body := e.get(t, docPath(k)+"/monitor?as_of="+asOf.String())
		body = html.UnescapeString(body)
		mustContain(t, body, fmt.Sprintf("进度滞后 <strong>%d</strong> 个，进度正常 <strong>%d</strong> 个，已完成 <strong>%d</strong> 个",
			n[monitor.StatusBehind], n[monitor.StatusOnTrack], n[monitor.StatusMet]))
		var got []string
		for _, m := range behindRowRE.FindAllStringSubmatch(body, -1) {
			got = append(got, m[1]+"|"+m[2]+"|"+m[3])
		}
		if strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Errorf("%s: behind rows\n%s\nwant\n%s", asOf, strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
		if day == "-12-31" && len(want) == 0 {
			t.Error("no indicator behind at the year's end: the test shows nothing")
		}
	}
}

// The cached overview follows every write: a payment entered between two
// views of the same page shows in the second.
func TestOverviewCacheFollowsWrites(t *testing.T) {
	e := newEnv(t, true)
	ctx := context.Background()
	path := "/overview?year=2024&as_of=2024-12-31"
	_, first := e.get(t, path)
	if again, _ := e.get(t, path); again.StatusCode != http.StatusOK {
		t.Fatalf("the cached page: %d", again.StatusCode)
	}
	before := overviewRows(t, first)[exUnit][9]
	if _, err := e.st.AddSpending(ctx, jixiao.Key{Unit: exUnit, Year: exYear}, officeCode, jixiao.Spending{Date: jixiao.Date{Y: 2024, M: 3, D: 1},
		Amount: 2_000_000, Entered: jixiao.Stamp{By: "editor"}}); err != nil {
		t.Fatal(err)
	}
	_, second := e.get(t, path)
	after := overviewRows(t, second)[exUnit][9]
	if before != "0.00" || after != "2.00" {
		t.Errorf("spent before and after a payment of 2 万元: %s, %s", before, after)
	}
}
