package web

import (
	"fmt"
	"html"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"jixiao"
	"jixiao/auth"
	"jixiao/gen"
	"jixiao/internal/fixture"
	"jixiao/review"
	"jixiao/workflow"
)

func TestHome(t *testing.T) {
	e := newEnv(t, true)
	res, body := e.get(t, "/")
	if res.StatusCode != http.StatusOK {
		t.Fatalf("GET /: %d", res.StatusCode)
	}
	mustContain(t, body, "单位编码", "单位名称", "预算总额（万元）", "更新时间",
		"414001", "乐亭县市场监督管理局本级", "814.86", `href="/units/414001/2024"`, `href="/import"`)
	docs, err := e.st.Documents(t.Context())
	if err != nil || len(docs) != 1 {
		t.Fatalf("documents %v, %v", docs, err)
	}
	day := docs[0].Updated.In(china)
	mustContain(t, body, fmt.Sprintf(`<td class="when">%d年%d月%d日</td>`, day.Year(), int(day.Month()), day.Day()))
}

func TestHomeEmpty(t *testing.T) {
	e := newEnv(t, false)
	res, body := e.get(t, "/")
	if res.StatusCode != http.StatusOK {
		t.Fatalf("GET /: %d", res.StatusCode)
	}
	mustContain(t, body, "还没有任何绩效目标")
}

func TestUnitPage(t *testing.T) {
	e := newEnv(t, true)
	doc := fixture.Example(t)
	res, body := e.get(t, exBase)
	if res.StatusCode != http.StatusOK {
		t.Fatalf("GET %s: %d\n%s", exBase, res.StatusCode, body)
	}
	mustContain(t, body,
		"乐亭县市场监督管理局本级 2024年度绩效目标",
		`id="total-budget">814.86<`,
		`id="project-count">11<`,
		"<svg", `id="budget-chart"`,
		"一、总体绩效目标", "严守安全底线，在风险管控上再加力", "一是守牢食品安全底线。",
		"二、分项绩效目标", "三、工作保障措施",
		"审核概况", `href="/units/414001/2024/review"`,
	)
	// Every project is listed with code, name, budget and a link, and has
	// a bar labelled with its name and amount.
	for _, p := range doc.Projects {
		href := `href="/units/414001/2024/projects/` + p.Code + `"`
		mustContain(t, body, p.Code, html.EscapeString(p.Name), href, ">"+p.Budget.Wan()+"<")
	}
	if n := strings.Count(body, `<rect class="bar"`); n != len(doc.Projects) {
		t.Errorf("chart has %d bars, want %d", n, len(doc.Projects))
	}
	// The 分项 paragraph of 办公楼运维费 links to its table.
	mustContain(t, body, `<a href="/units/414001/2024/projects/`+officeCode+`">办公楼运维费</a></h3>`)
	// Grades come from the review.
	rep := review.Review(doc, review.DefaultConfig())
	for _, g := range rep.Projects {
		if g.Grade == "" {
			t.Errorf("project %s has no grade", g.Code)
		}
	}
	mustContain(t, body, "indicator-count\">"+strconv.Itoa(doc.IndicatorCount())+"<")
}

