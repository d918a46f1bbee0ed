package web

import (
	"html"
	"jixiao/internal/fixture"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
)

var evalPath = exBase + "/projects/" + officeCode + "/evaluation"

// officeForm is the done-when evaluation of 办公楼运维费 as typed into the page.
func officeForm(version string) url.Values {
	return url.Values{
		"version": {version}, "by": {"张三"},
		"adjusted": {"10.36"}, "executed": {"9.80"},
		"value1": {"10个"}, "value2": {"90%"}, "note2": {"部分设备老化"}, "value3": {"2024年12月20日"},
		"value4": {"9.80万元"}, "grade5": {"达成"}, "grade6": {"达成"}, "value7": {"92%"},
	}
}

// postEval submits the evaluation form as the browser would, with the
// CSRF cookie and field.
func (e *env) postEval(t *testing.T, form url.Values) (*http.Response, string) {
	t.Helper()
	cookie, token := e.formToken(t)
	form.Set("csrf", token)
	r := httptest.NewRequest(http.MethodPost, evalPath, strings.NewReader(form.Encode()))
	r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	r.AddCookie(cookie)
	return e.do(t, r)
}

func TestEvaluationPageSaveAndScore(t *testing.T) {
	e := newEnv(t, true)
	res, body := e.get(t, evalPath)
	if res.StatusCode != http.StatusOK {
		t.Fatalf("GET: %d\n%s", res.StatusCode, body)
	}
	mustContain(t, body, `name="csrf" value="`, `name="version" value="0"`, `name="value2"`,
		`<select name="grade5"`, "<option>部分达成</option>", "尚未保存过自评")

	res, body = e.postEval(t, officeForm("0"))
	if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != evalPath+"?saved=1" {
		t.Fatalf("POST: %d %s\n%s", res.StatusCode, res.Header.Get("Location"), body)
	}
	_, body = e.get(t, evalPath+"?saved=1")
	mustContain(t, body, "已保存（第 1 版）", `id="total">98.80<`, `id="grade">优<`, `id="execution-score">9.46<`,
		html.EscapeString("90 ÷ 95 × 12.5 = 11.84"), `name="version" value="1"`, `value="90%"`,
		"<option selected>达成</option>", "部分设备老化", "<td>editor</td>")

	// Lower the actual: the score moves and says why.
	f := officeForm("1")
	f.Set("value2", "76%")
	if res, body := e.postEval(t, f); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("second POST: %d\n%s", res.StatusCode, body)
	}
	_, body = e.get(t, evalPath)
	mustContain(t, body, html.EscapeString("76 ÷ 95 × 12.5 = 10.00"), `id="total">96.96<`)
	if strings.Count(body, "<td>editor</td>") != 2 {
		t.Errorf("history should list two saves")
	}
}

// A save from a stale page is refused with 409, keeps what was typed, and
// changes nothing stored.
func TestEvaluationConflict(t *testing.T) {
	e := newEnv(t, true)
	if res, _ := e.postEval(t, officeForm("0")); res.StatusCode != http.StatusSeeOther {
		t.Fatal(res.StatusCode)
	}
	stale := officeForm("0")
	stale.Set("value1", "8个")
	res, body := e.postEval(t, stale)
	if res.StatusCode != http.StatusConflict {
		t.Fatalf("stale POST: %d", res.StatusCode)
	}
	mustContain(t, body, "数据已被他人修改，请刷新后重试", `value="8个"`)
	doc, err := e.st.Document(t.Context(), fixture.Example(t).Key())
	if err != nil {
		t.Fatal(err)
	}
	p, _ := doc.Project(officeCode)
	if p.Evaluation.Actuals[0].Value != "10个" {
		t.Errorf("stale save stored %q", p.Evaluation.Actuals[0].Value)
	}
}

func TestEvaluationRefused(t *testing.T) {
	e := newEnv(t, true)
	for name, c := range map[string]struct{ field, value, want string }{
		"wrong unit":       {"value2", "90个", "完成值的单位“个”与目标单位“%”不一致"},
		"bad money":        {"adjusted", "十万", "全年预算数：金额“十万”不是数字"},
		"override no note": {"score1", "5", "须说明理由"},
		"out of band":      {"score5", "1", "得分应在"},
	} {
		f := officeForm("0")
		f.Set(c.field, c.value)
		res, body := e.postEval(t, f)
		if res.StatusCode != http.StatusUnprocessableEntity {
			t.Errorf("%s: status %d", name, res.StatusCode)
		}
		mustContain(t, body, html.EscapeString(c.want), `value="`+html.EscapeString(c.value)+`"`)
	}
	if c := e.counts(t); c["evaluations"] != 0 {
		t.Errorf("refused saves stored %d evaluations", c["evaluations"])
	}
	// Without the CSRF field nothing is saved.
	r := httptest.NewRequest(http.MethodPost, evalPath, strings.NewReader(officeForm("0").Encode()))
	r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	if res, _ := e.do(t, r); res.StatusCode != http.StatusForbidden {
		t.Errorf("no CSRF: %d", res.StatusCode)
	}
}

func TestEvaluationSummaryAndForm(t *testing.T) {
	e := newEnv(t, true)
	res, body := e.get(t, exBase+"/evaluation")
	if res.StatusCode != http.StatusOK {
		t.Fatal(res.StatusCode)
	}
	mustContain(t, body, `id="evaluated">0<`, `id="remaining">11<`, "未评价")
	e.postEval(t, officeForm("0"))
	_, body = e.get(t, exBase+"/evaluation")
	mustContain(t, body, `id="evaluated">1<`, `id="remaining">10<`, "<td class=\"num\">98.80</td><td class=\"grade\">优</td><td class=\"num\">94.59%</td>",
		`href="`+evalPath+`"`, `href="`+evalPath+`/form"`)
	// The evaluated project ranks first.
	if strings.Index(body, "98.80") > strings.Index(body, `<td colspan="4">未评价`) {
		t.Error("evaluated project not ranked first")
	}

	res, body = e.get(t, evalPath+"/form")
	if res.StatusCode != http.StatusOK {
		t.Fatal(res.StatusCode)
	}
	mustContain(t, body, "项目支出绩效自评表", "年初预算数", "全年预算数（A）", "全年执行数（B）", "执行率（B/A）",
		"年度资金总额", "其中：财政拨款", "上年结转", "其他资金", "预期目标", "实际完成情况",
		"偏差原因分析及改进措施", `<td class="num">10.36</td>`, `<td class="num">9.80</td>`, "94.59%", "9.46",
		`<td rowspan="4">产出指标</td>`, "部分设备老化", "总分", `<td class="num">98.80</td><th>等级</th><td>优</td>`)
	if res, _ := e.get(t, exBase+"/projects/NOPE/evaluation"); res.StatusCode != http.StatusNotFound {
		t.Errorf("unknown project: %d", res.StatusCode)
	}
}

func TestEvaluationLinks(t *testing.T) {
	e := newEnv(t, true)
	_, body := e.get(t, exBase)
	mustContain(t, body, `href="`+exBase+`/evaluation" id="evaluation-link"`)
	_, body = e.get(t, exBase+"/projects/"+officeCode)
	mustContain(t, body, `href="`+evalPath+`" id="evaluation-link"`)
}
