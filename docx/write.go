package docx

import (
	"archive/zip"
	"fmt"
	"io"
	"strings"
	"time"

	"jixiao"
	"jixiao/form"
)

// YearProperty is the custom document property holding the fiscal year.
const YearProperty = "年度"

// Options selects what Write puts in the file.
type Options struct {
	// Project, when set, writes only that project's goal table.
	Project string
}

// Column widths in twentieths of a point. The seven grid columns fill the
// 16.99 cm between 2 cm margins of an A4 portrait page; the indicator rows
// use six cells (指标值确定依据 spans the last two columns).
var cols = [7]int{1100, 1150, 1500, 2100, 1300, 1288, 1200}

const (
	song   = "宋体"
	fang   = "仿宋"
	hei    = "黑体"
	wordNS = `xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"`
)

// Write writes the document as a .docx in the official layout: part one as
// headings and paragraphs, part two as one goal table per project.
func Write(w io.Writer, d *jixiao.Document, opt Options) error {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n")
	b.WriteString(`<w:document ` + wordNS + `><w:body>`)
	projects := d.Projects
	first := 0
	if opt.Project != "" {
		p, ok := d.Project(opt.Project)
		if !ok {
			return fmt.Errorf("项目编码“%s”不在 %s %d年度的绩效目标中：%w", opt.Project, d.Unit.Name, d.Year, jixiao.ErrNotFound)
		}
		for i := range d.Projects {
			if &d.Projects[i] == p {
				first = i
			}
		}
		projects = d.Projects[first : first+1]
	} else {
		writeOverall(&b, d)
	}
	for i := range projects {
		writeTable(&b, d, &projects[i], first+i+1, i > 0 || opt.Project == "")
	}
	return pack(w, &b, fmt.Sprintf("%s%d年度绩效目标", d.Unit.Name, d.Year), d.Year)
}

// pack ends the body in b with an A4 portrait section and writes the
// .docx package around it, titled title, with the fiscal year as the
// custom property 年度. The parts carry a fixed date, so one document
// always gives the same bytes.
func pack(w io.Writer, b *strings.Builder, title string, year int) error {
	b.WriteString(`<w:sectPr><w:pgSz w:w="11906" w:h="16838"/>` +
		`<w:pgMar w:top="1440" w:right="1134" w:bottom="1440" w:left="1134" w:header="851" w:footer="992" w:gutter="0"/></w:sectPr>`)
	b.WriteString(`</w:body></w:document>`)

	zw := zip.NewWriter(w)
	parts := []struct{ name, body string }{
		{"[Content_Types].xml", contentTypes},
		{"_rels/.rels", rootRels},
		{"word/_rels/document.xml.rels", docRels},
		{"word/styles.xml", styles},
		{"docProps/core.xml", core(title)},
		{"docProps/custom.xml", custom(year)},
		{"word/document.xml", b.String()},
	}
	for _, p := range parts {
		fw, err := zw.CreateHeader(&zip.FileHeader{Name: p.name, Method: zip.Deflate, Modified: time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)})
		if err != nil {
			return err
		}
		if _, err := io.WriteString(fw, p.body); err != nil {
			return err
		}
	}
	return zw.Close()
}

// writeOverall writes part one so that reading it back gives the same
// Overall: numbered sections, goal headings "1、…", items "（一）…".
func writeOverall(b *strings.Builder, d *jixiao.Document) {
	para(b, "第一部分", pStyle{font: hei, size: 32, center: true})
	para(b, "部门整体绩效目标", pStyle{font: song, size: 36, bold: true, center: true})
	for _, l := range form.Overall(d) {
		switch l.Kind {
		case form.Section:
			para(b, l.Text, pStyle{font: hei, size: 32, indent: true})
		case form.Heading:
			para(b, l.Text, pStyle{font: song, size: 32, bold: true, indent: true})
		default:
			para(b, l.Text, pStyle{font: fang, size: 32, indent: true})
		}
	}
}

// pStyle is how a paragraph looks.
type pStyle struct {
	font      string
	size      int // half-points
	bold      bool
	center    bool
	right     bool
	indent    bool // first line indented two characters
	pageBreak bool
	keepNext  bool // on the page of the next paragraph (a heading with its table)
}

