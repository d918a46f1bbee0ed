package docx

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"io"
	"strings"
	"testing"

	"jixiao/internal/fixture"
	"jixiao/review"
)

// partText reads a part of a .docx and returns its text runs, joined by
// "|" at paragraph ends (a core title counts as text), after checking
// the part is well-formed XML.
func partText(t *testing.T, data []byte, part string) string {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	f, err := zr.Open(part)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	dec := xml.NewDecoder(f)
	var b strings.Builder
	inText := false
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("%s is not well-formed XML: %v", part, err)
		}
		switch v := tok.(type) {
		case xml.StartElement:
			inText = v.Name.Local == "t" || v.Name.Local == "title"
		case xml.EndElement:
			inText = false
			if v.Name.Local == "p" {
				b.WriteString("|")
			}
		case xml.CharData:
			if inText {
				b.Write(v)
			}
		}
	}
	return b.String()
}

// The opinion as a Word file says what the review says: the title and
// counts, every project's grade row, and under each project its findings
// with place, rule, severity, problem, fix and basis; the signature lines
// last. The same opinion gives the same bytes.
func TestWriteOpinion(t *testing.T) {
	d := fixture.Example(t)
	d.Projects[2].Indicators[0].Value = "" // an error, so every severity shows
	rep := review.Review(d, review.DefaultConfig())
	op := review.NewOpinion(d, &rep)
	var b bytes.Buffer
	if err := WriteOpinion(&b, d, op); err != nil {
		t.Fatal(err)
	}
	var again bytes.Buffer
	WriteOpinion(&again, d, op)
	if !bytes.Equal(b.Bytes(), again.Bytes()) {
		t.Error("the same opinion wrote different bytes")
	}
	text := partText(t, b.Bytes(), "word/document.xml")
	if op.Errors == 0 || op.Warnings == 0 || op.Infos == 0 {
		t.Fatalf("the test needs every severity: %d/%d/%d", op.Errors, op.Warnings, op.Infos)
	}
	want := []string{"乐亭县市场监督管理局本级2024年度预算绩效目标审核意见|",
		"单位：414001 乐亭县市场监督管理局本级　年度：2024　项目 11 个　预算总额 814.86 万元|",
		"一、项目审核结果|", "二、具体意见|"}
	for _, p := range op.Projects {
		want = append(want, "|"+p.Code+"|"+p.Name+"|"+p.Grade+"|")
		heading := p.Name + "（" + p.Code + "）　评级：" + p.Grade + "|"
		want = append(want, heading)
		for _, f := range p.Findings {
			want = append(want, "|"+f.Where+"|"+f.Rule+"|"+f.Severity.Chinese()+"|"+f.Message+"|"+f.Fix+"|"+f.Basis+"|")
		}
	}
	for _, w := range want {
		if !strings.Contains(text, w) {
			t.Errorf("the opinion lacks %q", w)
		}
	}
	// In order: the summary table before the findings, projects in order,
	// the signature at the end.
	last := -1
	for _, p := range op.Projects {
		i := strings.Index(text, p.Name+"（"+p.Code+"）")
		if i <= last {
			t.Errorf("project %d's findings out of order", p.Number)
		}
		last = i
	}
	if !strings.HasSuffix(strings.TrimRight(text, "|"), "审核日期：　　　　年　　月　　日") {
		t.Error("the signature lines do not end the opinion")
	}
	if core := partText(t, b.Bytes(), "docProps/core.xml"); !strings.Contains(core, "审核意见") {
		t.Errorf("title property %q", core)
	}
}
