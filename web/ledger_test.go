package web

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"jixiao"
	"jixiao/auth"
	"jixiao/recordfile"
)

// Example projects whose indicators count the bureau's own work.
const (
	checkCode = "13022524P00002410002T" // 商品质量宣传检测执法经费: 1. 抽检批次 1000批次
	tipCode   = "13022524P000024100017" // 食品药品举报奖: 1. 举报线索处置率(%) 100%
	ledgerCSV = "类别,日期,编号,对象,事项,结果,备注\n" +
		"抽检,2024-03-05,SC001,甲超市,大米,合格,\n" +
		"抽检,2024-04-10,SC002,乙超市,食用油,不合格,\n" +
		"抽检,2024-11-20,SC003,甲超市,面粉,待检,\n" +
		"投诉举报,2024-02-01,JB001,丙药店,无证经营,已处置,\n" +
		"投诉举报,2024-06-01,JB002,丁商店,虚假宣传,办理中,\n"
)

// An editor keeps the unit's work records: imports a sheet, types one
// in, binds indicators to what the records count and sees each value
// with the records behind it; bad input is refused saying where, and
// nothing of it is kept.
func TestLedgerPage(t *testing.T) {
	e := newEnv(t, true)
	res, body := e.get(t, exBase+"/ledger")
	if res.StatusCode != http.StatusOK {
		t.Fatalf("GET ledger: %d", res.StatusCode)
	}
	mustContain(t, body, `id="ledger-upload"`, `id="record-form"`, `id="measure-form"`, "还没有指标从台账取数", "全部记录（0 条）")
	if _, unit := e.get(t, exBase); !strings.Contains(unit, `href="`+exBase+`/ledger" id="ledger-link"`) {
		t.Error("the unit page does not link to the ledger")
	}

	res, _ = e.postLedgerFile(t, "台账.csv", ledgerCSV)
	if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != exBase+"/ledger?done=imported&what=5" {
		t.Fatalf("upload: %d %s", res.StatusCode, res.Header.Get("Location"))
	}
	_, body = e.get(t, res.Header.Get("Location"))
	mustContain(t, body, "已导入 5 条台账记录。", "全部记录（5 条）", "SC002", "丁商店")

	// The notice is written from what is stored: a link cannot put words
	// on the page.
	_, body = e.get(t, exBase+"/ledger?notice="+url.QueryEscape("已撤销全部记录")+"&done=added&what=999999")
	if strings.Contains(body, "已撤销全部记录") || strings.Contains(body, `id="ledger-notice"`) {
		t.Error("the page shows a notice the link made up")
	}

	// A bad row refuses the file, naming the row; nothing is added.
	res, body = e.postLedgerFile(t, "坏.csv", "类别,日期,对象\n抽检,2024-05-01,戊超市\n抽检,2023-12-31,己超市\n")
	if res.StatusCode != http.StatusBadRequest {
		t.Fatalf("bad upload: %d", res.StatusCode)
	}
	mustContain(t, body, "坏.csv，第3行：日期 2023-12-31 不在 2024 年度（未导入任何记录）", "全部记录（5 条）")

	// One record typed in; one refused.
	add := func(v url.Values) (*http.Response, string) { return e.postForm(t, exBase+"/ledger/records", v) }
	res, _ = add(url.Values{"kind": {"sampling"}, "date": {"2024-12-01"}, "subject": {"庚餐馆"}, "item": {"餐具"}, "outcome": {"合格"}})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("add: %d", res.StatusCode)
	}
	res, body = add(url.Values{"kind": {"tipoff"}, "date": {"2024-12-01"}, "subject": {"辛"}, "outcome": {"合格"}})
	if res.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("a tip-off that passed a test: %d", res.StatusCode)
	}
	mustContain(t, body, "未录入：投诉举报的结果“合格”不对")

	// Bind: sampling batches to 抽检批次, handled tip-offs' share to 处置率.
	bind := func(v url.Values) (*http.Response, string) { return e.postForm(t, exBase+"/ledger/measures", v) }
	res, body = bind(url.Values{"indicator": {checkCode + ":1"}, "kind": {"sampling"}, "count": {"records"}})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("bind: %d %s", res.StatusCode, body)
	}
	_, body = e.get(t, res.Header.Get("Location"))
	mustContain(t, body, "指标“抽检批次”改为从台账取数：抽检批次数。")
	if res, body := bind(url.Values{"indicator": {tipCode + ":1"}, "kind": {"tipoff"}, "count": {"share"}, "outcome": {"tipoff:已处置"}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("bind share: %d %s", res.StatusCode, body)
	}
	res, body = bind(url.Values{"indicator": {tipCode + ":2"}, "kind": {"tipoff"}, "count": {"share"}, "outcome": {"sampling:合格"}})
	if res.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("an outcome of another kind: %d", res.StatusCode)
	}
	mustContain(t, body, "所选结果“合格”属于抽检，不属于投诉举报")
	res, body = bind(url.Values{"indicator": {checkCode + ":1"}, "kind": {"sampling"}, "count": {"share"}, "outcome": {"sampling:合格"}})
	if res.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("a share for a count: %d", res.StatusCode)
	}
	mustContain(t, body, "未保存：占比是百分数，指标“抽检批次”的指标值“1000批次”不是百分比。")
	res, body = bind(url.Values{"indicator": {tipCode + ":99"}, "kind": {"tipoff"}, "count": {"records"}})
	if res.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("no such indicator: %d", res.StatusCode)
	}

	_, body = e.get(t, exBase+"/ledger")
	mustContain(t, body, `data-indicator="`+checkCode+`:1"`, "抽检批次数", "4批次", "1000批次", "未达到",
		"投诉举报中结果为已处置的占比", "50%（1/2）")
	// The evidence of 抽检批次: the four batches, nothing else.
	_, body = e.get(t, exBase+"/ledger?evidence="+url.QueryEscape(checkCode+":1"))
	mustContain(t, body, "计入“商品质量宣传检测执法经费”第 1 个指标“抽检批次”的记录", "（4 条）", "SC001", "庚餐馆")
	if strings.Contains(body, "丙药店") {
		t.Error("the evidence of a sampling count lists a tip-off")
	}
	// Filters by kind and outcome.
	_, body = e.get(t, exBase+"/ledger?kind=sampling&outcome="+url.QueryEscape("合格"))
	mustContain(t, body, "抽检记录（合格）（2 条）")

	// Withdraw one; the count follows.
	_, body = e.get(t, exBase+"/ledger?kind=sampling&outcome="+url.QueryEscape("不合格"))
	i := strings.Index(body, "/withdraw")
	j := strings.LastIndex(body[:i], "/ledger/records/")
	res, _ = e.postForm(t, body[strings.LastIndex(body[:j], `"`)+1:i+len("/withdraw")], url.Values{})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("withdraw: %d", res.StatusCode)
	}
	_, body = e.get(t, res.Header.Get("Location"))
	mustContain(t, body, "3批次", "全部记录（5 条）", "号记录。</p>")

	// Unbind.
	res, _ = bind(url.Values{"indicator": {tipCode + ":1"}, "count": {"none"}})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("unbind: %d", res.StatusCode)
	}
	_, body = e.get(t, res.Header.Get("Location"))
	mustContain(t, body, "指标“举报线索处置率(%)”不再从台账取数。")
	if strings.Contains(body, "投诉举报中结果为已处置的占比") {
		t.Error("an unbound indicator is still counted")
	}

	// The audit trail says it all in words.
	_, body = e.get(t, exBase+"/audit")
	mustContain(t, body, "录入台账", "录入 5 条台账记录", "2024-04-10 抽检 SC002 乙超市 食用油 不合格", "撤销台账记录", "撤销：2024-04-10 抽检",
		"指标“抽检批次”从台账取数：抽检批次数", "指标“举报线索处置率(%)”不再从台账取数（原为：投诉举报中结果为已处置的占比）")

	// Another unit's editor sees no form and may not write.
	e.session = e.login(t, "other", auth.Editor, "999001")
	if res, _ := e.get(t, exBase+"/ledger"); res.StatusCode != http.StatusForbidden {
		t.Errorf("another unit's editor reads the ledger: %d", res.StatusCode)
	}
	if res, _ := add(url.Values{"kind": {"sampling"}, "date": {"2024-12-01"}, "subject": {"x"}}); res.StatusCode != http.StatusForbidden {
		t.Errorf("another unit's editor adds a record: %d", res.StatusCode)
	}
	e.session = e.login(t, "reader", auth.Viewer, exUnit)
	_, body = e.get(t, exBase+"/ledger")
	if strings.Contains(body, `id="record-form"`) || strings.Contains(body, "/withdraw") {
		t.Error("a viewer is offered the forms")
	}
	if res, _ := add(url.Values{"kind": {"sampling"}, "date": {"2024-12-01"}, "subject": {"x"}}); res.StatusCode != http.StatusForbidden {
		t.Errorf("a viewer adds a record: %d", res.StatusCode)
	}
}