func TestProjectPage(t *testing.T) {
	e := newEnv(t, true)
	doc := fixture.Example(t)
	path := exBase + "/projects/" + officeCode
	res, body := e.get(t, path)
	if res.StatusCode != http.StatusOK {
		t.Fatalf("GET %s: %d\n%s", path, res.StatusCode, body)
	}
	mustContain(t, body,
		"1.办公楼运维费绩效目标表", "414001乐亭县市场监督管理局本级", "单位：万元",
		"项目编码", officeCode, "项目名称", "预算规模及资金用途", "预算数", "其中：财政资金", "其他资金",
		"资金用途", "保障机关及分局用电，使业务正常开展，保障机关电梯正常运转",
		"资金支出计划（%）", "3月底", "6月底", "10月底", "12月底", ">25%<", ">50%<", ">75%<", ">100%<",
		"绩效目标", "一级指标", "二级指标", "三级指标", "绩效指标描述", "指标值", "指标值确定依据",
		`<td class="level1" rowspan="4">产出指标</td>`,
		`<td class="level1" rowspan="2">效益指标</td>`,
		"派出机构数量", "≥95%", "2024年12月31日", "10.36万元", "日益提高",
	)
	if got := strings.Count(body, `class="level1"`); got != 3 {
		t.Errorf("%d 一级 cells, want 3 (产出, 效益, 满意度 merged)", got)
	}
	// Every finding of the project is shown with its message; indicator
	// findings highlight a cell of their row.
	p, _ := doc.Project(officeCode)
	rep := review.Review(doc, review.DefaultConfig())
	n := 0
	for _, f := range rep.Findings {
		if f.Project != officeCode {
			continue
		}
		mustContain(t, body, html.EscapeString(f.Message))
		if f.Indicator > 0 {
			n++
		}
	}
	if n == 0 {
		t.Fatal("the review finds nothing on 办公楼运维费's indicators; the test needs a finding to look for")
	}
	if !strings.Contains(body, "finding-warning") && !strings.Contains(body, "finding-error") {
		t.Error("no highlighted cell")
	}
	// The clean print view has no findings.
	_, clean := e.get(t, path+"?print=form")
	if strings.Contains(clean, "finding-") || strings.Contains(clean, "审核意见</th>") {
		t.Error("print=form still shows review findings")
	}
	mustContain(t, clean, `<td class="level1" rowspan="4">产出指标</td>`, p.Indicators[0].Level3)
}

func TestReviewPage(t *testing.T) {
	e := newEnv(t, true)
	doc := fixture.Example(t)
	res, body := e.get(t, exBase+"/review")
	if res.StatusCode != http.StatusOK {
		t.Fatalf("GET review: %d\n%s", res.StatusCode, body)
	}
	mustContain(t, body, "乐亭县市场监督管理局本级 2024年度预算绩效目标审核意见", "项目审核结果", "具体意见",
		"审核人（签字）", "审核日期", "规则", "级别", "修改建议", "依据")
	rep := review.Review(doc, review.DefaultConfig())
	for _, p := range rep.Projects {
		mustContain(t, body, html.EscapeString(p.Name), `<td class="grade">`+p.Grade+`</td>`)
	}
	for _, f := range rep.Findings {
		mustContain(t, body, html.EscapeString(f.Message), ">"+f.Rule+"<")
	}
}

func TestNotFound(t *testing.T) {
	e := newEnv(t, true)
	// A reviewer of every unit sees that other units have no document.
	e.session = e.login(t, "reviewer", auth.Reviewer)
	for _, path := range []string{
		"/units/999999/2024",
		"/units/414001/2023",
		"/units/414001/abc",
		"/units/414001/2024/review/x",
		"/units/999999/2024/review",
		"/units/414001/2024/projects/NOPE",
		"/units/999999/2024/projects/" + officeCode,
		"/nope",
		"/static/nope.css",
	} {
		res, body := e.get(t, path)
		if res.StatusCode != http.StatusNotFound {
			t.Errorf("GET %s: %d, want 404", path, res.StatusCode)
			continue
		}
		mustContain(t, body, "未找到", "<html lang=\"zh-CN\">")
	}
	_, body := e.get(t, "/units/414001/2024/projects/NOPE")
	mustContain(t, body, "没有项目“NOPE”")
}

func TestIndicatorRowSpans(t *testing.T) {
	in := func(l1, l2 string) jixiao.Indicator { return jixiao.Indicator{Level1: l1, Level2: l2} }
	rows := indicatorRows([]jixiao.Indicator{
		in("产出指标", "数量指标"), in("产出指标", "数量指标"), in("产出指标", "质量指标"),
		in("效益指标", "质量指标"), // same 二级 text as above, different 一级: not merged
		in("效益指标", "社会效益指标"),
		in("产出指标", "数量指标"), // a later run is its own cell
	})
	var got [][2]int
	for _, r := range rows {
		got = append(got, [2]int{r.Span1, r.Span2})
	}
	want := [][2]int{{3, 2}, {0, 0}, {0, 1}, {2, 1}, {0, 1}, {1, 1}}
	if len(got) != len(want) {
		t.Fatalf("got %v", got)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("spans %v, want %v", got, want)
		}
	}
	if len(indicatorRows(nil)) != 0 {
		t.Error("rows from nothing")
	}
}

