// Package textdoc imports a performance-goal document in the text layout
// Word produces when the official two-part template (第一部分 部门整体绩效
// 目标, 第二部分 预算项目绩效目标) is saved as plain text: part one as
// paragraphs, part two as one goal table per project with each cell on its
// own tab-prefixed line and table rows separated by blank lines.
//
// Reading is tolerant of what Word and editors do to such files (blank-line
// runs, U+3000 and spaces in labels, [bookmark: …] markers, CRLF, a BOM, an
// absent empty trailing cell) and strict about what would make the data
// wrong: every refusal is a *jixiao.ImportError naming the file, the table
// and the line.
package textdoc

import (
	"bytes"
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"

	"jixiao"
)

// MaxSize is the largest input accepted (20 MB): a county department's
// goal document is well under 1 MB, so anything larger is a wrong file.
const MaxSize = 20 << 20

// Options adjusts reading.
type Options struct {
	// Year is the fiscal year of the document; 0 infers it from the file
	// name, else from the deadlines written in the indicators.
	Year int
}

// yearInName finds a 4-digit year 20xx in a file name ("…-2024.txt").
var yearInName = regexp.MustCompile(`(?:^|[^0-9])(20[0-9]{2})(?:[^0-9]|$)`)

// Read reads a goal document in the text layout. name is the file name,
// used in messages and to infer the year.
func Read(name string, data []byte, opt Options) (*jixiao.Document, error) {
	fail := func(line int, format string, args ...any) error {
		return &jixiao.ImportError{File: name, Line: line, Msg: fmt.Sprintf(format, args...)}
	}
	if len(data) > MaxSize {
		return nil, fail(0, "文件过大（%.1f MB），文本格式的绩效目标文件不能超过 %d MB", float64(len(data))/(1<<20), MaxSize>>20)
	}
	if len(bytes.TrimSpace(bytes.TrimPrefix(data, []byte("\uFEFF")))) == 0 {
		return nil, fail(0, "文件为空")
	}
	if msg, line := checkText(data); msg != "" {
		return nil, fail(line, "%s", msg)
	}
	if opt.Year != 0 && (opt.Year < 1900 || opt.Year > 2200) {
		return nil, fail(0, "年度%d不正确", opt.Year)
	}

	lines := splitLines(data)
	first := firstTable(lines)
	if first < 0 {
		return nil, fail(0, "没有找到第二部分的项目绩效目标表（标题形如“1.办公楼运维费绩效目标表”，表中每个单元格占一行、以制表符开头）")
	}

	doc := &jixiao.Document{Overall: readOverall(partOne(lines[:first]))}
	var tables []*table
	byCode := map[string]*table{}
	yuan, known := false, false
	for i := first; i < len(lines); {
		j := i + 1
		for j < len(lines) && !isTitle(lines[j]) {
			j++
		}
		t, err := readTable(name, lines[i], lines[i+1:j], yuan, known)
		if err != nil {
			return nil, err
		}
		yuan, known = t.yuan, t.moneyKnown
		if prev, ok := byCode[t.project.Code]; ok {
			return nil, t.failf(name, t.codeLine, "项目编码“%s”与表“%s”重复", t.project.Code, prev.title)
		}
		byCode[t.project.Code] = t
		tables = append(tables, t)
		i = j
	}

	for _, t := range tables {
		if t.unit.Code == "" {
			continue
		}
		if doc.Unit.Code == "" {
			doc.Unit = t.unit
			continue
		}
		if t.unit.Code != doc.Unit.Code {
			return nil, t.failf(name, t.unitLine, "预算单位“%s %s”与前面表格的“%s %s”不一致", t.unit.Code, t.unit.Name, doc.Unit.Code, doc.Unit.Name)
		}
	}
	if doc.Unit.Code == "" {
		t := tables[0]
		return nil, t.failf(name, t.titleLine, "没有找到预算单位（表头应有“414001乐亭县市场监督管理局本级”这样的单位编码和名称）")
	}

	doc.Preset = jixiao.Preset88
	for _, t := range tables {
		doc.Projects = append(doc.Projects, t.project)
		for _, in := range t.project.Indicators {
			if norm(in.Level1) == "成本指标" {
				doc.Preset = jixiao.Preset101
			}
		}
	}

	doc.Year = opt.Year
	if doc.Year == 0 {
		doc.Year = inferYear(name, doc)
	}
	if doc.Year == 0 {
		return nil, fail(0, "无法确定文件的年度：文件名中没有年份，指标中也没有日期，请指定年度")
	}
	for i := range doc.Projects {
		plan := doc.Projects[i].Plan
		for k := range plan {
			plan[k].By = lastDay(doc.Year, plan[k].By.M)
		}
	}
	return doc, nil
}

// firstTable finds the first goal table: a title line followed by table
// cells before the next title. A title-like line with no cells after it
// ("详见项目绩效目标表") is part one's prose. It returns -1 without a table.
func firstTable(lines []line) int {
	cand := -1
	for i, l := range lines {
		switch {
		case isTitle(l):
			cand = i
		case l.cell && cand >= 0:
			return cand
		}
	}
	return -1
}

// partOne keeps the lines of part one up to the heading of part two.
func partOne(lines []line) []line {
	for i, l := range lines {
		if !l.cell && strings.HasPrefix(norm(l.text), "第二部分") {
			return lines[:i]
		}
	}
	return lines
}

// inferYear takes the year from the file name, else the most common year
// of the date targets (the later one on a tie); 0 when neither has one.
func inferYear(name string, doc *jixiao.Document) int {
	base := name[strings.LastIndexAny(name, `/\`)+1:]
	if m := yearInName.FindStringSubmatch(base); m != nil {
		y, _ := strconv.Atoi(m[1])
		return y
	}
	count := map[int]int{}
	for _, p := range doc.Projects {
		for _, in := range p.Indicators {
			if in.Target.Kind == jixiao.DateKind {
				count[in.Target.Date.Y]++
			}
		}
	}
	years := make([]int, 0, len(count))
	for y := range count {
		years = append(years, y)
	}
	sort.Slice(years, func(i, j int) bool {
		if count[years[i]] != count[years[j]] {
			return count[years[i]] > count[years[j]]
		}
		return years[i] > years[j]
	})
	if len(years) == 0 {
		return 0
	}
	return years[0]
}

// Detect reports whether the bytes look like this layout: a goal table
// title and a tab-prefixed 项目编码 cell, or the part-one headings of the
// template in plain text. Pass the first 64 KB of the file or more: the
// first table follows part one, which is often over 10 KB.
func Detect(head []byte) bool {
	head = bytes.TrimPrefix(head, []byte("\uFEFF"))
	if len(head) == 0 || bytes.IndexByte(head, 0) >= 0 {
		return false
	}
	if t := bytes.TrimLeft(head, " \t\r\n"); len(t) > 0 && strings.IndexByte("{[<", t[0]) >= 0 {
		return false // JSON or XML that quotes such text
	}
	hasCode := bytes.Contains(head, []byte("\n\t项目编码")) || bytes.Contains(head, []byte("\n \t项目编码"))
	if bytes.Contains(head, []byte(titleSuffix)) && hasCode {
		return true
	}
	return bytes.Contains(head, []byte("部门整体绩效目标")) && bytes.Contains(head, []byte("分项绩效目标"))
}

// lastDay is the last day of month m in year y ("3月底" → 31 March): day 0
// of the next month.
func lastDay(y int, m time.Month) jixiao.Date { return jixiao.NewDate(y, m+1, 0) }