// The self-evaluation of a counted indicator starts from the ledger's
// value; saved as it is, the actual records the ledger as its source,
// and a value typed over it does not.
func TestLedgerIntoEvaluation(t *testing.T) {
	e := newEnv(t, true)
	e.uploadLedger(t, ledgerCSV)
	e.bindLedger(t, url.Values{"indicator": {checkCode + ":1"}, "kind": {"sampling"}, "count": {"records"}})
	page := exBase + "/projects/" + checkCode + "/evaluation"
	_, body := e.get(t, page)
	mustContain(t, body, `id="value1" value="3批次"`, `id="ledger-1"`, "台账：<a href=", "3批次</a>（抽检批次数）")
	if strings.Contains(body, `id="ledger-2"`) {
		t.Error("an unbound indicator shows a ledger value")
	}
	source := func() string {
		t.Helper()
		d, err := e.st.Document(t.Context(), jixiao.Key{Unit: exUnit, Year: 2024})
		if err != nil {
			t.Fatal(err)
		}
		p, _ := d.Project(checkCode)
		if p.Evaluation == nil || len(p.Evaluation.Actuals) == 0 || p.Evaluation.Actuals[0].Indicator != 1 {
			t.Fatalf("evaluation %+v", p.Evaluation)
		}
		return p.Evaluation.Actuals[0].Value + "|" + p.Evaluation.Actuals[0].Source
	}
	// The printed form shows what is saved, nothing of the ledger yet.
	_, form := e.get(t, page+"/form")
	if strings.Contains(form, "3批次") || strings.Contains(form, "工作台账计算") {
		t.Error("the printed form shows a value not saved")
	}
	if res, body := e.postForm(t, page, url.Values{"version": {"0"}, "value1": {"3批次"}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("save: %d %s", res.StatusCode, body)
	}
	if got := source(); got != "3批次|台账：抽检批次数" {
		t.Errorf("saved from the ledger: %q", got)
	}
	_, form = e.get(t, page+"/form")
	mustContain(t, form, "注：“抽检批次”的实际完成值由本单位工作台账计算（抽检批次数）。")
	if res, body := e.postForm(t, page, url.Values{"version": {"1"}, "value1": {"900批次"}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("save: %d %s", res.StatusCode, body)
	}
	if got := source(); got != "900批次|" {
		t.Errorf("typed over the ledger: %q", got)
	}
	_, body = e.get(t, page)
	mustContain(t, body, `id="value1" value="900批次"`, "，与填写值不一致")
	if _, form = e.get(t, page+"/form"); strings.Contains(form, "工作台账计算") {
		t.Error("a typed value is noted as the ledger's")
	}
}

// The project's monitoring page shows a counted indicator's value as of
// its date, and one button files it as the progress report.
func TestLedgerIntoMonitoring(t *testing.T) {
	e := newEnv(t, true)
	e.uploadLedger(t, ledgerCSV)
	e.bindLedger(t, url.Values{"indicator": {checkCode + ":1"}, "kind": {"sampling"}, "count": {"records"}})
	page := exBase + "/projects/" + checkCode + "/monitor"
	_, body := e.get(t, page+"?as_of=2024-06-30")
	mustContain(t, body, "台账截至2024-06-30：<a href=", ">2批次</a>", `name="value" value="2批次"`, "按台账填报")
	res, _ := e.postForm(t, page+"/progress?as_of=2024-06-30", url.Values{"indicator": {"1"}, "as_of": {"2024-06-30"}, "value": {"2批次"}})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("report: %d", res.StatusCode)
	}
	_, body = e.get(t, page+"?as_of=2024-06-30")
	mustContain(t, body, `<td class="latest">2批次<br><small class="ledger-value">`)
	if strings.Contains(body, "按台账填报") {
		t.Error("the button stays after the ledger's value was filed")
	}
	// At year end the ledger has moved on and the button is back.
	_, body = e.get(t, page+"?as_of=2024-12-31")
	mustContain(t, body, ">3批次</a>", "按台账填报")
}

// The list searches the records' text, and downloads as a workbook that
// the upload reads back record for record.
func TestLedgerSearchAndWorkbook(t *testing.T) {
	e := newEnv(t, true)
	e.uploadLedger(t, ledgerCSV)
	_, body := e.get(t, exBase+"/ledger?kind=sampling&q="+url.QueryEscape("甲超市"))
	mustContain(t, body, "抽检记录，搜索“甲超市”（2 条）", "SC001", "SC003",
		`href="/units/414001/2024/ledger.xlsx?kind=sampling&amp;q=%E7%94%B2%E8%B6%85%E5%B8%82" id="ledger-xlsx"`)
	if strings.Contains(body, "SC002") {
		t.Error("the search lists a record without the text")
	}

	res, data := e.get(t, exBase+"/ledger.xlsx?kind=sampling")
	if res.StatusCode != http.StatusOK || !strings.Contains(res.Header.Get("Content-Disposition"), "ledger.xlsx") {
		t.Fatalf("workbook: %d %v", res.StatusCode, res.Header)
	}
	rows, err := recordfile.ReadLedger("台账.xlsx", []byte(data))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, row := range rows {
		x := row.Record
		got = append(got, strings.Join([]string{x.Kind, x.Date.String(), x.Ref, x.Subject, x.Item, x.Outcome}, " "))
	}
	want := []string{"sampling 2024-03-05 SC001 甲超市 大米 合格", "sampling 2024-04-10 SC002 乙超市 食用油 不合格", "sampling 2024-11-20 SC003 甲超市 面粉 待检"}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("the workbook reads back as\n%s", strings.Join(got, "\n"))
	}
	if res, _ := e.get(t, exBase+"/ledger.xlsx?evidence=nothing:1"); res.StatusCode != http.StatusNotFound {
		t.Errorf("the evidence of an indicator not counted: %d", res.StatusCode)
	}
}

