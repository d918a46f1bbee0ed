package web

import (
	"fmt"
	"html"
	"jixiao/auth"
	"jixiao/internal/fixture"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"jixiao"
	"jixiao/review"
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
	mustContain(t, body, fmt.Sprintf("<td>%d年%d月%d日</td>", day.Year(), int(day.Month()), day.Day()))
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
