// Package docformat picks the reader for an input file by its content, not
// its name, and applies the checks every format shares: a size limit,
// refusing empty and binary input with a clear message. The web upload and
// the CLI both import through Read, so adding a format is one entry here.
package docformat

import (
	"bytes"
	"fmt"
	"os"
	"unicode/utf8"

	"jixiao"
	"jixiao/docx"
	"jixiao/jsondoc"
	"jixiao/textdoc"
	"jixiao/xlsx"
)

// MaxSize is the largest file accepted by any importer: 20 MB.
const MaxSize = 20 << 20

// Format is one input format.
type Format struct {
	Name   string
	Detect func(head []byte) bool
	Read   func(name string, data []byte) ([]*jixiao.Document, error)
	// Whole: Detect is given the whole file, not its first 64 KB. Office
	// files are zip archives whose list of entries is at the end.
	Whole bool
}

// Formats lists the known formats in detection order.
var Formats = []Format{
	{Name: "docx", Detect: docx.Detect, Read: one(docx.Read), Whole: true},
	{Name: "xlsx", Detect: xlsx.Detect, Read: one(xlsx.Read), Whole: true},
	{Name: "json", Detect: jsondoc.Detect, Read: jsondoc.Decode},
	{Name: "text", Detect: textdoc.Detect, Read: func(name string, data []byte) ([]*jixiao.Document, error) {
		d, err := textdoc.Read(name, data, textdoc.Options{})
		if err != nil {
			return nil, err
		}
		return []*jixiao.Document{d}, nil
	}},
}

// one adapts a reader of one document to Format.Read.
func one(read func(name string, data []byte) (*jixiao.Document, error)) func(string, []byte) ([]*jixiao.Document, error) {
	return func(name string, data []byte) ([]*jixiao.Document, error) {
		d, err := read(name, data)
		if err != nil {
			return nil, err
		}
		return []*jixiao.Document{d}, nil
	}
}

// Read detects the format of data and reads it. name is used in messages.
func Read(name string, data []byte) ([]*jixiao.Document, string, error) {
	fail := func(format string, a ...any) error {
		return &jixiao.ImportError{File: name, Msg: fmt.Sprintf(format, a...)}
	}
	if len(data) > MaxSize {
		return nil, "", fail("文件大小 %.1f MB，超过上限 %d MB", float64(len(data))/(1<<20), MaxSize>>20)
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, "", fail("文件为空")
	}
	head := data
	if len(head) > 64<<10 {
		head = head[:64<<10]
	}
	for _, f := range Formats {
		h := head
		if f.Whole {
			h = data
		}
		if f.Detect(h) {
			docs, err := f.Read(name, data)
			return docs, f.Name, err
		}
	}
	if bytes.HasPrefix(data, []byte("PK\x03\x04")) {
		return nil, "", fail("不是可识别的文件：看起来是二进制文件（zip 压缩包），但不是 Word（.docx，应含 word/document.xml）或 Excel（.xlsx，应含 xl/workbook.xml）文件，或者文件已损坏")
	}
	if looksBinary(head) {
		return nil, "", fail("不是可识别的文件：看起来是二进制文件。支持的格式：Word（.docx）、Excel（.xlsx）、绩效目标表文本（Word 另存为文本）、jixiao/v1 JSON")
	}
	if bytes.HasPrefix(bytes.TrimSpace(head), []byte("{")) || bytes.HasPrefix(bytes.TrimSpace(head), []byte("[")) {
		return nil, "", fail("这是 JSON，但不是 jixiao/v1 交换格式（缺少 \"format\": \"jixiao/v1\"）")
	}
	return nil, "", fail("没有找到绩效目标表（应含“项目编码”“预算数”等栏目）。支持的格式：Word（.docx）、Excel（.xlsx）、绩效目标表文本（Word 另存为文本）、jixiao/v1 JSON")
}

// ReadFile reads a file from disk through Read, refusing oversized files
// before loading them.
func ReadFile(path string) ([]*jixiao.Document, string, error) {
	st, err := os.Stat(path)
	if err != nil {
		return nil, "", err
	}
	if st.Size() > MaxSize {
		return nil, "", &jixiao.ImportError{File: path, Msg: fmt.Sprintf("文件大小 %.1f MB，超过上限 %d MB", float64(st.Size())/(1<<20), MaxSize>>20)}
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, "", err
	}
	return Read(path, data)
}

// looksBinary: NUL bytes or invalid UTF-8 in the first block.
func looksBinary(b []byte) bool {
	if bytes.IndexByte(b, 0) >= 0 {
		return true
	}
	// Allow a rune cut at the block's end.
	for i := 0; i < utf8.UTFMax-1 && len(b) > 0 && !utf8.Valid(b); i++ {
		b = b[:len(b)-1]
	}
	return !utf8.Valid(b)
}
