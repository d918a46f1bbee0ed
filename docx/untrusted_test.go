package docx

import (
	"archive/zip"
	"bytes"
	"errors"
	"io"
	"jixiao/internal/fixture"
	"strings"
	"testing"

	"jixiao"
)

func importErr(t *testing.T, err error) *jixiao.ImportError {
	t.Helper()
	var ie *jixiao.ImportError
	if !errors.As(err, &ie) {
		t.Fatalf("want an ImportError, got %v", err)
	}
	return ie
}

// zipOf builds an archive from parts; a part's body is written by fill.
func zipOf(t testing.TB, parts map[string]func(w io.Writer)) []byte {
	t.Helper()
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	for name, fill := range parts {
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		fill(w)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func text(s string) func(w io.Writer) { return func(w io.Writer) { io.WriteString(w, s) } }

// A small archive whose document.xml inflates past the part limit is
// refused while inflating, naming the part.
func TestZipBomb(t *testing.T) {
	data := zipOf(t, map[string]func(io.Writer){
		"[Content_Types].xml": text("<Types/>"),
		"word/document.xml": func(w io.Writer) {
			io.WriteString(w, `<w:document xmlns:w="x"><w:body><w:p><w:r><w:t>`)
			zeros := bytes.Repeat([]byte("a"), 1<<20)
			for i := 0; i < MaxPart>>20+1; i++ {
				w.Write(zeros)
			}
		},
	})
	if len(data) > 1<<20 {
		t.Fatalf("the bomb is %d bytes, should be small", len(data))
	}
	_, err := Read("炸弹.docx", data)
	ie := importErr(t, err)
	if !strings.Contains(ie.Msg, "word/document.xml") || !strings.Contains(ie.Msg, "压缩炸弹") {
		t.Fatalf("got %v", err)
	}
}

func TestTruncated(t *testing.T) {
	data := write(t, fixture.Example(t), Options{})
	_, err := Read("截断.docx", data[:len(data)/2])
	ie := importErr(t, err)
	if ie.File != "截断.docx" || !strings.Contains(ie.Msg, "损坏或不完整") {
		t.Fatalf("got %v", err)
	}
}

func TestNoTables(t *testing.T) {
	data := zipOf(t, map[string]func(io.Writer){
		"word/document.xml": text(`<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>只有一段文字</w:t></w:r></w:p></w:body></w:document>`),
	})
	_, err := Read("无表.docx", data)
	ie := importErr(t, err)
	if !strings.Contains(ie.Msg, "没有表格") {
		t.Fatalf("got %v", err)
	}
}

func TestDoctypeRefused(t *testing.T) {
	data := zipOf(t, map[string]func(io.Writer){
		"word/document.xml": text(`<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]><w:document xmlns:w="w"><w:body><w:p><w:r><w:t>&x;</w:t></w:r></w:p></w:body></w:document>`),
	})
	_, err := Read("实体.docx", data)
	ie := importErr(t, err)
	if !strings.Contains(ie.Msg, "DOCTYPE") {
		t.Fatalf("got %v", err)
	}
}

func TestNotZip(t *testing.T) {
	_, err := Read("a.docx", []byte("hello"))
	if ie := importErr(t, err); !strings.Contains(ie.Msg, "不是 zip") {
		t.Fatalf("got %v", err)
	}
}

// A refusal names the table by its title and the Word table's row.
func TestErrorLocation(t *testing.T) {
	d := fixture.Example(t)
	d.Projects[1].Plan[0].Percent = jixiao.MustDecimal("12.5")
	data := write(t, d, Options{})
	// Spoil the second table's first plan percentage.
	data = replacePart(t, data, "word/document.xml", func(s string) string {
		i := strings.Index(s, "2.标准计量特种设备双随机监管经费绩效目标表")
		j := i + strings.Index(s[i:], ">12.5%<")
		return s[:j] + ">二成五<" + s[j+len(">12.5%<"):]
	})
	_, err := Read("坏.docx", data)
	ie := importErr(t, err)
	if ie.Table != "2.标准计量特种设备双随机监管经费绩效目标表" || ie.Line != 6 || !strings.Contains(ie.Msg, "“二成五”不是百分比") {
		t.Fatalf("got %v (table %q, line %d)", err, ie.Table, ie.Line)
	}
}

// replacePart rewrites one part of an archive.
func replacePart(t *testing.T, data []byte, part string, edit func(string) string) []byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	parts := map[string]func(io.Writer){}
	for _, f := range zr.File {
		rc, _ := f.Open()
		b, _ := io.ReadAll(rc)
		rc.Close()
		s := string(b)
		if f.Name == part {
			s = edit(s)
		}
		parts[f.Name] = text(s)
	}
	return zipOf(t, parts)
}

// Runs split mid-word, bookmarks, proofing marks and field codes do not
// change what is read.
func TestWordNoise(t *testing.T) {
	d := fixture.Example(t)
	data := write(t, d, Options{})
	noisy := replacePart(t, data, "word/document.xml", func(s string) string {
		s = strings.Replace(s, ">项目编码<", `>项目</w:t></w:r><w:proofErr w:type="spellStart"/><w:bookmarkStart w:id="0" w:name="_GoBack"/><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r><w:bookmarkEnd w:id="0"/><w:r><w:t>编码<`, -1)
		return s
	})
	got, err := Read("杂.docx", noisy)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(fixture.JSON(t, d), fixture.JSON(t, got)) {
		t.Fatal("noise changed the document")
	}
}

func TestOneProject(t *testing.T) {
	d := fixture.Example(t)
	code := d.Projects[4].Code
	got, err := Read("项目.docx", write(t, d, Options{Project: code}))
	if err != nil {
		t.Fatal(err)
	}
	want := *d
	want.Overall = jixiao.Overall{}
	want.Projects = d.Projects[4:5]
	if !bytes.Equal(fixture.JSON(t, &want), fixture.JSON(t, got)) {
		t.Fatal("project differs after the round trip")
	}
	if err := Write(io.Discard, d, Options{Project: "没有"}); !errors.Is(err, jixiao.ErrNotFound) {
		t.Fatalf("unknown project: %v", err)
	}
}

func FuzzReadDocx(f *testing.F) {
	d := fixture.Example(f)
	var b bytes.Buffer
	if err := Write(&b, d, Options{Project: d.Projects[0].Code}); err != nil {
		f.Fatal(err)
	}
	f.Add(b.Bytes())
	f.Add([]byte("PK\x03\x04"))
	f.Fuzz(func(t *testing.T, data []byte) {
		doc, err := Read("fuzz.docx", data)
		if err == nil && len(doc.Projects) == 0 {
			t.Fatal("a document without projects was accepted")
		}
		if err != nil {
			var ie *jixiao.ImportError
			if !errors.As(err, &ie) {
				t.Fatalf("not an ImportError: %v", err)
			}
		}
	})
}
