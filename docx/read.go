package docx

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"
	"unicode"

	"jixiao"
	"jixiao/textdoc"
)

// block is one body element of the document: a paragraph or a table.
type block struct {
	text  string // a paragraph, lines split at breaks
	table *table
	no    int // 1-based paragraph number, for messages
}

// table is a w:tbl: rows of cells as Word holds them (a horizontally
// merged cell is one w:tc; a vertically merged continuation is an empty
// w:tc marked vMerge).
type table struct {
	rows [][]*tcell
}

type tcell struct {
	paras []string
	cont  bool // w:vMerge continuation: shows the cell above
}

// origin says where a line of the text layout came from in the Word file.
type origin struct {
	row  int // 1-based table row; 0 for a paragraph
	para int // 1-based paragraph number outside tables
}

// Read reads a goal document from a .docx file in the official layout:
// part one as paragraphs, part two as one table per project, each after
// its title paragraph "N.项目名称绩效目标表". It gives the same Document
// and the same refusals as textdoc for the same content: the Word body is
// laid out as the text Word itself saves (one cell a line) and read by
// textdoc. In refusals, Table is the table's title and Line its row.
func Read(name string, data []byte) (*jixiao.Document, error) {
	a, err := OpenArchive(name, data, "Word 文档")
	if err != nil {
		return nil, err
	}
	if !a.Has("word/document.xml") {
		return nil, &jixiao.ImportError{File: name, Msg: "不是 Word 文档：压缩包中没有 word/document.xml"}
	}
	body, err := a.Read("word/document.xml")
	if err != nil {
		return nil, err
	}
	blocks, err := parseBody(name, body)
	if err != nil {
		return nil, err
	}
	tables := 0
	for _, b := range blocks {
		if b.table != nil {
			tables++
		}
	}
	if tables == 0 {
		return nil, &jixiao.ImportError{File: name, Msg: "Word 文档中没有表格：第二部分应有每个项目的绩效目标表（标题形如“1.办公楼运维费绩效目标表”，其后是表格）"}
	}
	opt := textdoc.Options{}
	if a.Has("docProps/custom.xml") {
		if props, err := a.Read("docProps/custom.xml"); err == nil {
			opt.Year = yearProperty(props)
		}
	}
	text, origins := layout(blocks)
	d, err := textdoc.Read(name, text, opt)
	if err != nil {
		return nil, relocate(err, origins)
	}
	return d, nil
}

// layout writes the blocks as textdoc's text layout: paragraphs as lines,
// each table cell as a tab-prefixed line (further paragraphs of the cell on
// the following lines), rows separated by blank lines.
func layout(blocks []block) ([]byte, []origin) {
	var buf bytes.Buffer
	origins := []origin{{}} // line numbers are 1-based
	put := func(s string, o origin) {
		buf.WriteString(s)
		buf.WriteByte('\n')
		origins = append(origins, o)
	}
	for _, b := range blocks {
		if b.table == nil {
			for _, l := range strings.Split(b.text, "\n") {
				put(clean(l), origin{para: b.no})
			}
			continue
		}
		for i, r := range b.table.rows {
			o := origin{row: i + 1}
			put("", o)
			for _, c := range r {
				var lines []string
				if !c.cont {
					for _, p := range c.paras {
						for _, l := range strings.Split(p, "\n") {
							if l = clean(l); l != "" {
								lines = append(lines, l)
							}
						}
					}
				}
				if len(lines) == 0 {
					put("\t", o)
					continue
				}
				put("\t"+lines[0], o)
				for _, l := range lines[1:] {
					put(l, o)
				}
			}
		}
		put("", origin{})
	}
	return buf.Bytes(), origins
}

// clean trims blanks and drops control characters Word may leave in text.
func clean(s string) string {
	s = strings.Map(func(r rune) rune {
		if r == '\t' {
			return ' '
		}
		if unicode.IsControl(r) {
			return -1
		}
		return r
	}, s)
	return strings.TrimFunc(s, func(r rune) bool { return r == '\u3000' || unicode.IsSpace(r) })
}

var lineInMsg = regexp.MustCompile(`第([0-9]+)行`)

// relocate turns the text layout's line numbers in a refusal into the Word
// file's table rows (or paragraph numbers outside tables).
func relocate(err error, origins []origin) error {
	var ie *jixiao.ImportError
	if !errors.As(err, &ie) {
		return err
	}
	out := *ie
	at := func(n int) (int, bool) {
		if n <= 0 || n >= len(origins) {
			return 0, false
		}
		o := origins[n]
		if o.row > 0 {
			return o.row, true
		}
		return o.para, o.para > 0
	}
	if n, ok := at(ie.Line); ok {
		out.Line = n
	} else {
		out.Line = 0
	}
	out.Msg = lineInMsg.ReplaceAllStringFunc(ie.Msg, func(s string) string {
		n, _ := strconv.Atoi(lineInMsg.FindStringSubmatch(s)[1])
		if m, ok := at(n); ok {
			return fmt.Sprintf("第%d行", m)
		}
		return s
	})
	if strings.HasPrefix(out.Msg, "没有找到第二部分") {
		out.Msg = "没有找到第二部分的项目绩效目标表：每个表格前应有标题段落，形如“1.办公楼运维费绩效目标表”"
	}
	return &out
}

// skipped elements: field codes, deleted text, the fallback copy of
// alternate content, and text boxes floating over the page.
var skipped = map[string]bool{
	"instrText": true, "delText": true, "delInstrText": true,
	"Fallback": true, "txbxContent": true, "footnoteReference": true,
}

// maxDepth bounds the nesting of tables inside table cells.
const maxDepth = 16