func para(b *strings.Builder, text string, s pStyle) {
	b.WriteString(`<w:p><w:pPr>`)
	if s.pageBreak {
		b.WriteString(`<w:pageBreakBefore/>`)
	}
	if s.keepNext {
		b.WriteString(`<w:keepNext/>`)
	}
	b.WriteString(`<w:spacing w:before="0" w:after="0" w:line="300" w:lineRule="auto"/>`)
	if s.indent {
		b.WriteString(`<w:ind w:firstLineChars="200" w:firstLine="640"/>`)
	}
	switch {
	case s.center:
		b.WriteString(`<w:jc w:val="center"/>`)
	case s.right:
		b.WriteString(`<w:jc w:val="right"/>`)
	}
	b.WriteString(`</w:pPr>`)
	run(b, text, s)
	b.WriteString(`</w:p>`)
}

func run(b *strings.Builder, text string, s pStyle) {
	if text == "" {
		return
	}
	b.WriteString(`<w:r><w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:eastAsia="` + s.font + `"/>`)
	if s.bold {
		b.WriteString(`<w:b/>`)
	}
	fmt.Fprintf(b, `<w:sz w:val="%d"/><w:szCs w:val="%d"/></w:rPr><w:t xml:space="preserve">`, s.size, s.size)
	b.WriteString(escape(text))
	b.WriteString(`</w:t></w:r>`)
}

func escape(s string) string {
	var sb strings.Builder
	for _, r := range s {
		switch r {
		case '&':
			sb.WriteString("&amp;")
		case '<':
			sb.WriteString("&lt;")
		case '>':
			sb.WriteString("&gt;")
		case '"':
			sb.WriteString("&quot;")
		default:
			if r < 0x20 && r != '\t' && r != '\n' && r != '\r' {
				continue // not allowed in XML 1.0
			}
			sb.WriteRune(r)
		}
	}
	return sb.String()
}

// tc is one table cell to write.
type tc struct {
	text   string
	col    int // first grid column (0-based)
	span   int
	vmerge string // "", "restart" or "continue"
	bold   bool
	align  string // "center", "left", "right"
	noLine bool   // no borders (the unit line above the table)
}

func (c tc) write(b *strings.Builder, grid []int) {
	w := 0
	for i := c.col; i < c.col+c.span; i++ {
		w += grid[i]
	}
	fmt.Fprintf(b, `<w:tc><w:tcPr><w:tcW w:w="%d" w:type="dxa"/>`, w)
	if c.span > 1 {
		fmt.Fprintf(b, `<w:gridSpan w:val="%d"/>`, c.span)
	}
	switch c.vmerge {
	case "restart":
		b.WriteString(`<w:vMerge w:val="restart"/>`)
	case "continue":
		b.WriteString(`<w:vMerge/>`)
	}
	if c.noLine {
		b.WriteString(`<w:tcBorders><w:top w:val="nil"/><w:left w:val="nil"/><w:bottom w:val="single" w:sz="4" w:space="0" w:color="000000"/><w:right w:val="nil"/></w:tcBorders>`)
	}
	b.WriteString(`<w:vAlign w:val="center"/></w:tcPr>`)
	align := c.align
	if align == "" {
		align = "center"
	}
	lines := strings.Split(c.text, "\n")
	for _, l := range lines {
		b.WriteString(`<w:p><w:pPr><w:spacing w:before="0" w:after="0" w:line="260" w:lineRule="auto"/><w:jc w:val="` + align + `"/></w:pPr>`)
		run(b, l, pStyle{font: fang, size: 20, bold: c.bold})
		b.WriteString(`</w:p>`)
	}
	b.WriteString(`</w:tc>`)
}

// row writes a goal table's row from cells laid over its seven columns.
func row(b *strings.Builder, header bool, cells ...tc) { gridRow(b, cols[:], header, cells...) }

// gridRow writes a table row from cells laid over the grid's columns.
func gridRow(b *strings.Builder, grid []int, header bool, cells ...tc) {
	b.WriteString(`<w:tr><w:trPr><w:cantSplit/>`)
	if header {
		b.WriteString(`<w:tblHeader/>`)
	}
	b.WriteString(`</w:trPr>`)
	for _, c := range cells {
		c.write(b, grid)
	}
	b.WriteString(`</w:tr>`)
}

// openTable starts a bordered table of fixed layout over the grid's
// columns (twentieths of a point), as wide as the page's text.
func openTable(b *strings.Builder, grid []int) {
	b.WriteString(`<w:tbl><w:tblPr><w:tblW w:w="9638" w:type="dxa"/><w:jc w:val="center"/><w:tblLayout w:type="fixed"/>`)
	b.WriteString(`<w:tblBorders>`)
	for _, side := range []string{"top", "left", "bottom", "right", "insideH", "insideV"} {
		b.WriteString(`<w:` + side + ` w:val="single" w:sz="4" w:space="0" w:color="000000"/>`)
	}
	b.WriteString(`</w:tblBorders><w:tblCellMar><w:left w:w="57" w:type="dxa"/><w:right w:w="57" w:type="dxa"/></w:tblCellMar></w:tblPr><w:tblGrid>`)
	for _, w := range grid {
		fmt.Fprintf(b, `<w:gridCol w:w="%d"/>`, w)
	}
	b.WriteString(`</w:tblGrid>`)
}