// Records past their working-day deadline are counted and listed; an
// open one is closed from its row, late or not; an indicator counts the
// share closed on time.
func TestLedgerDeadlines(t *testing.T) {
	e := newEnv(t, true)
	csv := "类别,日期,编号,对象,结果,办结日期\n" +
		"投诉举报,2024-09-26,JB1,甲药店,已处置,2024-10-22\n" +
		"投诉举报,2024-09-26,JB2,乙商店,,\n"
	e.uploadLedger(t, csv)
	_, body := e.get(t, exBase+"/ledger")
	mustContain(t, body, "15 个工作日内作出处理决定", `<a href="/units/414001/2024/ledger?late=1&amp;kind=tipoff" class="late">1</a>`,
		`<td class="when deadline">2024-10-22 <strong class="late">超期未办结</strong></td>`)
	_, body = e.get(t, exBase+"/ledger?late=1&kind=tipoff")
	mustContain(t, body, "投诉举报记录，超期（1 条）", "JB2")
	if strings.Contains(body, "JB1") {
		t.Error("a record closed on time is listed as late")
	}
	i := strings.Index(body, "/close")
	action := body[strings.LastIndex(body[:i], `"`)+1 : i+len("/close")]
	res, body := e.postForm(t, action, url.Values{"closed": {"2024-09-25"}})
	if res.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("closed before it was received: %d", res.StatusCode)
	}
	mustContain(t, body, "处理决定日期 2024-09-25 早于日期 2024-09-26")
	res, _ = e.postForm(t, action, url.Values{"closed": {"2024-10-23"}, "outcome": {"已处置"}})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("close: %d", res.StatusCode)
	}
	_, body = e.get(t, res.Header.Get("Location"))
	mustContain(t, body, "于 2024-10-23 办结，超过期限 2024-10-22。")

	e.bindLedger(t, url.Values{"indicator": {tipCode + ":2"}, "kind": {"tipoff"}, "count": {"share"}, "on_time": {"1"}})
	_, body = e.get(t, exBase+"/ledger")
	mustContain(t, body, "投诉举报中15个工作日内作出处理决定的占比", "50%（1/2）", "未达到")
	_, body = e.get(t, exBase+"/audit")
	mustContain(t, body, "台账记录办结", "办结日期：（空） → 2024-10-23", "结果：（空） → 已处置")
}

