package docformat

import (
	"archive/zip"
	"bytes"
	"strings"
	"testing"

	"jixiao/docx"
	"jixiao/internal/fixture"
	"jixiao/xlsx"
)

// Word and Excel files are recognised by their content, whatever the name.
func TestOfficeFormats(t *testing.T) {
	d := fixture.Example(t)
	var w, x bytes.Buffer
	if err := docx.Write(&w, d, docx.Options{}); err != nil {
		t.Fatal(err)
	}
	if err := xlsx.Write(&x, d, xlsx.Options{}); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		data   []byte
		format string
	}{{w.Bytes(), "docx"}, {x.Bytes(), "xlsx"}} {
		docs, format, err := Read("上传文件", c.data)
		if err != nil || format != c.format || len(docs) != 1 || len(docs[0].Projects) != len(d.Projects) {
			t.Fatalf("%s: format %q, err %v", c.format, format, err)
		}
	}
	var z bytes.Buffer
	zw := zip.NewWriter(&z)
	f, _ := zw.Create("readme.txt")
	f.Write([]byte("hello"))
	zw.Close()
	if _, _, err := Read("a.zip", z.Bytes()); err == nil || !strings.Contains(err.Error(), "不是 Word") {
		t.Fatalf("a plain zip: %v", err)
	}
}
