package xlsx

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"jixiao"
	"jixiao/target"
)

// Canonical column names of the flat export.
const (
	colL1     = "一级指标"
	colL2     = "二级指标"
	colL3     = "三级指标"
	colNature = "指标性质"
	colValue  = "指标值"
	colUnit   = "度量单位"
	colWeight = "权重"
	colDir    = "指标方向性"
	colDesc   = "绩效指标描述"
	colBasis  = "指标值确定依据"
)

// synonyms maps folded header names to canonical columns.
var synonyms = map[string]string{
	"一级指标": colL1, "一级": colL1,
	"二级指标": colL2, "二级": colL2,
	"三级指标": colL3, "三级": colL3, "指标名称": colL3, "绩效指标": colL3, "指标": colL3,
	"指标性质": colNature, "性质": colNature, "运算符号": colNature, "比较符号": colNature, "符号": colNature, "指标值类型": colNature,
	"指标值": colValue, "目标值": colValue, "年度指标值": colValue, "指标目标值": colValue,
	"度量单位": colUnit, "计量单位": colUnit, "单位": colUnit,
	"权重": colWeight, "分值": colWeight, "权重分值": colWeight, "指标权重": colWeight,
	"指标方向性": colDir, "方向性": colDir, "指标方向": colDir, "方向": colDir,
	"绩效指标描述": colDesc, "指标描述": colDesc, "指标解释": colDesc, "指标说明": colDesc,
	"指标值确定依据": colBasis, "确定依据": colBasis, "指标值设定依据": colBasis,
}

// trailing "(…)" of a header, e.g. 权重(%) or 预算数(元).
var parenthetical = regexp.MustCompile(`\(([^()]*)\)$`)

// column folds a header cell to its canonical column name, or "".
func column(s string) string {
	l := norm(s)
	l = parenthetical.ReplaceAllString(l, "")
	return synonyms[l]
}

// flatHeader returns the 1-based row of the first flat-export header row
// of the sheet, or 0: a row naming 三级指标 and 指标值 and at least one of
// the columns only budget systems have (指标性质, 度量单位, 权重, 指标方向性).
func flatHeader(s *sheet) int {
	for i, r := range s.rows {
		if isFlatHeader(r) {
			return i + 1
		}
	}
	return 0
}

func isFlatHeader(r []string) bool {
	seen := map[string]bool{}
	for _, c := range r {
		seen[column(c)] = true
	}
	return seen[colL3] && seen[colValue] && (seen[colNature] || seen[colUnit] || seen[colWeight] || seen[colDir])
}

// project labels of the flat export's header rows.
var projectLabels = map[string]string{
	"项目编码": "code", "项目代码": "code",
	"项目名称": "name",
	"预算数":  "budget", "预算金额": "budget", "预算规模": "budget", "年度预算数": "budget",
	"财政资金": "fiscal", "财政拨款": "fiscal",
	"其他资金": "other",
	"资金用途": "purpose",
	"绩效目标": "goal", "年度绩效目标": "goal", "年度目标": "goal",
	"预算单位": "unit", "单位": "unit", "单位名称": "unitName", "单位编码": "unitCode", "单位代码": "unitCode",
	"年度": "year", "预算年度": "year",
}

// projectLabel folds a label cell; yuan is set when it says the amount is
// in 元 ("预算数（元）").
func projectLabel(s string) (key string, yuan bool) {
	key, yuan, _ = projectLabelUnit(s)
	return key, yuan
}

// projectLabelUnit is projectLabel that also says whether the label names
// its money unit at all; 财政资金 and 其他资金 without one follow 预算数.
func projectLabelUnit(s string) (key string, yuan, named bool) {
	l := norm(s)
	if m := parenthetical.FindStringSubmatch(l); m != nil {
		yuan, named = m[1] == "元", m[1] == "元" || m[1] == "万元"
		l = l[:len(l)-len(m[0])]
	}
	return projectLabels[l], yuan, named
}

var unitCodeName = regexp.MustCompile(`^([0-9]{3,})\s*(\S.*)$`)