// writeTable writes one project's goal table after its title paragraph.
func writeTable(b *strings.Builder, d *jixiao.Document, p *jixiao.Project, n int, newPage bool) {
	para(b, fmt.Sprintf("%d.%s绩效目标表", n, p.Name), pStyle{font: song, size: 32, bold: true, center: true, pageBreak: newPage})
	openTable(b, cols[:])

	row(b, false,
		tc{text: d.Unit.Code + d.Unit.Name, col: 0, span: 5, align: "left", noLine: true},
		tc{text: "单位：万元", col: 5, span: 2, align: "right", noLine: true})
	row(b, false,
		tc{text: "项目编码", col: 0, span: 1, bold: true},
		tc{text: p.Code, col: 1, span: 2},
		tc{text: "项目名称", col: 3, span: 1, bold: true},
		tc{text: p.Name, col: 4, span: 3})
	other := ""
	if p.Other != 0 {
		other = p.Other.WanExact()
	}
	fiscal := ""
	if p.Fiscal != 0 || p.Other == 0 {
		fiscal = p.Fiscal.WanExact()
	}
	row(b, false,
		tc{text: "预算规模及资金用途", col: 0, span: 1, vmerge: "restart", bold: true},
		tc{text: "预算数", col: 1, span: 1},
		tc{text: p.Budget.WanExact(), col: 2, span: 1},
		tc{text: "其中：财政资金", col: 3, span: 1},
		tc{text: fiscal, col: 4, span: 1},
		tc{text: "其他资金", col: 5, span: 1},
		tc{text: other, col: 6, span: 1})
	row(b, false,
		tc{col: 0, span: 1, vmerge: "continue"},
		tc{text: p.Purpose, col: 1, span: 6, align: "left"})
	if len(p.Plan) > 0 {
		months := []tc{{text: "资金支出计划（%）", col: 0, span: 1, vmerge: "restart", bold: true}}
		pcs := []tc{{col: 0, span: 1, vmerge: "continue"}}
		for i, c := range p.Plan {
			col, span := form.PlanCols(i, len(p.Plan))
			months = append(months, tc{text: fmt.Sprintf("%d月底", c.By.M), col: col, span: span})
			pcs = append(pcs, tc{text: c.Percent.String() + "%", col: col, span: span})
		}
		row(b, false, months...)
		row(b, false, pcs...)
	}
	row(b, false,
		tc{text: "绩效目标", col: 0, span: 1, bold: true},
		tc{text: p.Goal, col: 1, span: 6, align: "left"})
	row(b, true,
		tc{text: "一级指标", col: 0, span: 1, bold: true},
		tc{text: "二级指标", col: 1, span: 1, bold: true},
		tc{text: "三级指标", col: 2, span: 1, bold: true},
		tc{text: "绩效指标描述", col: 3, span: 1, bold: true},
		tc{text: "指标值", col: 4, span: 1, bold: true},
		tc{text: "指标值确定依据", col: 5, span: 2, bold: true})
	for i, in := range p.Indicators {
		l1 := tc{text: in.Level1, col: 0, span: 1}
		l2 := tc{text: in.Level2, col: 1, span: 1}
		same1 := false
		if i > 0 {
			prev := p.Indicators[i-1]
			same1 = in.Level1 == prev.Level1
			if same1 {
				l1 = tc{col: 0, span: 1, vmerge: "continue"}
				if in.Level2 == prev.Level2 {
					l2 = tc{col: 1, span: 1, vmerge: "continue"}
				}
			}
		}
		if next := i + 1; next < len(p.Indicators) {
			n := p.Indicators[next]
			if n.Level1 == in.Level1 && l1.vmerge == "" {
				l1.vmerge = "restart"
			}
			if n.Level1 == in.Level1 && n.Level2 == in.Level2 && l2.vmerge == "" {
				l2.vmerge = "restart"
			}
		}
		row(b, false, l1, l2,
			tc{text: in.Level3, col: 2, span: 1},
			tc{text: in.Description, col: 3, span: 1, align: "left"},
			tc{text: in.Value, col: 4, span: 1},
			tc{text: in.Basis, col: 5, span: 2})
	}
	b.WriteString(`</w:tbl>`)
}