func TestEscaping(t *testing.T) {
	e := newEnv(t, false)
	doc := fixture.Example(t)
	doc.Unit.Name = `<script>alert("单位")</script>`
	doc.Projects[0].Name = `<img src=x onerror=alert(1)>`
	doc.Projects[0].Indicators[0].Value = `"><b>10个</b>`
	if _, err := e.st.SaveDocuments(t.Context(), []*jixiao.Document{doc}, "test"); err != nil {
		t.Fatal(err)
	}
	for _, path := range []string{"/", exBase, exBase + "/review", exBase + "/projects/" + doc.Projects[0].Code} {
		res, body := e.get(t, path)
		if res.StatusCode != http.StatusOK {
			t.Fatalf("GET %s: %d", path, res.StatusCode)
		}
		for _, raw := range []string{"<script>alert", "<img src=x", "<b>10个</b>"} {
			if strings.Contains(body, raw) {
				t.Errorf("GET %s: %q not escaped", path, raw)
			}
		}
	}
	_, body := e.get(t, exBase+"/projects/"+doc.Projects[0].Code)
	mustContain(t, body, "&lt;img src=x onerror=alert(1)&gt;", "&#34;&gt;&lt;b&gt;10个&lt;/b&gt;")
}

// homeRowRE reads a row of the document list: unit and year.
var homeRowRE = regexp.MustCompile(`<tr data-unit="([^"]+)" data-year="(\d+)">`)

// homeRows GETs the list and returns its rows as "unit/year".
func homeRows(t *testing.T, e *env, path string) (rows []string, body string) {
	t.Helper()
	res, body := e.get(t, path)
	if res.StatusCode != http.StatusOK {
		t.Fatalf("GET %s: %d", path, res.StatusCode)
	}
	for _, m := range homeRowRE.FindAllStringSubmatch(body, -1) {
		rows = append(rows, m[1]+"/"+m[2])
	}
	return rows, body
}

// The document list of a province: 100 rows a page with the totals of
// all that pass the filter, each document's review states and counts,
// and filters by year, goals state, self-evaluation state and unit (code
// prefix or part of the name) that keep each other in the links. A user
// of one unit sees only that unit's documents; a bad filter value is a
// 400 saying which.
func TestHomeFiltersAndPages(t *testing.T) {
	e := newEnv(t, true)
	ctx := t.Context()
	docs := []*jixiao.Document{}
	for i := 1; i <= 120; i++ {
		docs = append(docs, gen.Unit(gen.Options{Units: 121, ProjectsPerUnit: 1, Seed: 3}, i))
	}
	older := fixture.Example(t)
	older.Year = 2023
	docs = append(docs, older)
	if _, err := e.st.SaveDocuments(ctx, docs, "test"); err != nil {
		t.Fatal(err)
	}
	editor := e.user(t, "乐亭填报", auth.Editor, exUnit)
	if err := e.st.Transition(ctx, jixiao.Key{Unit: exUnit, Year: exYear}, workflow.Goals, workflow.Submitted, editor, ""); err != nil {
		t.Fatal(err)
	}
	all, err := e.st.Documents(ctx)
	if err != nil || len(all) != 122 {
		t.Fatalf("%d documents stored, %v", len(all), err)
	}
	var budget jixiao.Fen
	for _, d := range all {
		budget += d.Budget
	}

	// The unit's own editor sees the unit's two years, the submitted one
	// marked, with the review's counts linking to the review.
	rows, body := homeRows(t, e, "/")
	if !slices.Equal(rows, []string{"414001/2024", "414001/2023"}) {
		t.Errorf("the unit's editor sees %v", rows)
	}
	mustContain(t, body, `<td class="state state-submitted">已报送</td>`, `href="/units/414001/2024/review">警告 28</a>`,
		"合计 2 份", "已报送 1", "草稿 1")

	e.session = e.login(t, "省厅管理员", auth.Admin)
	rows, body = homeRows(t, e, "/")
	if len(rows) != 100 {
		t.Fatalf("first page: %d rows, want 100", len(rows))
	}
	mustContain(t, body, "合计 122 份（本页第 1–100 份）", "<th class=\"num\">"+budget.Wan()+"</th>", "第 1 / 2 页",
		`href="/?page=2" id="home-next"`, "全部 122", "草稿 121", "已报送 1")
	next, _ := homeRows(t, e, "/?page=2")
	if len(next) != 22 || slices.Contains(rows, next[0]) {
		t.Errorf("second page: %d rows starting %v", len(next), next[:1])
	}
	if got := append(rows, next...); len(got) != 122 || got[0] != all[0].Key.String() || got[121] != all[121].Key.String() {
		t.Errorf("the pages do not list the documents in order once each")
	}
	if beyond, _ := homeRows(t, e, "/?page=9"); !slices.Equal(beyond, next) {
		t.Errorf("a page beyond the last shows %d rows, want the last page", len(beyond))
	}

	for _, c := range []struct {
		query string
		want  []string
	}{
		{"?goals=submitted", []string{"414001/2024"}},
		{"?year=2023", []string{"414001/2023"}},
		{"?q=414001", []string{"414001/2024", "414001/2023"}},
		{"?q=" + url.QueryEscape("市场监督管理局") + "&year=2023", []string{"414001/2023"}},
		{"?evaluation=approved", nil},
		{"?goals=submitted&year=2023", nil},
	} {
		rows, body := homeRows(t, e, "/"+c.query)
		if !slices.Equal(rows, c.want) {
			t.Errorf("%s: rows %v, want %v", c.query, rows, c.want)
		}
		if len(c.want) == 0 {
			mustContain(t, body, "没有符合筛选条件的文档")
		}
	}
	// The state links keep the other filters and count under them.
	_, body = homeRows(t, e, "/?year=2023")
	mustContain(t, body, `<a href="/?goals=submitted&amp;year=2023">已报送 0</a>`, "<strong>全部 1</strong>")

	for _, bad := range []string{"?year=二〇二四", "?goals=done", "?page=0"} {
		res, body := e.get(t, "/"+bad)
		if res.StatusCode != http.StatusBadRequest {
			t.Errorf("%s: status %d, want 400", bad, res.StatusCode)
		}
		mustContain(t, body, "不对")
	}
}

