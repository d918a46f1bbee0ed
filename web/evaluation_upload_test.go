package web

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"jixiao"
	"jixiao/score"
)

// postEvaluationForm uploads a filled-in self-evaluation workbook to a
// project's evaluation page as the env's editor.
func (e *env) postEvaluationForm(t *testing.T, code string, data []byte) (*http.Response, string) {
	t.Helper()
	cookie, token := e.formToken(t)
	r := uploadRequest(t, exBase+"/projects/"+code+"/evaluation/upload", evaluationField, token, upload{"自评表.xlsx", data})
	r.AddCookie(cookie)
	return e.do(t, r)
}

// The self-evaluation form round trip: the department downloads the
// project's 自评表, fills in the year's figures and each indicator's
// result in Excel and uploads it; the page saves it as its own form
// would, a qualitative indicator's result as its grade. Uploading the
// next download unchanged keeps the figures as they were; a form older
// than the last save, or another project's, is refused and nothing is
// stored.
func TestEvaluationFormRoundTrip(t *testing.T) {
	e := newEnv(t, true)
	ctx := context.Background()
	k := jixiao.Key{Unit: exUnit, Year: exYear}
	download := func(code string) []byte {
		res, body := e.get(t, exBase+"/projects/"+code+"/evaluation/form.xlsx")
		if res.StatusCode != http.StatusOK {
			t.Fatalf("download: %d", res.StatusCode)
		}
		return []byte(body)
	}
	first := download(officeCode)
	// F6/G6 全年预算数/全年执行数, G11 实际完成情况, rows 13 on the
	// indicators: C 三级指标, F 实际完成值, I 偏差原因分析及改进措施.
	filled := fillForm(t, first, func(x *excelize.File, s string) {
		for cell, v := range map[string]string{"F6": "10.36", "G6": "9.8", "G11": "保障了机关和分局用电、电梯运转",
			"F13": "10个", "F14": "96%", "F15": "2024年12月20日", "F16": "10.2万元", "F17": "达成", "F18": "部分达成",
			"I18": "队伍培训延后", "F19": "92%"} {
			x.SetCellStr(s, cell, v)
		}
	})
	res, body := e.postEvaluationForm(t, officeCode, filled)
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("upload: %d\n%.800s", res.StatusCode, body)
	}
	doc, err := e.st.Document(ctx, k)
	if err != nil {
		t.Fatal(err)
	}
	p, _ := doc.Project(officeCode)
	ev := p.Evaluation
	if ev == nil || ev.AdjustedBudget != 10_360_000 || !ev.HasExecuted || ev.Executed != 9_800_000 || ev.Reason != "保障了机关和分局用电、电梯运转" {
		t.Fatalf("stored evaluation %+v", ev)
	}
	want := []jixiao.Actual{{Indicator: 1, Value: "10个"}, {Indicator: 2, Value: "96%"}, {Indicator: 3, Value: "2024年12月20日"},
		{Indicator: 4, Value: "10.2万元"}, {Indicator: 5, Grade: "达成"}, {Indicator: 6, Grade: "部分达成", Reason: "队伍培训延后"},
		{Indicator: 7, Value: "92%"}}
	if len(ev.Actuals) != len(want) {
		t.Fatalf("%d actuals stored: %+v", len(ev.Actuals), ev.Actuals)
	}
	for i, w := range want {
		if g := ev.Actuals[i]; g.Indicator != w.Indicator || g.Value != w.Value || g.Grade != w.Grade || g.Reason != w.Reason {
			t.Errorf("actual %d: %+v, want %+v", i+1, g, w)
		}
	}
	if ev.Entered.By != "editor" {
		t.Errorf("entered by %q", ev.Entered.By)
	}

	// The next download, uploaded as it is, saves the same evaluation.
	if res, body := e.postEvaluationForm(t, officeCode, download(officeCode)); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("the form uploaded again: %d\n%.800s", res.StatusCode, body)
	}
	doc, _ = e.st.Document(ctx, k)
	p, _ = doc.Project(officeCode)
	if again := p.Evaluation; again.AdjustedBudget != ev.AdjustedBudget || again.Executed != ev.Executed ||
		again.HasExecuted != ev.HasExecuted || len(again.Actuals) != len(ev.Actuals) {
		t.Errorf("uploaded unchanged, the evaluation changed: %+v", again)
	}
	history, _ := e.st.EvaluationHistory(ctx, k, officeCode)

	for _, c := range []struct {
		name, code string
		data       []byte
		status     int
		want       string
	}{
		{"a form from before the last save", officeCode, filled, http.StatusConflict, "已被他人保存"},
		{"another project's form", "13022524P00002410003E", filled, http.StatusBadRequest, "不是本项目"},
		{"a renamed row", officeCode, fillForm(t, download(officeCode), func(x *excelize.File, s string) { x.SetCellStr(s, "C13", "办公场所数量") }),
			http.StatusBadRequest, "第1个指标是“派出机构数量”，表中是“办公场所数量”"},
		{"not a workbook", officeCode, []byte("项目编码,日期\n"), http.StatusBadRequest, "不是Excel 工作簿"},
	} {
		res, body := e.postEvaluationForm(t, c.code, c.data)
		if res.StatusCode != c.status || !strings.Contains(body, c.want) {
			t.Errorf("%s: %d, want %d with %q\n%.400s", c.name, res.StatusCode, c.status, c.want, body)
		}
	}
	if h, _ := e.st.EvaluationHistory(ctx, k, officeCode); len(h) != len(history) {
		t.Errorf("refused uploads saved: %d versions, had %d", len(h), len(history))
	}

	// Figures the form shows computed — the budget for 全年预算数, the
	// payments for 全年执行数 — stay computed when they come back as shown.
	const other = "13022524P00002410003E"
	q, _ := doc.Project(other)
	if _, err := e.st.SaveEvaluation(ctx, k, other, jixiao.Evaluation{Actuals: []jixiao.Actual{{Indicator: 1, Value: q.Indicators[0].Value}}}, "editor", 0); err != nil {
		t.Fatal(err)
	}
	if _, err := e.st.AddSpending(ctx, k, other, jixiao.Spending{Date: jixiao.Date{Y: 2024, M: 5, D: 6}, Amount: 1_200_000,
		Entered: jixiao.Stamp{By: "editor"}}); err != nil {
		t.Fatal(err)
	}
	if res, body := e.postEvaluationForm(t, other, download(other)); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("a computed form uploaded as shown: %d\n%.600s", res.StatusCode, body)
	}
	doc, _ = e.st.Document(ctx, k)
	q, _ = doc.Project(other)
	if ev := q.Evaluation; ev.HasExecuted || ev.AdjustedBudget != 0 {
		t.Errorf("computed figures became typed ones: %+v", ev)
	}
}