// uploadLedger uploads a ledger sheet from the ledger page and fails the
// test unless it is stored.
func (e *env) uploadLedger(t *testing.T, csv string) {
	t.Helper()
	if res, body := e.postLedgerFile(t, "台账.csv", csv); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("upload: %d %s", res.StatusCode, body)
	}
}

// postLedgerFile uploads one file from the ledger page.
func (e *env) postLedgerFile(t *testing.T, name, data string) (*http.Response, string) {
	t.Helper()
	cookie, token := e.formToken(t)
	r := uploadRequest(t, exBase+"/ledger/upload", "ledger", token, upload{name, []byte(data)})
	r.AddCookie(cookie)
	return e.do(t, r)
}

// bindLedger binds an indicator from the ledger page's form and fails the
// test unless it is stored.
func (e *env) bindLedger(t *testing.T, v url.Values) {
	t.Helper()
	if res, body := e.postForm(t, exBase+"/ledger/measures", v); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("bind: %d %s", res.StatusCode, body)
	}
}

// A record's typing error is put right from its row: same record, the
// change checked, audited field by field.
func TestLedgerCorrect(t *testing.T) {
	e := newEnv(t, true)
	e.uploadLedger(t, ledgerCSV)
	_, body := e.get(t, exBase+"/ledger?q=SC002")
	i := strings.Index(body, "/correct")
	action := body[strings.LastIndex(body[:i], `"`)+1 : i+len("/correct")]
	mustContain(t, body, `<input name="subject" value="乙超市" maxlength="500" required>`, `<option selected>不合格</option>`)
	fields := url.Values{"kind": {"sampling"}, "date": {"2024-04-10"}, "ref": {"SC002"}, "subject": {"乙超市（北店）"},
		"item": {"食用油"}, "outcome": {"不合格"}, "closed": {"2024-04-30"}}
	res, _ := e.postForm(t, action, fields)
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("correct: %d", res.StatusCode)
	}
	_, body = e.get(t, res.Header.Get("Location"))
	mustContain(t, body, "号记录。</p>", "乙超市（北店）", "2024-04-30", "全部记录（5 条）")
	fields.Set("date", "2023-04-10")
	res, body = e.postForm(t, action, fields)
	if res.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("a date out of the year: %d", res.StatusCode)
	}
	mustContain(t, body, "号记录：日期 2023-04-10 不在 2024 年度")
	_, body = e.get(t, exBase+"/audit")
	mustContain(t, body, "更正台账记录", "对象：乙超市 → 乙超市（北店）", "办结日期：（空） → 2024-04-30")
}

