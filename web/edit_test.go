package web

import (
	"bytes"
	"context"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"jixiao"
	"jixiao/auth"
	"jixiao/jsondoc"
)

var (
	versionField = regexp.MustCompile(`name="version" value="(\d+)"`)
	inputField   = regexp.MustCompile(`<input (?:id="[^"]*" )?name="((?:desc|value|basis|l1|l2|l3|plan|name|budget|fiscal|other)\d*)" value="([^"]*)"`)
	areaField    = regexp.MustCompile(`(?s)<textarea id="(purpose|goal)" name="[a-z]+"[^>]*>(.*?)</textarea>`)
)

// editValues reads the edit form as a browser would submit it.
func editValues(page string) url.Values {
	v := url.Values{}
	if m := versionField.FindStringSubmatch(page); m != nil {
		v.Set("version", m[1])
	}
	for _, m := range inputField.FindAllStringSubmatch(page, -1) {
		v.Set(m[1], htmlUnescape(m[2]))
	}
	for _, m := range areaField.FindAllStringSubmatch(page, -1) {
		v.Set(m[1], htmlUnescape(m[2]))
	}
	return v
}

func htmlUnescape(s string) string {
	return strings.NewReplacer("&lt;", "<", "&gt;", ">", "&#34;", `"`, "&#39;", "'", "&#43;", "+", "&amp;", "&").Replace(s)
}

func encodeDoc(t testing.TB, d *jixiao.Document) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := jsondoc.Encode(&buf, []*jixiao.Document{d}); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestEditConflict: two editors open the same project's edit page; the
// first save wins, the second gets a conflict (409) with everything they
// entered kept, and the first editor's change is not lost.
func TestEditConflict(t *testing.T) {
	e := newEnv(t, true)
	a := e.session
	b := e.login(t, "editor2", auth.Editor, exUnit)
	path := exBase + "/projects/" + officeCode + "/edit"
	_, pageA := e.getAs(t, a, path)
	_, pageB := e.getAs(t, b, path)
	fa, fb := editValues(pageA), editValues(pageB)
	if fa.Get("version") == "" || fa.Get("value1") == "" || fa.Get("purpose") == "" {
		t.Fatalf("edit form: %v", fa)
	}
	fa.Set("purpose", "甲填写的资金用途")
	fa.Set("value1", "≥12个")
	res, body := e.postAs(t, a, path, fa)
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("first save: %d\n%s", res.StatusCode, body)
	}
	fb.Set("purpose", "乙填写的资金用途")
	fb.Set("basis2", "乙的依据")
	res, body = e.postAs(t, b, path, fb)
	if res.StatusCode != http.StatusConflict {
		t.Fatalf("second save from a stale page: %d", res.StatusCode)
	}
	mustContain(t, body, "保存冲突", "其他人已修改", "乙填写的资金用途", `value="乙的依据"`, "他人已保存的内容：甲填写的资金用途", "≥12个")
	doc, err := e.st.Document(context.Background(), jixiao.Key{Unit: exUnit, Year: exYear})
	if err != nil {
		t.Fatal(err)
	}
	p, _ := doc.Project(officeCode)
	if p.Purpose != "甲填写的资金用途" || p.Indicators[0].Value != "≥12个" || p.Indicators[0].Target.Op != "≥" {
		t.Errorf("the first save was lost or changed: %q %q %+v", p.Purpose, p.Indicators[0].Value, p.Indicators[0].Target)
	}
	// Saving again from the conflict page (its version is the current one)
	// is a deliberate overwrite and goes through.
	again := editValues(body)
	if again.Get("purpose") != "乙填写的资金用途" || again.Get("basis2") != "乙的依据" {
		t.Fatalf("conflict page lost the entered values: %v", again)
	}
	if res, _ := e.postAs(t, b, path, again); res.StatusCode != http.StatusSeeOther {
		t.Errorf("save after the conflict: %d", res.StatusCode)
	}
}

var (
	oneTime    = regexp.MustCompile(`id="one-time-password">([^<]+)<`)
	tokenShown = regexp.MustCompile(`id="token-value">([^<]+)<`)
)

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

