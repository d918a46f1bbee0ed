package docx

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"

	"jixiao"
)

// Limits for untrusted Office files. An Office file is a zip archive whose
// parts are inflated on reading; a tiny archive can inflate to gigabytes (a
// zip bomb), so every part is read through a limit and refused past it.
const (
	MaxArchive   = 20 << 20  // the file itself
	MaxPart      = 50 << 20  // one part, decompressed
	MaxTotal     = 200 << 20 // all parts read, decompressed
	MaxParts     = 10000     // entries in the archive
	MaxTableRows = 20000     // rows of one table or sheet
	MaxRowCells  = 200       // cells of one row
)

// Archive is an Office file opened with the limits above. Package xlsx
// opens spreadsheets through it too, so both formats refuse the same bombs.
type Archive struct {
	name  string
	zr    *zip.Reader
	total int64
}

// OpenArchive checks the size and the zip structure of an Office file.
// kind names the format in messages ("Word 文档", "Excel 工作簿").
func OpenArchive(name string, data []byte, kind string) (*Archive, error) {
	fail := func(format string, a ...any) error {
		return &jixiao.ImportError{File: name, Msg: fmt.Sprintf(format, a...)}
	}
	if len(data) > MaxArchive {
		return nil, fail("%s大小 %.1f MB，超过上限 %d MB", kind, float64(len(data))/(1<<20), MaxArchive>>20)
	}
	if !bytes.HasPrefix(data, []byte("PK\x03\x04")) {
		return nil, fail("不是%s：文件不是 zip 压缩包（.docx/.xlsx 都是 zip 格式；旧版 .doc/.xls 请先另存为新格式）", kind)
	}
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, fail("%s已损坏或不完整（压缩包无法打开：%v）", kind, err)
	}
	if len(zr.File) > MaxParts {
		return nil, fail("%s含有 %d 个部件，超过上限 %d", kind, len(zr.File), MaxParts)
	}
	return &Archive{name: name, zr: zr}, nil
}

// Has reports whether the archive holds the named part.
func (a *Archive) Has(part string) bool { return a.find(part) != nil }

func (a *Archive) find(part string) *zip.File {
	for _, f := range a.zr.File {
		if strings.EqualFold(strings.TrimPrefix(f.Name, "/"), part) {
			return f
		}
	}
	return nil
}

// errTooBig marks a part that inflates past the limits.
var errTooBig = errors.New("too big")

// Read returns a part decompressed, refusing it when it inflates past
// MaxPart or when all parts read so far pass MaxTotal. The declared sizes
// in the archive are not trusted: the limit is applied while inflating.
func (a *Archive) Read(part string) ([]byte, error) {
	f := a.find(part)
	if f == nil {
		return nil, &jixiao.ImportError{File: a.name, Msg: fmt.Sprintf("压缩包中缺少部件“%s”", part)}
	}
	rc, err := f.Open()
	if err != nil {
		return nil, &jixiao.ImportError{File: a.name, Msg: fmt.Sprintf("部件“%s”无法读取：%v", part, err)}
	}
	defer rc.Close()
	limit := int64(MaxPart)
	if left := MaxTotal - a.total; left < limit {
		limit = left
	}
	b, err := io.ReadAll(io.LimitReader(rc, limit+1))
	a.total += int64(len(b))
	if int64(len(b)) > limit {
		return nil, &jixiao.ImportError{File: a.name, Msg: fmt.Sprintf("部件“%s”解压后超过 %d MB（单个部件上限 %d MB，合计上限 %d MB），可能是压缩炸弹，已拒绝", part, limit>>20, MaxPart>>20, MaxTotal>>20)}
	}
	if err != nil {
		return nil, &jixiao.ImportError{File: a.name, Msg: fmt.Sprintf("部件“%s”已损坏或不完整：%v", part, err)}
	}
	return b, nil
}

// Parts lists the part names in the archive.
func (a *Archive) Parts() []string {
	out := make([]string, len(a.zr.File))
	for i, f := range a.zr.File {
		out[i] = f.Name
	}
	return out
}

// RefuseDoctype reports a DOCTYPE in an XML part: Office parts never have
// one, and refusing it rules out entity expansion of any kind.
func RefuseDoctype(data []byte) bool {
	head := data
	if len(head) > 4096 {
		head = head[:4096]
	}
	return bytes.Contains(bytes.ToUpper(head), []byte("<!DOCTYPE")) || bytes.Contains(data, []byte("<!ENTITY"))
}

// CheckAll inflates every part through the limits without keeping it, and
// refuses XML parts that declare a DOCTYPE. Readers that hand the archive
// to a library (xlsx) call it first, so the library never meets a bomb.
func (a *Archive) CheckAll() error {
	a.total = 0
	for _, f := range a.zr.File {
		if strings.HasSuffix(f.Name, "/") {
			continue
		}
		rc, err := f.Open()
		if err != nil {
			return &jixiao.ImportError{File: a.name, Msg: fmt.Sprintf("部件“%s”无法读取：%v", f.Name, err)}
		}
		limit := int64(MaxPart)
		if left := MaxTotal - a.total; left < limit {
			limit = left
		}
		var head bytes.Buffer
		n, err := io.Copy(io.Discard, io.TeeReader(io.LimitReader(rc, limit+1), &prefix{&head, 4096}))
		rc.Close()
		a.total += n
		if n > limit {
			return &jixiao.ImportError{File: a.name, Msg: fmt.Sprintf("部件“%s”解压后超过 %d MB（单个部件上限 %d MB，合计上限 %d MB），可能是压缩炸弹，已拒绝", f.Name, limit>>20, MaxPart>>20, MaxTotal>>20)}
		}
		if err != nil {
			return &jixiao.ImportError{File: a.name, Msg: fmt.Sprintf("部件“%s”已损坏或不完整：%v", f.Name, err)}
		}
		if RefuseDoctype(head.Bytes()) {
			return &jixiao.ImportError{File: a.name, Msg: fmt.Sprintf("部件“%s”含有 DOCTYPE 或实体声明，不是 Office 生成的文件，已拒绝", f.Name)}
		}
	}
	return nil
}

// prefix keeps the first max bytes written to it.
type prefix struct {
	b   *bytes.Buffer
	max int
}

func (p *prefix) Write(b []byte) (int, error) {
	if room := p.max - p.b.Len(); room > 0 {
		if len(b) < room {
			room = len(b)
		}
		p.b.Write(b[:room])
	}
	return len(b), nil
}