// A goal table edited under a binding: the renamed indicator is no longer
// counted, and the ledger and self-evaluation pages say why.
func TestLedgerBindingOutgrown(t *testing.T) {
	e := newEnv(t, true)
	e.uploadLedger(t, ledgerCSV)
	e.bindLedger(t, url.Values{"indicator": {checkCode + ":1"}, "kind": {"sampling"}, "count": {"records"}})
	ctx := t.Context()
	k := jixiao.Key{Unit: exUnit, Year: exYear}
	doc, err := e.st.Document(ctx, k)
	if err != nil {
		t.Fatal(err)
	}
	p, _ := doc.Project(checkCode)
	p.Indicators[0].Level3 = "商品抽检批次"
	if _, err := e.st.SaveDocuments(ctx, []*jixiao.Document{doc}, "editor"); err != nil {
		t.Fatal(err)
	}
	_, body := e.get(t, exBase+"/ledger")
	mustContain(t, body, "第 1 个指标已由“抽检批次”改为“商品抽检批次”，请重新设置取数")
	_, body = e.get(t, exBase+"/projects/"+checkCode+"/evaluation")
	mustContain(t, body, "台账取数：项目“商品质量宣传检测执法经费”第 1 个指标已由“抽检批次”改为“商品抽检批次”")
	if strings.Contains(body, `id="value1" value="3批次"`) {
		t.Error("an outgrown binding still fills the value")
	}
}

// 检查企业覆盖率 (≥85%) counts the key enterprises checked out of the 50
// the county has.
func TestLedgerShareOfBase(t *testing.T) {
	e := newEnv(t, true)
	const equipment = "13022524P00002410008G" // 特种设备隐患排查专家会诊费: 2. 检查企业覆盖率 ≥85%
	var csv strings.Builder
	csv.WriteString("类别,日期,对象,事项,结果\n")
	for i := range 44 {
		// 44 enterprises, one of them checked twice.
		fmt.Fprintf(&csv, "特种设备检查,2024-05-%02d,企业%02d,锅炉,未发现隐患\n", 1+i%28, i)
	}
	csv.WriteString("特种设备检查,2024-10-08,企业00,压力容器,发现隐患\n")
	e.uploadLedger(t, csv.String())
	res, body := e.postForm(t, exBase+"/ledger/measures", url.Values{"indicator": {equipment + ":2"}, "kind": {"equipment"}, "count": {"subject-share"}, "base": {"零"}})
	if res.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("a base that is not a number: %d", res.StatusCode)
	}
	mustContain(t, body, "基数“零”应为正整数")
	e.bindLedger(t, url.Values{"indicator": {equipment + ":2"}, "kind": {"equipment"}, "count": {"subject-share"}, "base": {"50"}})
	_, body = e.get(t, exBase+"/ledger")
	mustContain(t, body, "特种设备检查使用单位数占 50 家的比例", "88%（44/50）", "达到")
}