// The list opens with what waits on the user: a reviewer sees the tracks
// submitted to them, the editor the tracks returned to them; neither
// sees the other's, and a decided track leaves the list.
func TestHomeTodo(t *testing.T) {
	e := newEnv(t, true)
	ctx := t.Context()
	k := jixiao.Key{Unit: exUnit, Year: exYear}
	editor := e.user(t, "乐亭填报", auth.Editor, exUnit)
	reviewer := e.user(t, "县财政局", auth.Reviewer)
	for _, tr := range []workflow.Track{workflow.Goals, workflow.Monitoring} {
		if err := e.st.Transition(ctx, k, tr, workflow.Submitted, editor, ""); err != nil {
			t.Fatal(err)
		}
	}
	if err := e.st.Transition(ctx, k, workflow.Monitoring, workflow.Returned, reviewer, "1-7月完成值缺两项"); err != nil {
		t.Fatal(err)
	}
	_, list := e.getAs(t, e.sessionFor(t, reviewer), "/")
	mustContain(t, list, `<a href="/units/414001/2024#track-goals">乐亭县市场监督管理局本级 2024年度绩效目标</a>：已报送，待审核`)
	if strings.Contains(list, "待修改后重新报送") {
		t.Error("the reviewer is shown the editor's returned track")
	}
	_, list = e.get(t, "/")
	mustContain(t, list, `<a href="/units/414001/2024#track-monitoring">乐亭县市场监督管理局本级 2024年度运行监控</a>：已退回，待修改后重新报送`)
	if strings.Contains(list, "待审核") {
		t.Error("the editor is shown the reviewer's work")
	}
	if err := e.st.Transition(ctx, k, workflow.Goals, workflow.Approved, reviewer, ""); err != nil {
		t.Fatal(err)
	}
	if _, list = e.getAs(t, e.sessionFor(t, reviewer), "/"); strings.Contains(list, `id="todo"`) {
		t.Error("the decided track is still waiting on the reviewer")
	}
}

// The users' guide is one click from every page for the signed-in.
func TestHelpPage(t *testing.T) {
	e := newEnv(t, true)
	res, body := e.get(t, "/help")
	if res.StatusCode != http.StatusOK {
		t.Fatalf("help: %d", res.StatusCode)
	}
	mustContain(t, body, "<h1>使用说明</h1>", "部门填报人员", "财政审核人员", "双监控", `href="/help"`)
	_, unit := e.get(t, exBase)
	mustContain(t, unit, `<a href="/help">使用说明</a>`)
}