// flat is the reading state across the workbook's sheets.
type flat struct {
	file  string
	doc   *jixiao.Document
	year  int
	codes map[string]string // code → "sheet 第N行"

	sh      string
	cur     *jixiao.Project
	curRow  int
	amounts map[string]amount
	cols    map[string]int // canonical column → index; nil before the header
	hdrRow  int
}

type amount struct {
	text  string
	yuan  bool
	named bool // the label named its unit
	row   int
}

func (f *flat) fail(row int, format string, a ...any) error {
	return &jixiao.ImportError{File: f.file, Table: f.sh, Line: row, Msg: fmt.Sprintf(format, a...)}
}

// readFlat reads the flat export shape from every sheet.
func readFlat(name string, sheets []*sheet, year int) (*jixiao.Document, error) {
	f := &flat{file: name, doc: &jixiao.Document{Preset: jixiao.Preset88}, year: year, codes: map[string]string{}}
	for _, s := range sheets {
		f.sh = s.name
		f.cols = nil
		if flatHeader(s) == 0 {
			return nil, f.fail(s.firstRow(), "工作表不是预算一体化系统导出的指标清单：没有表头行（应有“一级指标、二级指标、三级指标、指标性质、指标值、度量单位、权重、指标方向性”等列）")
		}
		for i, r := range s.rows {
			if err := f.row(i+1, r); err != nil {
				return nil, err
			}
		}
		if err := f.finish(); err != nil {
			return nil, err
		}
	}
	d := f.doc
	if d.Unit.Code == "" {
		f.sh = sheets[0].name
		return nil, f.fail(sheets[0].firstRow(), "没有找到预算单位：表头行应有“预算单位 | 414001乐亭县市场监督管理局本级”（或“单位编码”“单位名称”）")
	}
	if f.year == 0 {
		if m := regexp.MustCompile(`(?:^|[^0-9])(20[0-9]{2})(?:[^0-9]|$)`).FindStringSubmatch(name[strings.LastIndexAny(name, `/\`)+1:]); m != nil {
			f.year, _ = strconv.Atoi(m[1])
		}
	}
	if f.year == 0 {
		return nil, &jixiao.ImportError{File: name, Msg: "无法确定年度：表头行应有“年度 | 2024”，或在文件名中写明年份"}
	}
	d.Year = f.year
	return d, nil
}

// row reads one sheet row: a project header row, the indicator header, an
// indicator, or blank.
func (f *flat) row(no int, r []string) error {
	blank := true
	for _, c := range r {
		if c != "" {
			blank = false
		}
	}
	if blank {
		return nil
	}
	if isFlatHeader(r) {
		return f.header(no, r)
	}
	if key, _ := projectLabel(firstNonEmpty(r)); key != "" {
		return f.labels(no, r)
	}
	if f.cols != nil {
		return f.indicator(no, r)
	}
	return f.fail(no, "无法识别的内容“%s”：指标表头之前应是项目表头行（项目编码、项目名称、预算数等，标签后接数值）", short(firstNonEmpty(r)))
}

func firstNonEmpty(r []string) string {
	for _, c := range r {
		if c != "" {
			return c
		}
	}
	return ""
}

// header maps the indicator columns.
func (f *flat) header(no int, r []string) error {
	if f.cur == nil {
		return f.fail(no, "指标表头之前没有项目：应先有“项目编码”“项目名称”“预算数”等表头行")
	}
	f.cols = map[string]int{}
	for i, c := range r {
		if col := column(c); col != "" {
			if _, dup := f.cols[col]; !dup {
				f.cols[col] = i
			}
		}
	}
	for _, need := range []string{colL1, colL2, colL3, colValue} {
		if _, ok := f.cols[need]; !ok {
			return f.fail(no, "指标表头缺少“%s”列", need)
		}
	}
	f.hdrRow = no
	return nil
}

// labels reads "label | value" pairs of a project header row.
func (f *flat) labels(no int, r []string) error {
	for i := 0; i < len(r); i++ {
		key, yuan, named := projectLabelUnit(r[i])
		if key == "" {
			if r[i] != "" {
				return f.fail(no, "无法识别的表头“%s”（应为项目编码、项目名称、预算数、财政资金、其他资金、资金用途、绩效目标、预算单位或年度）", short(r[i]))
			}
			continue
		}
		v := ""
		if i+1 < len(r) {
			v = r[i+1]
		}
		i++
		switch key {
		case "code":
			if err := f.finish(); err != nil {
				return err
			}
			if v == "" {
				return f.fail(no, "项目编码为空")
			}
			f.cur = &jixiao.Project{Code: v}
			f.curRow = no
			f.amounts = map[string]amount{}
			f.cols = nil
		case "unit":
			m := unitCodeName.FindStringSubmatch(v)
			if m == nil {
				return f.fail(no, "预算单位“%s”应写作单位编码加名称，如“414001乐亭县市场监督管理局本级”", short(v))
			}
			if err := f.setUnit(no, jixiao.Unit{Code: m[1], Name: strings.TrimSpace(m[2])}); err != nil {
				return err
			}
		case "unitCode":
			if err := f.setUnit(no, jixiao.Unit{Code: v, Name: f.doc.Unit.Name}); err != nil {
				return err
			}
		case "unitName":
			f.doc.Unit.Name = v
		case "year":
			y, err := strconv.Atoi(strings.TrimSuffix(norm(v), "年"))
			if err != nil || y < 1900 || y > 2200 {
				return f.fail(no, "年度“%s”不正确", short(v))
			}
			f.year = y
		default:
			if f.cur == nil {
				return f.fail(no, "“%s”之前没有项目编码：每个项目的表头行应从“项目编码”开始", short(r[i-1]))
			}
			switch key {
			case "name":
				f.cur.Name = v
			case "purpose":
				f.cur.Purpose = v
			case "goal":
				f.cur.Goal = v
			default:
				f.amounts[key] = amount{v, yuan, named, no}
			}
		}
	}
	return nil
}

func (f *flat) setUnit(no int, u jixiao.Unit) error {
	if f.doc.Unit.Code != "" && u.Code != f.doc.Unit.Code {
		return f.fail(no, "预算单位“%s”与前面的“%s”不一致", u.Code, f.doc.Unit.Code)
	}
	if u.Name == "" {
		u.Name = f.doc.Unit.Name
	}
	f.doc.Unit = u
	return nil
}

// indicator reads one indicator row.
func (f *flat) indicator(no int, r []string) error {
	get := func(col string) string {
		i, ok := f.cols[col]
		if !ok || i >= len(r) {
			return ""
		}
		return r[i]
	}
	p := f.cur
	in := jixiao.Indicator{
		Level1: get(colL1), Level2: get(colL2), Level3: get(colL3),
		Description: get(colDesc), Basis: get(colBasis),
	}
	if n := len(p.Indicators); n > 0 {
		prev := p.Indicators[n-1]
		carried := false
		if in.Level1 == "" {
			in.Level1, carried = prev.Level1, true
		}
		if in.Level2 == "" && (carried || norm(in.Level1) == norm(prev.Level1)) {
			in.Level2 = prev.Level2
		}
	}
	if in.Level1 == "" || in.Level2 == "" || in.Level3 == "" {
		return f.fail(no, "指标行缺少一级、二级或三级指标名称")
	}
	val, unit := get(colValue), get(colUnit)
	if val == "" {
		return f.fail(no, "指标“%s”的指标值为空", short(in.Level3))
	}
	op, qualitative, err := nature(get(colNature))
	if err != nil {
		return f.fail(no, "%s", err.Error())
	}
	if qualitative {
		in.Value = val
		if unit != "" && !strings.HasSuffix(val, unit) {
			in.Value += unit
		}
		in.Target = jixiao.Target{Kind: jixiao.Qualitative, Direction: jixiao.Positive}
	} else {
		v := strings.TrimLeft(target.Normalize(val), "≥≤=<>")
		if unit != "" && !strings.HasSuffix(v, unit) {
			v += unit
		}
		if op != "" && op != "=" {
			v = op + v
		}
		in.Value = v
		in.Target = target.Parse(v)
		if bare := strings.TrimLeft(v, "≥≤=<>"); !in.Target.Measurable() && bare != v {
			// Dates are written without the operator ("2024年12月31日"
			// means by then).
			in.Value, in.Target = bare, target.Parse(bare)
		}
		if !in.Target.Measurable() {
			return f.fail(no, "指标“%s”的指标性质为“%s”，但指标值“%s”不是数值或日期", short(in.Level3), get(colNature), short(val))
		}
	}
	switch d := norm(get(colDir)); d {
	case "":
	case "正向", "正向指标", "越大越好":
		in.Target.Direction = jixiao.Positive
	case "反向", "反向指标", "越小越好":
		in.Target.Direction = jixiao.Reverse
	default:
		return f.fail(no, "指标方向性“%s”应为“正向”或“反向”", short(get(colDir)))
	}
	if w := get(colWeight); w != "" {
		d, err := jixiao.ParseDecimal(strings.TrimSuffix(strings.TrimSuffix(norm(w), "%"), "分"))
		if err != nil || d < 0 {
			return f.fail(no, "权重“%s”不是非负数", short(w))
		}
		in.Weight = d
	}
	if norm(in.Level1) == "成本指标" {
		f.doc.Preset = jixiao.Preset101
	}
	p.Indicators = append(p.Indicators, in)
	return nil
}

// nature reads 指标性质 into an operator, or qualitative.
func nature(s string) (op string, qualitative bool, err error) {
	switch n := norm(s); n {
	case "":
		return "", false, nil
	case "定性", "定性指标":
		return "", true, nil
	case "≥", ">=", "大于等于", "不低于", "不少于":
		return "≥", false, nil
	case "≤", "<=", "小于等于", "不高于", "不超过", "不多于":
		return "≤", false, nil
	case "=", "＝", "等于", "定量":
		return "=", false, nil
	case ">", "大于":
		return ">", false, nil
	case "<", "小于":
		return "<", false, nil
	}
	return "", false, fmt.Errorf("指标性质“%s”应为 ≥、≤、= 或 定性", short(s))
}

// finish closes the current project: it must be whole.
func (f *flat) finish() error {
	p := f.cur
	if p == nil {
		return nil
	}
	f.cur = nil
	if p.Name == "" {
		return f.fail(f.curRow, "项目“%s”缺少项目名称", p.Code)
	}
	if len(p.Indicators) == 0 {
		return f.fail(f.curRow, "项目“%s”没有绩效指标行", p.Code)
	}
	if where, dup := f.codes[p.Code]; dup {
		return f.fail(f.curRow, "项目编码“%s”与%s重复", p.Code, where)
	}
	f.codes[p.Code] = fmt.Sprintf("工作表“%s”第%d行", f.sh, f.curRow)
	b, ok := f.amounts["budget"]
	if !ok || b.text == "" {
		return f.fail(f.curRow, "项目“%s”缺少预算数", p.Code)
	}
	var err error
	if p.Budget, err = f.money(b, "预算数"); err != nil {
		return err
	}
	if a, ok := f.amounts["fiscal"]; ok && a.text != "" {
		if !a.named {
			a.yuan = b.yuan
		}
		if p.Fiscal, err = f.money(a, "财政资金"); err != nil {
			return err
		}
	}
	if a, ok := f.amounts["other"]; ok && a.text != "" {
		if !a.named {
			a.yuan = b.yuan
		}
		if p.Other, err = f.money(a, "其他资金"); err != nil {
			return err
		}
	}
	f.doc.Projects = append(f.doc.Projects, *p)
	return nil
}

func (f *flat) money(a amount, what string) (jixiao.Fen, error) {
	s := strings.ReplaceAll(norm(a.text), ",", "")
	var v jixiao.Fen
	var err error
	if a.yuan {
		v, err = jixiao.ParseYuan(strings.TrimSuffix(s, "元"))
	} else {
		v, err = jixiao.ParseWan(strings.TrimSuffix(s, "万元"))
	}
	if err != nil || v < 0 {
		unit := "万元"
		if a.yuan {
			unit = "元"
		}
		return 0, f.fail(a.row, "%s“%s”不是以%s为单位的金额", what, short(a.text), unit)
	}
	return v, nil
}

// short shortens a quoted cell for a message.
func short(s string) string {
	r := []rune(s)
	if len(r) > 30 {
		return string(r[:30]) + "…"
	}
	return s
}