// The edit form changes the whole goal table: name, budget and its
// split, the spending plan, and indicator rows — changed, added in a
// blank row, removed — and the stored project is exactly what was
// entered. An entry that cannot be read is refused naming it, with what
// was entered kept; removing an indicator that records refer to by
// position is refused.
func TestEditWholeTable(t *testing.T) {
	e := newEnv(t, true)
	ctx := context.Background()
	k := jixiao.Key{Unit: exUnit, Year: exYear}
	path := exBase + "/projects/" + officeCode + "/edit"
	_, page := e.get(t, path)
	v := editValues(page)
	v.Set("name", "办公楼运维经费")
	v.Set("budget", "12.5")
	v.Set("fiscal", "10")
	v.Set("other", "2.5")
	v.Set("plan1", "20")
	v.Set("l36", "干部队伍形象") // the sixth indicator renamed
	v.Set("del5", "1")     // the fifth removed
	v.Set("l18", "产出指标")   // a new row
	v.Set("l28", "数量指标")
	v.Set("l38", "电梯维保次数")
	v.Set("value8", "≥12次")
	v.Set("basis8", "维保合同")
	res, body := e.postForm(t, path, v)
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("save: %d\n%.600s", res.StatusCode, body)
	}
	doc, err := e.st.Document(ctx, k)
	if err != nil {
		t.Fatal(err)
	}
	p, _ := doc.Project(officeCode)
	if p.Name != "办公楼运维经费" || p.Budget != 12_500_000 || p.Fiscal != 10_000_000 || p.Other != 2_500_000 {
		t.Errorf("project %s %d %d %d", p.Name, p.Budget, p.Fiscal, p.Other)
	}
	if len(p.Plan) != 4 || p.Plan[0].Percent != jixiao.Dec(20) || p.Plan[3].Percent != jixiao.Dec(100) {
		t.Errorf("plan %+v", p.Plan)
	}
	var names []string
	for _, in := range p.Indicators {
		names = append(names, in.Level3)
	}
	want := []string{"派出机构数量", "正常使用率", "项目完成时间", "项目成本", "干部队伍形象", "服务对象满意度（%）", "电梯维保次数"}
	if strings.Join(names, "|") != strings.Join(want, "|") {
		t.Fatalf("indicators %q, want %q", names, want)
	}
	if last := p.Indicators[6]; last.Value != "≥12次" || last.Basis != "维保合同" || !last.Target.Measurable() {
		t.Errorf("the added indicator %+v", last)
	}

	// A wrong amount is refused naming it, the entries kept.
	_, page = e.get(t, path)
	v = editValues(page)
	v.Set("budget", "十二万")
	v.Set("l14", "产出指标（改）")
	res, body = e.postForm(t, path, v)
	if res.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("a wrong amount: %d", res.StatusCode)
	}
	mustContain(t, body, "预算数（万元）", `value="十二万"`, `value="产出指标（改）"`)

	// With a progress report on record, indicators can no longer be removed.
	if _, err := e.st.AddProgress(ctx, k, officeCode, jixiao.Progress{Indicator: 7, AsOf: jixiao.Date{Y: 2024, M: 6, D: 30},
		Value: "6次", Entered: jixiao.Stamp{By: "editor"}}); err != nil {
		t.Fatal(err)
	}
	_, page = e.get(t, path)
	if strings.Contains(page, `name="del1"`) {
		t.Error("removal offered although records refer to the indicators")
	}
	v = editValues(page)
	v.Set("del1", "1")
	res, body = e.postForm(t, path, v)
	if res.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("removing an indicator records refer to: %d", res.StatusCode)
	}
	mustContain(t, body, "不能删除指标")
	doc, _ = e.st.Document(ctx, k)
	if p, _ := doc.Project(officeCode); len(p.Indicators) != 7 {
		t.Errorf("a refused removal changed the indicators: %d", len(p.Indicators))
	}
}