// parseBody reads word/document.xml into body blocks. Runs of a paragraph
// are joined; bookmarks, proofing marks and field codes carry no text.
func parseBody(name string, data []byte) ([]block, error) {
	fail := func(format string, a ...any) error {
		return &jixiao.ImportError{File: name, Msg: fmt.Sprintf(format, a...)}
	}
	dec := xml.NewDecoder(bytes.NewReader(data))
	var (
		blocks []block
		stack  []*table // open tables, innermost last
		para   *strings.Builder
		paraNo int
		skip   int // depth inside a skipped element
		inText bool
		rows   int
	)
	curCell := func() *tcell {
		if len(stack) == 0 {
			return nil
		}
		t := stack[len(stack)-1]
		if len(t.rows) == 0 || len(t.rows[len(t.rows)-1]) == 0 {
			return nil
		}
		r := t.rows[len(t.rows)-1]
		return r[len(r)-1]
	}
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fail("Word 文档内容（word/document.xml）不是正确的 XML：%v", err)
		}
		switch t := tok.(type) {
		case xml.Directive:
			return nil, fail("Word 文档内容含有 DOCTYPE 声明，不是 Word 生成的文件，已拒绝")
		case xml.StartElement:
			if skip > 0 || skipped[t.Name.Local] {
				skip++
				continue
			}
			switch t.Name.Local {
			case "tbl":
				if len(stack) >= maxDepth {
					return nil, fail("表格嵌套超过 %d 层", maxDepth)
				}
				stack = append(stack, &table{})
			case "tr":
				if len(stack) > 0 {
					tb := stack[len(stack)-1]
					if len(tb.rows) >= MaxTableRows {
						return nil, fail("表格超过 %d 行", MaxTableRows)
					}
					rows++
					tb.rows = append(tb.rows, nil)
				}
			case "tc":
				if len(stack) > 0 {
					tb := stack[len(stack)-1]
					if len(tb.rows) == 0 {
						tb.rows = append(tb.rows, nil)
					}
					r := &tb.rows[len(tb.rows)-1]
					if len(*r) >= MaxRowCells {
						return nil, fail("表格第%d行超过 %d 个单元格", len(tb.rows), MaxRowCells)
					}
					*r = append(*r, &tcell{})
				}
			case "vMerge":
				if c := curCell(); c != nil {
					v := attr(t, "val")
					c.cont = v == "" || v == "continue"
				}
			case "p":
				if para == nil {
					para = &strings.Builder{}
				}
			case "t":
				inText = para != nil
			case "tab":
				if para != nil {
					para.WriteByte(' ')
				}
			case "br", "cr":
				if para != nil && attr(t, "type") != "page" && attr(t, "type") != "column" {
					para.WriteByte('\n')
				}
			}
		case xml.EndElement:
			if skip > 0 {
				skip--
				continue
			}
			switch t.Name.Local {
			case "t":
				inText = false
			case "p":
				if para == nil {
					continue
				}
				s := para.String()
				para = nil
				if c := curCell(); c != nil {
					c.paras = append(c.paras, s)
				} else if len(stack) == 0 {
					paraNo++
					blocks = append(blocks, block{text: s, no: paraNo})
				}
			case "tbl":
				if len(stack) == 0 {
					continue
				}
				tb := stack[len(stack)-1]
				stack = stack[:len(stack)-1]
				if len(stack) == 0 {
					blocks = append(blocks, block{table: tb})
					continue
				}
				// A nested table: its text joins the enclosing cell.
				if c := curCell(); c != nil {
					for _, r := range tb.rows {
						for _, nc := range r {
							c.paras = append(c.paras, nc.paras...)
						}
					}
				}
			}
		case xml.CharData:
			if inText && skip == 0 && para != nil {
				if para.Len()+len(t) > MaxPart {
					return nil, fail("段落过长")
				}
				para.Write(t)
			}
		}
	}
	return blocks, nil
}

// attr returns the attribute with the given local name ("w:val" → "val").
func attr(e xml.StartElement, local string) string {
	for _, a := range e.Attr {
		if a.Name.Local == local {
			return a.Value
		}
	}
	return ""
}

// yearProperty reads the custom document property 年度 that Write sets, so
// a document without dates or a year in its file name keeps its year.
func yearProperty(data []byte) int {
	if RefuseDoctype(data) {
		return 0
	}
	var props struct {
		Property []struct {
			Name string `xml:"name,attr"`
			I4   string `xml:"i4"`
			Str  string `xml:"lpwstr"`
		} `xml:"property"`
	}
	if xml.Unmarshal(data, &props) != nil {
		return 0
	}
	for _, p := range props.Property {
		if p.Name == YearProperty {
			y, err := strconv.Atoi(strings.TrimSpace(p.I4 + p.Str))
			if err == nil && y >= 1900 && y <= 2200 {
				return y
			}
		}
	}
	return 0
}

// Detect reports whether data is a .docx: a zip whose entries include
// word/document.xml. Given the whole file it reads the archive's directory;
// given only its beginning it looks for the entry's local header.
func Detect(data []byte) bool {
	return HasEntry(data, "word/document.xml")
}

// HasEntry reports whether data is a zip archive with the named entry.
func HasEntry(data []byte, entry string) bool {
	if !bytes.HasPrefix(data, []byte("PK\x03\x04")) {
		return false
	}
	if zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data))); err == nil {
		for _, f := range zr.File {
			if strings.EqualFold(strings.TrimPrefix(f.Name, "/"), entry) {
				return true
			}
		}
		return false
	}
	return bytes.Contains(data, []byte(entry))
}
