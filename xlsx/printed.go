package xlsx

import (
	"bytes"
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"jixiao"
	"jixiao/textdoc"
)

// origin is the sheet and row a line of the text layout came from.
type origin struct {
	sheet string
	row   int
}

// part-one headings that mark a sheet of prose as part one.
var partOneMarks = []string{"部门整体绩效目标", "总体绩效目标", "分项绩效目标", "工作保障措施"}

// readPrinted reads the printed form: sheets with goal tables and, before
// them, a sheet with part one. The sheets are laid out as textdoc's text
// layout and read by it, so the rules are the same as for text and Word.
func readPrinted(name string, sheets []*sheet, year int) (*jixiao.Document, error) {
	var prose, tables []*sheet
	for _, s := range sheets {
		switch {
		case hasLabel(s, "项目编码"):
			tables = append(tables, s)
		case hasAny(s, partOneMarks):
			prose = append(prose, s)
		default:
			return nil, &jixiao.ImportError{File: name, Table: s.name, Line: s.firstRow(),
				Msg: "无法识别的工作表：既不是绩效目标表（没有“项目编码”“预算数”“一级指标”等栏目），也不是预算一体化系统导出的指标清单（表头应有“一级指标、二级指标、三级指标、指标性质、指标值、度量单位、权重、指标方向性”）"}
		}
	}
	if len(tables) == 0 {
		s := sheets[0]
		return nil, &jixiao.ImportError{File: name, Table: s.name, Line: s.firstRow(), Msg: "工作簿中没有项目绩效目标表（应有含“项目编码”“预算数”“一级指标”等栏目的工作表）"}
	}
	var buf bytes.Buffer
	origins := []origin{{}}
	put := func(s string, o origin) {
		buf.WriteString(s)
		buf.WriteByte('\n')
		origins = append(origins, o)
	}
	for _, s := range prose {
		for i, r := range s.rows {
			var parts []string
			for _, c := range r {
				if c != "" {
					parts = append(parts, c)
				}
			}
			for _, l := range strings.Split(strings.Join(parts, " "), "\n") {
				put(strings.TrimSpace(l), origin{s.name, i + 1})
			}
		}
		put("", origin{})
	}
	for _, s := range tables {
		for i, r := range s.rows {
			o := origin{s.name, i + 1}
			cells := trimRow(r)
			if len(cells) == 0 {
				put("", o)
				continue
			}
			if t := only(cells); strings.HasSuffix(t, "绩效目标表") && !strings.Contains(t, "\n") {
				put("", o)
				put(t, o)
				continue
			}
			put("", o)
			for _, c := range cells {
				lines := nonEmptyLines(c)
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
	d, err := textdoc.Read(name, buf.Bytes(), textdoc.Options{Year: year})
	if err != nil {
		return nil, relocate(err, origins)
	}
	return d, nil
}

// trimRow drops empty cells at the row's end, keeping up to six cells
// (an indicator row's width) so empty trailing indicator cells still count.
func trimRow(r []string) []string {
	last := len(r)
	for last > 0 && r[last-1] == "" {
		last--
	}
	if last == 0 {
		return nil
	}
	keep := last
	if keep < 6 {
		keep = min(6, len(r))
	}
	return r[:keep]
}

// only returns the row's single non-empty cell, or "" when it has more.
func only(cells []string) string {
	t := ""
	for _, c := range cells {
		if c != "" {
			if t != "" {
				return ""
			}
			t = c
		}
	}
	return t
}

func nonEmptyLines(s string) []string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return out
}

// hasLabel reports whether a cell of the sheet is the label.
func hasLabel(s *sheet, label string) bool {
	for _, r := range s.rows {
		for _, c := range r {
			if norm(c) == label {
				return true
			}
		}
	}
	return false
}

// hasAny reports whether a cell contains one of the marks.
func hasAny(s *sheet, marks []string) bool {
	for _, r := range s.rows {
		for _, c := range r {
			for _, m := range marks {
				if strings.Contains(norm(c), m) {
					return true
				}
			}
		}
	}
	return false
}

var lineInMsg = regexp.MustCompile(`第([0-9]+)行`)

// relocate turns the text layout's line numbers in a refusal into the
// workbook's sheet and row.
func relocate(err error, origins []origin) error {
	ie, ok := asImportError(err)
	if !ok {
		return err
	}
	out := *ie
	at := func(n int) (origin, bool) {
		if n <= 0 || n >= len(origins) || origins[n].row == 0 {
			return origin{}, false
		}
		return origins[n], true
	}
	if o, ok := at(ie.Line); ok {
		out.Table, out.Line = o.sheet, o.row
	} else {
		out.Line = 0
	}
	out.Msg = lineInMsg.ReplaceAllStringFunc(ie.Msg, func(s string) string {
		n, _ := strconv.Atoi(lineInMsg.FindStringSubmatch(s)[1])
		if o, ok := at(n); ok {
			return fmt.Sprintf("第%d行", o.row)
		}
		return s
	})
	return &out
}