// A project is added on its own form (code, table, indicators in blank
// rows) and removed from its edit page once confirmed; a code in use is
// refused, and so is removing a project with payments on file.
func TestAddAndRemoveProjectPages(t *testing.T) {
	e := newEnv(t, true)
	ctx := context.Background()
	k := jixiao.Key{Unit: exUnit, Year: exYear}
	_, page := e.get(t, exBase)
	mustContain(t, page, `href="/units/414001/2024/new-project" id="new-project"`)
	_, page = e.get(t, exBase+"/new-project")
	mustContain(t, page, "<h1>新增项目</h1>", `<input id="code" name="code"`,
		`list="level1-names"`, `<option value="产出指标">`, `<option value="数量指标">`, `<option value="满意度指标">`)
	v := editValues(page)
	for name, value := range map[string]string{"code": "13022524P000099999X", "name": "计量检定设备购置", "budget": "20", "fiscal": "20",
		"plan1": "10", "plan2": "40", "plan3": "80", "plan4": "100", "purpose": "购置计量检定设备", "goal": "提升计量检定能力",
		"l11": "产出指标", "l21": "数量指标", "l31": "购置设备数量", "value1": "≥5台", "basis1": "采购计划",
		"l12": "效益指标", "l22": "社会效益指标", "l32": "检定服务企业数", "value2": "≥100家", "basis2": "工作计划"} {
		v.Set(name, value)
	}
	res, body := e.postForm(t, exBase+"/new-project", v)
	if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != exBase+"/projects/13022524P000099999X?saved=1" {
		t.Fatalf("add: %d %q\n%.600s", res.StatusCode, res.Header.Get("Location"), body)
	}
	doc, _ := e.st.Document(ctx, k)
	p, ok := doc.Project("13022524P000099999X")
	if !ok || p.Name != "计量检定设备购置" || p.Budget != 20_000_000 || len(p.Plan) != 4 || len(p.Indicators) != 2 ||
		p.Indicators[1].Level3 != "检定服务企业数" || len(doc.Projects) != 12 {
		t.Fatalf("the added project %+v", p)
	}

	_, page = e.get(t, exBase+"/new-project")
	v = editValues(page)
	v.Set("code", officeCode)
	v.Set("name", "重复的项目")
	if res, body := e.postForm(t, exBase+"/new-project", v); res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "已有项目") {
		t.Errorf("a code in use: %d", res.StatusCode)
	}

	path := exBase + "/projects/13022524P000099999X"
	_, page = e.get(t, path+"/edit")
	version := versionField.FindStringSubmatch(page)[1]
	if res, _ := e.postForm(t, path+"/delete", url.Values{"version": {version}}); res.StatusCode != http.StatusUnprocessableEntity {
		t.Errorf("removal without confirmation: %d", res.StatusCode)
	}
	res, _ = e.postForm(t, path+"/delete", url.Values{"version": {version}, "confirm": {"1"}})
	if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != exBase+"?removed=13022524P000099999X" {
		t.Fatalf("removal: %d %q", res.StatusCode, res.Header.Get("Location"))
	}
	doc, _ = e.st.Document(ctx, k)
	if _, ok := doc.Project("13022524P000099999X"); ok || len(doc.Projects) != 11 {
		t.Error("the project was not removed")
	}
	_, page = e.get(t, exBase+"?removed=13022524P000099999X")
	mustContain(t, page, "已删除项目 13022524P000099999X。")

	if _, err := e.st.AddSpending(ctx, k, officeCode, jixiao.Spending{Date: jixiao.Date{Y: 2024, M: 3, D: 1}, Amount: 100_000,
		Entered: jixiao.Stamp{By: "editor"}}); err != nil {
		t.Fatal(err)
	}
	_, page = e.get(t, exBase+"/projects/"+officeCode+"/edit")
	version = versionField.FindStringSubmatch(page)[1]
	res, body = e.postForm(t, exBase+"/projects/"+officeCode+"/delete", url.Values{"version": {version}, "confirm": {"1"}})
	if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "不能删除") {
		t.Errorf("removing a project with a payment: %d", res.StatusCode)
	}
}