// The unit's self-evaluation summary workbook ranks the scored projects
// as the page does, with their figures as numbers, then the others with
// why they are not scored.
func TestEvaluationSummaryWorkbook(t *testing.T) {
	e := newEnv(t, true)
	ctx := context.Background()
	k := jixiao.Key{Unit: exUnit, Year: exYear}
	doc, err := e.st.Document(ctx, k)
	if err != nil {
		t.Fatal(err)
	}
	for i, p := range doc.Projects[:2] {
		ev := jixiao.Evaluation{Executed: p.Budget * jixiao.Fen(6+3*i) / 10, HasExecuted: true,
			Actuals: []jixiao.Actual{{Indicator: 1, Value: p.Indicators[0].Value}}}
		if _, err := e.st.SaveEvaluation(ctx, k, p.Code, ev, "editor", 0); err != nil {
			t.Fatal(err)
		}
	}
	_, page := e.get(t, exBase+"/evaluation")
	mustContain(t, page, `href="/units/414001/2024/evaluation.xlsx" id="summary-xlsx"`)
	res, body := e.get(t, exBase+"/evaluation.xlsx")
	if res.StatusCode != http.StatusOK {
		t.Fatalf("summary workbook: %d", res.StatusCode)
	}
	x, err := excelize.OpenReader(strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	rows, err := x.GetRows(x.GetSheetList()[0])
	if err != nil {
		t.Fatal(err)
	}
	doc, _ = e.st.Document(ctx, k)
	second, first := doc.Projects[0], doc.Projects[1] // the second executed more: ranked first
	r1, _ := score.Project(&first, exYear, score.DefaultConfig())
	r2, _ := score.Project(&second, exYear, score.DefaultConfig())
	if r1.Total <= r2.Total {
		t.Fatalf("the test needs project 2 to score higher: %s, %s", r1.Total.Fixed(2), r2.Total.Fixed(2))
	}
	for i, want := range [][]string{
		{"1", first.Code, first.Name, first.Budget.Wan(), r1.Adjusted.Wan(), r1.Executed.Wan(), r1.ExecutionRate.Fixed(2), r1.Total.Fixed(2), r1.Grade},
		{"2", second.Code, second.Name, second.Budget.Wan(), r2.Adjusted.Wan(), r2.Executed.Wan(), r2.ExecutionRate.Fixed(2), r2.Total.Fixed(2), r2.Grade},
	} {
		got := rows[3+i]
		for j, w := range want {
			if j < len(got) && j >= 3 && j <= 7 { // numbers in the workbook, as they compare
				n, err := jixiao.ParseDecimal(got[j])
				if err != nil {
					t.Fatalf("row %d column %d: %q is not a number", i+1, j+1, got[j])
				}
				got[j] = n.Fixed(2)
			}
			if j >= len(got) || got[j] != w {
				t.Errorf("row %d: %q, want %q", i+1, got, want)
				break
			}
		}
	}
	if last := rows[len(rows)-1]; last[len(last)-1] != "未评价" {
		t.Errorf("an unscored project's row: %q", last)
	}
	if len(rows) != 3+len(doc.Projects) {
		t.Errorf("%d rows, want the title, note, header and %d projects", len(rows), len(doc.Projects))
	}
}

// The summary suggests, for a project graded 中 or 差, next year's cut on
// its 全年预算数 (score.Suggest), on the page and in the workbook.
func TestEvaluationSummarySuggestions(t *testing.T) {
	e := newEnv(t, true)
	ctx := context.Background()
	k := jixiao.Key{Unit: exUnit, Year: exYear}
	doc, _ := e.st.Document(ctx, k)
	p := doc.Projects[0]
	// Little done and little spent: a low score.
	ev := jixiao.Evaluation{Executed: p.Budget / 10, HasExecuted: true, Reason: "项目延期",
		Actuals: []jixiao.Actual{{Indicator: 1, Value: "1个"}, {Indicator: 2, Value: "10%"}}}
	if _, err := e.st.SaveEvaluation(ctx, k, p.Code, ev, "editor", 0); err != nil {
		t.Fatal(err)
	}
	doc, _ = e.st.Document(ctx, k)
	res, err := score.Project(&doc.Projects[0], exYear, score.DefaultConfig())
	if err != nil {
		t.Fatal(err)
	}
	want := score.Suggest(score.DefaultConsequences(), res.Grade, res.Adjusted)
	if !want.Cut {
		t.Fatalf("the test needs a grade that suggests a cut, got %s (%s)", res.Grade, res.Total.Fixed(2))
	}
	_, page := e.get(t, exBase+"/evaluation")
	mustContain(t, page, `<td class="suggestion">`+want.Text+`</td>`)
	_, body := e.get(t, exBase+"/evaluation.xlsx")
	x, err := excelize.OpenReader(strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	if v, _ := x.GetCellValue(x.GetSheetList()[0], "J4"); v != want.Text {
		t.Errorf("the workbook's suggestion %q, want %q", v, want.Text)
	}
}
