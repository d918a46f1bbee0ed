package web

import (
	"archive/zip"
	"bytes"
	"html"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"jixiao/auth"
)

// docxText is the text of a .docx's body, tags removed.
func docxText(t *testing.T, data []byte) string {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	f, err := zr.Open("word/document.xml")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	b, _ := io.ReadAll(f)
	return html.UnescapeString(tagRE.ReplaceAllString(string(b), ""))
}

// A reviewer writes remarks in the review opinion, on a project and on
// the document: the page and the Word file show them where they belong,
// the unit's editor reads them without a form, a save from a stale page
// is refused keeping nothing of it but the reviewer's text in the
// message, and the audit trail says what was written.
func TestReviewRemarks(t *testing.T) {
	e := newEnv(t, true)
	editor := e.session
	_, page := e.get(t, exBase+"/review")
	if strings.Contains(page, `class="remark-form`) {
		t.Error("the unit's editor is offered the reviewer's form")
	}
	e.session = e.login(t, "王审核", auth.Reviewer)
	_, page = e.get(t, exBase+"/review")
	mustContain(t, page, `<input type="hidden" name="project" value="`+officeCode+`">`, `<input type="hidden" name="project" value="">`)

	save := func(code, text, version string) (*http.Response, string) {
		return e.postForm(t, exBase+"/review/remarks", url.Values{"project": {code}, "text": {text}, "version": {version}})
	}
	res, _ := save(officeCode, "电梯运维费用测算依据不足，\r\n请补充合同。", "0")
	if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != exBase+"/review#remark-"+officeCode {
		t.Fatalf("save: %d %q", res.StatusCode, res.Header.Get("Location"))
	}
	if res, _ := save("", "整体目标较完整。", "0"); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("document remark: %d", res.StatusCode)
	}
	res, body := save(officeCode, "另一位审核人的意见", "0")
	if res.StatusCode != http.StatusConflict {
		t.Fatalf("stale save: %d", res.StatusCode)
	}
	mustContain(t, body, "已被他人修改", "另一位审核人的意见")
	if res, _ := save("没有的项目", "x", "0"); res.StatusCode != http.StatusUnprocessableEntity {
		t.Errorf("a project the document lacks: %d", res.StatusCode)
	}

	e.session = editor
	_, page = e.get(t, exBase+"/review")
	page = html.UnescapeString(page)
	mustContain(t, page, "审核人意见：</strong>电梯运维费用测算依据不足，\n请补充合同。", "审核人意见：</strong>整体目标较完整。")
	if strings.Contains(page, "另一位审核人的意见") {
		t.Error("the refused remark was stored")
	}
	_, project := e.get(t, exBase+"/projects/"+officeCode)
	mustContain(t, html.UnescapeString(project), `<p class="remark-text" id="project-remark"><strong>审核人意见：</strong>电梯运维费用测算依据不足，`)
	_, word := e.get(t, exBase+"/review.docx")
	text := docxText(t, []byte(word))
	office := strings.Index(text, "1. 办公楼运维费")
	remark := strings.Index(text, "审核人意见：电梯运维费用测算依据不足，")
	next := strings.Index(text, "2. ")
	if office < 0 || remark < office || (next > 0 && remark > next) || !strings.Contains(text, "请补充合同。") {
		t.Errorf("the Word opinion does not hold the project's remark under its heading")
	}
	if !strings.Contains(text, "审核人意见：整体目标较完整。") {
		t.Error("the Word opinion lacks the document's remark")
	}
	// The reviewer grades the office project themselves: the opinion shows
	// their grade beside the review's, and so does the Word file.
	e.session = e.login(t, "赵审核", auth.Reviewer)
	_, page = e.get(t, exBase+"/review")
	mustContain(t, page, `<option value="">采用系统评级（良）</option>`)
	if res, body := e.postForm(t, exBase+"/review/remarks", url.Values{"project": {officeCode}, "text": {"电梯运维费用测算依据不足，\n请补充合同。"},
		"grade": {"中"}, "version": {"1"}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("grading: %d %.300s", res.StatusCode, body)
	}
	_, page = e.get(t, exBase+"/review")
	mustContain(t, html.UnescapeString(page), "办公楼运维费（"+officeCode+"）　评级：中<small class=\"grade-note\">（审核人评定；系统评级 良）</small>")
	_, project = e.get(t, exBase+"/projects/"+officeCode)
	mustContain(t, project, "<strong>审核人评级：</strong>中")
	_, word = e.get(t, exBase+"/review.docx")
	if !strings.Contains(docxText(t, []byte(word)), "中（审核人）") {
		t.Error("the Word opinion lacks the reviewer's grade")
	}
	e.session = editor
	// Returning the submitted goals, the comment offered holds the remarks.
	if res, _ := e.postAs(t, editor, exBase+"/workflow/goals/submit", nil); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("submit: %d", res.StatusCode)
	}
	_, unit := e.getAs(t, e.login(t, "李审核", auth.Reviewer), exBase)
	mustContain(t, html.UnescapeString(unit), "审核人意见：整体目标较完整。\n审核人对“办公楼运维费”的意见：电梯运维费用测算依据不足，\n请补充合同。")
	_, audit := e.get(t, exBase+"/projects/"+officeCode+"/audit")
	mustContain(t, html.UnescapeString(audit), "审核人意见第 1 版", "审核人意见：电梯运维费用测算依据不足，", "审核人评级：采用系统评级 → 中")
}
