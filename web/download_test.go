package web

import (
	"bytes"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"jixiao"
	"jixiao/docx"
	"jixiao/internal/fixture"
	"jixiao/review"
	"jixiao/xlsx"
)

// The department's downloads read back as the stored document.
func TestDownloads(t *testing.T) {
	e := newEnv(t, true)
	want, err := e.st.Document(t.Context(), jixiao.Key{Unit: exUnit, Year: exYear})
	if err != nil {
		t.Fatal(err)
	}
	for format, read := range map[string]func(string, []byte) (*jixiao.Document, error){"docx": docx.Read, "xlsx": xlsx.Read} {
		res, body := e.get(t, exBase+"/export."+format)
		if res.StatusCode != http.StatusOK || res.Header.Get("Content-Type") != contentTypes[format] ||
			!strings.Contains(res.Header.Get("Content-Disposition"), "attachment") {
			t.Fatalf("%s: %d %v", format, res.StatusCode, res.Header)
		}
		got, err := read("下载."+format, []byte(body))
		if err != nil {
			t.Fatalf("%s: %v", format, err)
		}
		got.Version = want.Version
		for i := range got.Projects {
			got.Projects[i].Version = want.Projects[i].Version
		}
		if !bytes.Equal(fixture.JSON(t, want), fixture.JSON(t, got)) {
			t.Fatalf("%s download differs from the stored document", format)
		}
	}
	res, body := e.get(t, exBase+"/export.json?project="+officeCode)
	if res.StatusCode != http.StatusOK || !strings.Contains(body, officeCode) || strings.Count(body, `"code": "13022`) != 1 {
		t.Fatalf("json of one project: %d", res.StatusCode)
	}
	res, body = e.get(t, exBase+"/export.docx?project="+officeCode)
	one, err := docx.Read("one.docx", []byte(body))
	if res.StatusCode != http.StatusOK || err != nil || len(one.Projects) != 1 || one.Projects[0].Code != officeCode {
		t.Fatalf("docx of one project: %d %v", res.StatusCode, err)
	}
	if res, _ := e.get(t, exBase+"/export.xlsx?project=NOPE"); res.StatusCode != http.StatusNotFound {
		t.Fatalf("unknown project: %d", res.StatusCode)
	}
	if res, _ := e.get(t, "/units/999999/2024/export.docx"); res.StatusCode != http.StatusForbidden {
		t.Fatalf("unit outside the editor's scope: %d", res.StatusCode)
	}
	_, page := e.get(t, exBase)
	mustContain(t, page, `href="/units/414001/2024/export.docx"`, `href="/units/414001/2024/export.xlsx"`)
	_, page = e.get(t, exBase+"/projects/"+officeCode)
	mustContain(t, page, `export.docx?project=`+officeCode)
}

// A Word file downloaded from one store imports through the upload form
// into another.
func TestImportWordUpload(t *testing.T) {
	src := newEnv(t, true)
	_, body := src.get(t, exBase+"/export.docx")
	dst := newEnv(t, false)
	res, page := dst.post(t, upload{"目标.docx", []byte(body)})
	if res.StatusCode != http.StatusOK {
		t.Fatalf("upload: %d %s", res.StatusCode, page)
	}
	if _, err := dst.st.Document(t.Context(), jixiao.Key{Unit: exUnit, Year: exYear}); err != nil {
		t.Fatal(err)
	}
}

// The review opinion's Word file is the opinion the page shows: the same
// bytes as docx.WriteOpinion of the stored document's review, named
// after the unit and year, linked from the review page.
func TestReviewOpinionDownload(t *testing.T) {
	e := newEnv(t, true)
	res, body := e.get(t, exBase+"/review.docx")
	if res.StatusCode != http.StatusOK || res.Header.Get("Content-Type") != contentTypes["docx"] {
		t.Fatalf("review.docx: %d %v", res.StatusCode, res.Header)
	}
	if cd := res.Header.Get("Content-Disposition"); !strings.Contains(cd, `filename="review.docx"`) ||
		!strings.Contains(cd, url.PathEscape("乐亭县市场监督管理局本级2024年度预算绩效目标审核意见.docx")) {
		t.Errorf("Content-Disposition %q", cd)
	}
	doc, err := e.st.Document(t.Context(), jixiao.Key{Unit: exUnit, Year: exYear})
	if err != nil {
		t.Fatal(err)
	}
	rep := review.Review(doc, review.DefaultConfig())
	var want bytes.Buffer
	if err := docx.WriteOpinion(&want, doc, review.NewOpinion(doc, &rep)); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal([]byte(body), want.Bytes()) {
		t.Error("the download is not the opinion of the stored document's review")
	}
	_, page := e.get(t, exBase+"/review")
	mustContain(t, page, `href="/units/414001/2024/review.docx" id="review-docx"`)
}
