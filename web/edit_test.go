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
	inputField   = regexp.MustCompile(`<input name="((?:desc|value|basis)\d+)" value="([^"]*)"`)
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
