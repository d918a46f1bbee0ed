package xlsx

import (
	"archive/zip"
	"bytes"
	"io"
	"strings"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"
)

// Some Chinese tools write the workbook's XML in GBK and say so in the
// declaration; such a workbook with a Chinese sheet name reads the same.
func TestGBKWorkbook(t *testing.T) {
	data := flatBook(t, nil)
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	recoded := 0
	for _, f := range zr.File {
		rc, _ := f.Open()
		body, _ := io.ReadAll(rc)
		rc.Close()
		if f.Name == "xl/sharedStrings.xml" || f.Name == "xl/workbook.xml" {
			s := string(body)
			s = strings.Replace(s, `encoding="UTF-8"`, `encoding="GBK"`, 1)
			if !strings.Contains(s, `encoding="GBK"`) {
				s = `<?xml version="1.0" encoding="GBK" standalone="yes"?>` + "\n" + s
			}
			body, err = simplifiedchinese.GBK.NewEncoder().Bytes([]byte(s))
			if err != nil {
				t.Fatal(err)
			}
			recoded++
		}
		w, _ := zw.Create(f.Name)
		w.Write(body)
	}
	zw.Close()
	if recoded != 2 {
		t.Fatalf("recoded %d parts", recoded)
	}
	d, err := Read("gbk.xlsx", b.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Projects) != 2 || d.Projects[0].Name != "办公楼运维费" || d.Projects[1].Indicators[1].Level3 != "举报人满意度" {
		t.Fatalf("read %+v", d.Projects)
	}
}
