package web

import (
	"bytes"
	"maps"
	"net/http"
	"strings"
	"testing"

	"jixiao/example"
)

func TestImportForm(t *testing.T) {
	e := newEnv(t, false)
	res, body := e.get(t, "/import")
	if res.StatusCode != http.StatusOK {
		t.Fatalf("GET /import: %d", res.StatusCode)
	}
	mustContain(t, body, `method="post"`, `enctype="multipart/form-data"`, `name="files"`, "multiple", `name="csrf"`)
}

func TestImportExample(t *testing.T) {
	e := newEnv(t, false)
	res, body := e.post(t, upload{example.Name, example.Laoting})
	if res.StatusCode != http.StatusOK {
		t.Fatalf("import: %d\n%s", res.StatusCode, body)
	}
	mustContain(t, body, "导入成功", example.Name, "乐亭县市场监督管理局本级", "新建：共 11 个项目", officeCode, "办公楼运维费",
		`href="/units/414001/2024"`)
	if _, page := e.get(t, exBase); !strings.Contains(page, "814.86") {
		t.Error("imported document not shown")
	}

	// The same file again changes nothing, and says so.
	res, body = e.post(t, upload{example.Name, example.Laoting})
	if res.StatusCode != http.StatusOK {
		t.Fatalf("re-import: %d\n%s", res.StatusCode, body)
	}
	mustContain(t, body, "没有变化")

	// A changed value shows up as a changed project.
	changed := bytes.Replace(example.Laoting, []byte("\t派出机构数量\n\t10个\n"), []byte("\t派出机构数量\n\t11个\n"), 1)
	if bytes.Equal(changed, example.Laoting) {
		t.Fatal("edit did not apply")
	}
	res, body = e.post(t, upload{"edited.txt", changed})
	if res.StatusCode != http.StatusOK {
		t.Fatalf("import of edit: %d\n%s", res.StatusCode, body)
	}
	mustContain(t, body, "修改的项目（1）", officeCode, "其中 10 个未变")
}

// badExample is the example with table 1's 预算数 written in words.
func badExample(t *testing.T) []byte {
	bad := bytes.Replace(example.Laoting, []byte("\t预算数\n\t10.36\n"), []byte("\t预算数\n\t十点三六\n"), 1)
	if bytes.Equal(bad, example.Laoting) {
		t.Fatal("edit did not apply")
	}
	return bad
}

func TestImportBadFile(t *testing.T) {
	e := newEnv(t, true)
	before := e.counts(t)
	res, body := e.post(t, upload{"bad.txt", badExample(t)})
	if res.StatusCode != http.StatusBadRequest {
		t.Fatalf("bad file: %d, want 400\n%s", res.StatusCode, body)
	}
	mustContain(t, body, "导入失败", "bad.txt", "1.办公楼运维费绩效目标表", "第", "行", "十点三六", "没有保存任何数据")
	if after := e.counts(t); !maps.Equal(before, after) {
		t.Errorf("store changed by a refused import:\nbefore %v\nafter  %v", before, after)
	}
}

// TestImportAllOrNothing: a good file next to a bad one is not stored.
func TestImportAllOrNothing(t *testing.T) {
	e := newEnv(t, false)
	before := e.counts(t)
	res, body := e.post(t, upload{example.Name, example.Laoting}, upload{"bad.txt", badExample(t)})
	if res.StatusCode != http.StatusBadRequest {
		t.Fatalf("%d, want 400\n%s", res.StatusCode, body)
	}
	mustContain(t, body, "bad.txt", "没有保存任何数据")
	if after := e.counts(t); !maps.Equal(before, after) {
		t.Errorf("store changed:\nbefore %v\nafter  %v", before, after)
	}
}

func TestImportRefusals(t *testing.T) {
	e := newEnv(t, false)
	cases := []struct {
		name   string
		files  []upload
		status int
		msg    string
	}{
		{"no file", nil, http.StatusBadRequest, "没有选择文件"},
		{"empty file", []upload{{"empty.txt", nil}}, http.StatusBadRequest, "文件为空"},
		{"binary", []upload{{"a.docx", []byte("PK\x03\x04\x14\x00\x06\x00\x00\x00")}}, http.StatusBadRequest, "a.docx"},
		{"other JSON", []upload{{"x.json", []byte(`{"a":1}`)}}, http.StatusBadRequest, "x.json"},
		// Each file reads, but together they hold one document twice: the
		// store refuses the batch, and that is the user's input, not a 500.
		{"same document twice", []upload{{example.Name, example.Laoting}, {"copy-" + example.Name, example.Laoting}}, http.StatusBadRequest, "同一批中出现两次"},
	}
	for _, c := range cases {
		res, body := e.post(t, c.files...)
		if res.StatusCode != c.status {
			t.Errorf("%s: %d, want %d\n%s", c.name, res.StatusCode, c.status, body)
			continue
		}
		mustContain(t, body, c.msg, "没有保存任何数据")
	}
}

func TestImportTooLarge(t *testing.T) {
	e := newEnv(t, false)
	before := e.counts(t)
	big := bytes.Repeat([]byte("绩效目标\n"), (MaxBody/13)+1000)
	res, body := e.post(t, upload{"big.txt", big})
	if res.StatusCode != http.StatusRequestEntityTooLarge {
		t.Fatalf("%d, want 413\n%s", res.StatusCode, body)
	}
	mustContain(t, body, "文件太大", "21 MB", "没有保存任何数据")
	if after := e.counts(t); !maps.Equal(before, after) {
		t.Error("store changed")
	}
}
