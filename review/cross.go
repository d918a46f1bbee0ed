package review

import (
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"jixiao"
)

// matchGoals links each project to its 分项绩效目标 paragraph: first by
// jixiao.SameName, then, among those left, by one name containing the
// other. goals[i] is the paragraph's index for project i, or -1. pnames
// and gnames are the projects' and the paragraphs' names folded by
// jixiao.NormName.
func matchGoals(doc *jixiao.Document, pnames, gnames []string) []int {
	goals := make([]int, len(doc.Projects))
	used := make([]bool, len(doc.Overall.ProjectGoals))
	for i := range doc.Projects {
		goals[i] = -1
		for j := range doc.Overall.ProjectGoals {
			if !used[j] && gnames[j] == pnames[i] {
				goals[i], used[j] = j, true
				break
			}
		}
	}
	for i := range doc.Projects {
		if goals[i] >= 0 {
			continue
		}
		pn := pnames[i]
		for j := range doc.Overall.ProjectGoals {
			gn := gnames[j]
			if !used[j] && pn != "" && gn != "" && (strings.Contains(pn, gn) || strings.Contains(gn, pn)) {
				goals[i], used[j] = j, true
				break
			}
		}
	}
	return goals
}

// goal returns project i's paragraph, if any.
func (c *ctx) goal(i int) (jixiao.ProjectGoal, bool) {
	if i < 0 || i >= len(c.goals) || c.goals[i] < 0 {
		return jixiao.ProjectGoal{}, false
	}
	return c.doc.Overall.ProjectGoals[c.goals[i]], true
}

// checkC1: paragraphs and tables correspond one to one.
func checkC1(c *ctx) {
	matched := make([]bool, len(c.doc.Overall.ProjectGoals))
	for i, p := range c.doc.Projects {
		g, ok := c.goal(i)
		if !ok {
			c.addAt(Warning, p.Code, 0, fmt.Sprintf("项目“%s”的目标表在第一部分没有对应的分项绩效目标", p.Name),
				fmt.Sprintf("在第一部分“二、分项绩效目标”中补写“%s”的分项目标，说明资金用途和要完成的工作量", p.Name))
			continue
		}
		matched[c.goals[i]] = true
		if c.gnames[c.goals[i]] != c.pnames[i] {
			c.addAt(Info, p.Code, 0, fmt.Sprintf("第一部分的分项绩效目标写作“%s”，目标表的项目名称为“%s”", g.Project, p.Name),
				"统一两处的项目名称")
		}
	}
	for j, g := range c.doc.Overall.ProjectGoals {
		if !matched[j] {
			c.addAt(Warning, "", 0, fmt.Sprintf("第一部分的分项绩效目标“%s”在第二部分没有对应的项目目标表", g.Project),
				"补充该项目的绩效目标表，或删去（或改正名称）第一部分的这段分项目标")
		}
	}
}

// mention is a number with a unit found in a paragraph: "330批次".
type mention struct {
	num        jixiao.Decimal
	unit       string // canonical: aliases applied
	text       string // as written
	start, end int    // byte offsets in the paragraph
	clause     int    // byte offset where the mention's clause starts
}

// numPat is an Arabic number, or a Chinese one that does not start with
// 一 (so "一个", "一次" used as articles are not counts).
const numPat = `([0-9][0-9,]*(?:\.[0-9]+)?|[两三四五六七八九十][零〇一二两三四五六七八九十百千]*)`

// patterns are the regular expressions built from a Config's units.
type patterns struct {
	count    anchored // NUM UNIT
	money    anchored // NUM 万元
	products []anchored
}

// anchored is a pattern that can only match where a number starts, kept
// anchored (^) so that it is tried at those places alone instead of at
// every character of a paragraph; findAll gives what FindAllStringSubmatchIndex
// of the unanchored pattern gives.
type anchored struct {
	re      *regexp.Regexp
	chinese bool // a match may start with a Chinese numeral, not only a digit
	// tail, when set, bounds a match: the number's characters and then at
	// most tail bytes (its unit). Each try then looks at that window only,
	// not at the rest of the paragraph.
	tail int
	// nu, when set, matches the pattern by hand: it is NUM(UNIT|UNIT…),
	// which nu tries as the regexp would, without running it.
	nu *numUnit
}

func anchor(pat string, chinese bool, tail int) anchored {
	return anchored{re: regexp.MustCompile(`^(?:` + pat + `)`), chinese: chinese, tail: tail}
}

// numChars are the characters a number of numPat or amount is made of.
const numChars = "0123456789,.零〇一二两三四五六七八九十百千"

// window is where a match starting at i can end at most.
func (a anchored) window(text string, i int) int {
	if a.tail == 0 {
		return len(text)
	}
	j := i
	for j < len(text) {
		r, size := utf8.DecodeRuneInString(text[j:])
		if !strings.ContainsRune(numChars, r) {
			break
		}
		j += size
	}
	return min(j+a.tail, len(text))
}

// findAll lists the successive non-overlapping leftmost matches of a in
// text with their groups, as regexp's FindAllStringSubmatchIndex does: a
// match starts at the first place where one can, and the next is looked
// for after its end. Every match starts with a digit (or a numeral of
// numStart), so only those places are tried.
func (a anchored) findAll(text string) [][]int {
	var out [][]int
	for i := 0; i < len(text); {
		b := text[i]
		size := 1
		start := b-'0' <= 9
		if !start && !(a.chinese && (b == 0xE4 || b == 0xE5)) { // the numerals' first byte
			i++
			for i < len(text) && text[i]-'0' > 9 && (!a.chinese || text[i] != 0xE4 && text[i] != 0xE5) {
				i++
			}
			continue
		}
		if !start {
			var r rune
			r, size = utf8.DecodeRuneInString(text[i:])
			start = isNumStart(r)
		}
		if !start {
			i += size
			continue
		}
		var m []int
		if a.nu != nil {
			m = a.nu.match(text, i)
		} else {
			m = a.re.FindStringSubmatchIndex(text[i:a.window(text, i)])
		}
		if m == nil {
			// Every pattern starts with a number (numPat or amount) whose
			// first character is followed by any run of the characters
			// after it; so where a match cannot start, none can start
			// later in the same run either (a match there would extend
			// to one from here).
			i = skipRun(text, i, b <= '9')
			continue
		}
		if a.nu == nil {
			for k := range m {
				if m[k] >= 0 {
					m[k] += i
				}
			}
		}
		out = append(out, m)
		i = m[1]
	}
	return out
}

// skipRun returns the end of the run of number characters that starts at
// i: digits and commas for an Arabic number, numerals for a Chinese one.
func skipRun(text string, i int, arabic bool) int {
	for i < len(text) {
		if arabic {
			if b := text[i]; b >= '0' && b <= '9' || b == ',' {
				i++
				continue
			}
			return i
		}
		r, size := utf8.DecodeRuneInString(text[i:])
		if !isNumRest(r) {
			return i
		}
		i += size
	}
	return i
}

// numRest are the characters after the first of a Chinese number (numPat).
const numRest = "零〇一二两三四五六七八九十百千"

// numStart are the Chinese numerals a count may start with (numPat).
const numStart = "两三四五六七八九十"

// isNumStart is strings.ContainsRune(numStart, r).
func isNumStart(r rune) bool {
	switch r {
	case '两', '三', '四', '五', '六', '七', '八', '九', '十':
		return true
	}
	return false
}

// isNumRest is strings.ContainsRune(numRest, r).
func isNumRest(r rune) bool {
	switch r {
	case '零', '〇', '一', '二', '两', '三', '四', '五', '六', '七', '八', '九', '十', '百', '千':
		return true
	}
	return false
}

var moneyPat = `(亿元|万元|千元|元)`

// moneyUnits are moneyPat's alternatives in its order.
var moneyUnits = []string{"亿元", "万元", "千元", "元"}

// sortedUnits orders units longest first, as the count pattern lists them.
func sortedUnits(us []string) []string {
	units := append([]string(nil), us...)
	sort.SliceStable(units, func(i, j int) bool { return len(units[i]) > len(units[j]) })
	return units
}

// productMarks are, for each of patterns.products, characters one of
// which every match contains: a text without any of them has no match.
var productMarks = []string{"每", "×xX*＊"}

func buildPatterns(cfg *Config) *patterns {
	units := sortedUnits(cfg.CountUnits)
	for i := range units {
		units[i] = regexp.QuoteMeta(units[i])
	}
	u := "(" + strings.Join(units, "|") + ")"
	amount := `([0-9][0-9,]*(?:\.[0-9]+)?)`
	longest := 0
	for _, u := range cfg.CountUnits {
		longest = max(longest, len(u))
	}
	count := anchor(numPat+u, true, longest)
	count.nu = newNumUnit(true, sortedUnits(cfg.CountUnits))
	money := anchor(amount+moneyPat, false, len("万元"))
	money.nu = newNumUnit(false, moneyUnits)
	return &patterns{
		count: count,
		money: money,
		products: []anchored{
			// 一共八家，每家3万元
			anchor(numPat+u+`[，,、]?每`+u+`?[^0-9，。；;]{0,6}?`+amount+moneyPat, true, 0),
			// 8家×3万元
			anchor(numPat+u+`?\s*[×xX*＊]\s*`+amount+moneyPat, true, 0),
		},
	}
}

// clauseStart finds where the clause holding byte offset i begins.
func clauseStart(text string, i int) int {
	// What strings.LastIndexAny(text[:i], "，,。；;：:、\n") does, rune by
	// rune from the end, with the marks in a switch.
	for i > 0 {
		r, size := utf8.DecodeLastRuneInString(text[:i])
		i -= size
		switch r {
		case '，', ',', '。', '；', ';', '：', ':', '、', '\n':
			return i + size
		}
	}
	return 0
}

// isCountStart reports whether a number at byte offset i starts a count:
// not the tail of a longer token (13022524P0026…) nor an ordinal (第3次).
func isCountStart(text string, i int) bool {
	if i == 0 {
		return true
	}
	prev := text[:i]
	last := prev[len(prev)-1]
	if last >= '0' && last <= '9' || last == '.' || last >= 'A' && last <= 'Z' || last >= 'a' && last <= 'z' {
		return false
	}
	return !strings.HasSuffix(prev, "第")
}

// countMentions lists the counts a paragraph enumerates, leaving out
// per-unit figures (a clause with 每: "每家企业每次…3人").
func countMentions(cfg *Config, pt *patterns, text string) []mention {
	var ms []mention
	for _, m := range pt.count.findAll(text) {
		if !isCountStart(text, m[0]) {
			continue
		}
		num, ok := parseNum(text[m[2]:m[3]])
		if !ok {
			continue
		}
		cs := clauseStart(text, m[0])
		if perUnit(cfg, text[cs:m[0]]) {
			continue
		}
		ms = append(ms, mention{num: num, unit: canonUnit(cfg, text[m[4]:m[5]]),
			text: text[m[0]:m[1]], start: m[0], end: m[1], clause: cs})
	}
	return ms
}

// moneyItem is an amount a paragraph names, as written and in fen.
type moneyItem struct {
	text   string
	amount jixiao.Fen
	start  int
	end    int
}

// moneyMentions lists the amounts a paragraph names: products such as
// "一共八家，每家3万元" (8 × 3万元) and plain amounts outside them.
func moneyMentions(cfg *Config, pt *patterns, text string) []moneyItem {
	var items []moneyItem
	inside := func(i int) bool {
		for _, it := range items {
			if i >= it.start && i < it.end {
				return true
			}
		}
		return false
	}
	if !strings.Contains(text, "元") {
		return nil // every amount ends in 元
	}
	for k, re := range pt.products {
		if !containsAnyRune(text, productMarks[k]) {
			continue // the product's literal (每, or a times sign) is absent
		}
		for _, m := range re.findAll(text) {
			if inside(m[0]) || !isCountStart(text, m[0]) {
				continue
			}
			n, ok := parseNum(text[m[2]:m[3]])
			g := len(m) - 4 // amount and its unit are the last two groups
			each, ok2 := fen(text[m[g]:m[g+1]], text[m[g+2]:m[g+3]])
			if !ok || !ok2 {
				continue
			}
			total := jixiao.Fen(jixiao.MulDiv(jixiao.Decimal(each), n, jixiao.Dec(1)))
			items = append(items, moneyItem{
				text:   fmt.Sprintf("“%s”%s×%s%s＝%s万元", text[clauseStart(text, m[0]):m[1]], n, text[m[g]:m[g+1]], text[m[g+2]:m[g+3]], total.WanExact()),
				amount: total, start: m[0], end: m[1],
			})
		}
	}
	for _, m := range pt.money.findAll(text) {
		if inside(m[0]) || !isCountStart(text, m[0]) {
			continue
		}
		cs := clauseStart(text, m[0])
		if perUnit(cfg, text[cs:m[0]]) {
			continue
		}
		f, ok := fen(text[m[2]:m[3]], text[m[4]:m[5]])
		if !ok {
			continue
		}
		items = append(items, moneyItem{text: "“" + text[cs:m[1]] + "”", amount: f, start: m[0], end: m[1]})
	}
	sort.SliceStable(items, func(i, j int) bool { return items[i].start < items[j].start })
	return items
}

// containsAnyRune is strings.ContainsAny for a few marks, each looked for
// with a byte search rather than every rune of text against the marks.
func containsAnyRune(text, marks string) bool {
	for _, r := range marks {
		if strings.ContainsRune(text, r) {
			return true
		}
	}
	return false
}

// fen converts an amount written in a money unit to fen.
func fen(num, unit string) (jixiao.Fen, bool) {
	d, err := jixiao.ParseDecimal(strings.ReplaceAll(num, ",", ""))
	if err != nil {
		return 0, false
	}
	per := map[string]int64{"元": 100, "千元": 100_000, "万元": 1_000_000, "亿元": 100_000_000_000}[unit]
	return jixiao.Fen(jixiao.MulDiv(d, jixiao.Decimal(per), jixiao.Dec(1))), true
}

// perUnit reports whether a clause speaks per unit ("每家企业每次检查需
// 聘请专家3人", "每家3万元"), so its numbers are rates, not totals. "每年"
// is not per unit: a budget is for one year.
func perUnit(cfg *Config, clause string) bool {
	for i := strings.Index(clause, "每"); i >= 0; {
		rest := clause[i+len("每"):]
		for _, u := range cfg.CountUnits {
			if strings.HasPrefix(rest, u) {
				return true
			}
		}
		if strings.HasPrefix(rest, "位") {
			return true
		}
		j := strings.Index(rest, "每")
		if j < 0 {
			break
		}
		i += len("每") + j
	}
	return false
}

// clauseEnd finds where the clause holding byte offset i ends.
func clauseEnd(text string, i int) int {
	k := strings.IndexAny(text[i:], "，,。；;、\n")
	if k < 0 {
		return len(text)
	}
	return i + k
}

// canonUnit applies the configured aliases (批 → 批次).
func canonUnit(cfg *Config, u string) string {
	if a, ok := cfg.UnitAliases[u]; ok {
		return a
	}
	return u
}

// sameUnit compares units after aliases, treating 个工作日 as 工作日.
func sameUnit(cfg *Config, a, b string) bool {
	a, b = canonUnit(cfg, a), canonUnit(cfg, b)
	return a == b || "个"+a == b || a == "个"+b
}

// satisfies reports whether x meets the target's operator.
func satisfies(t jixiao.Target, x jixiao.Decimal) bool {
	switch t.Op {
	case "≥":
		return x >= t.Number
	case ">":
		return x > t.Number
	case "≤":
		return x <= t.Number
	case "<":
		return x < t.Number
	}
	return x == t.Number
}

// goalMentions lists the counts in the current project's paragraph.
func (c *ctx) goalMentions() []mention {
	g, ok := c.goal(c.pi)
	if !ok {
		return nil
	}
	return countMentions(c.cfg, c.patterns(), g.Text)
}

// patterns returns the config's regular expressions, built once per
// list of count units and kept: a province is reviewed with one Config,
// and compiling them is a large part of reviewing one small document.
func (c *ctx) patterns() *patterns {
	if c.pt == nil {
		key := strings.Join(c.cfg.CountUnits, "\x00")
		if pt, ok := patternCache.Load(key); ok {
			c.pt = pt.(*patterns)
		} else {
			c.pt = buildPatterns(c.cfg)
			patternCache.Store(key, c.pt)
		}
	}
	return c.pt
}

// patternCache holds built patterns by their count units joined with NUL.
var patternCache sync.Map

// checkC2: numbers enumerated in part one agree with the table.
func checkC2(c *ctx) {
	for i := range c.doc.Projects {
		p := &c.doc.Projects[i]
		g, ok := c.goal(i)
		if !ok {
			continue
		}
		ms := countMentions(c.cfg, c.patterns(), g.Text)
		for n := range p.Indicators {
			in := &p.Indicators[n]
			t := targetOf(in)
			if t.Kind != jixiao.Quantity {
				continue
			}
			var same []mention
			for _, m := range ms {
				if sameUnit(c.cfg, m.unit, t.Unit) {
					same = append(same, m)
				}
			}
			if len(same) > 0 {
				compareCounts(c, p, g, n+1, in, t, same)
			}
		}
		items := moneyMentions(c.cfg, c.patterns(), g.Text)
		if len(items) == 0 {
			continue
		}
		var sum jixiao.Fen
		var parts []string
		for _, it := range items {
			sum += it.amount
			parts = append(parts, it.text)
		}
		listed := strings.Join(parts, "，")
		if sum > p.Budget {
			c.addAt(Warning, p.Code, 0, "第一部分“"+g.Project+"”分项目标列明的金额合计"+sum.WanExact()+"万元（"+listed+"），超过预算数"+p.Budget.WanExact()+"万元",
				"核对分项目标中的金额与预算数，使所列支出不超过预算数")
		} else {
			c.addAt(Info, p.Code, 0, "第一部分“"+g.Project+"”分项目标列明的金额合计"+sum.WanExact()+"万元（"+listed+"），未超过预算数"+p.Budget.WanExact()+"万元",
				"宜把这些单价和数量写成成本指标（单位成本）和数量指标")
		}
	}
}

// compareCounts reports whether the counts a paragraph enumerates in an
// indicator's unit agree with its value: their sum, or one of them, must
// meet it. An enumeration (two or more numbers) that does not is a
// warning; a single differing number is only worth a look.
func compareCounts(c *ctx, p *jixiao.Project, g jixiao.ProjectGoal, n int, in *jixiao.Indicator, t jixiao.Target, ms []mention) {
	var sum jixiao.Decimal
	nums := make([]string, len(ms))
	for k, m := range ms {
		sum += m.num
		nums[k] = m.num.String()
	}
	agree := satisfies(t, sum)
	for _, m := range ms {
		agree = agree || satisfies(t, m.num)
	}
	where := "第" + strconv.Itoa(n) + "个指标“" + in.Level3 + "”的指标值“" + in.Value + "”"
	frag := quote(g.Text[ms[0].clause:clauseEnd(g.Text, ms[len(ms)-1].end)], c.cfg.QuoteMax)
	written := "第一部分“" + g.Project + "”分项目标（“" + frag + "”）"
	total := strings.Join(nums, "＋") + "＝" + sum.String() + t.Unit
	switch {
	case agree && len(ms) > 1:
		c.addAt(Info, p.Code, n, written+"列举"+total+"，与"+where+"一致", "无需修改")
	case agree:
		c.addAt(Info, p.Code, n, written+"写有"+ms[0].text+"，与"+where+"一致", "无需修改")
	case len(ms) > 1 && related(g.Text, ms, in.Level3):
		c.addAt(Warning, p.Code, n, fmt.Sprintf("%s列举的数量合计%s，与%s不一致", written, total, where),
			fmt.Sprintf("核对两处数字：按第一部分所列把指标值改为%s%s，或补全第一部分遗漏的项目，使两处一致", sum, t.Unit))
	case len(ms) > 1:
		c.addAt(Info, p.Code, n, fmt.Sprintf("%s写有%s，合计%s，%s与之不同", written, strings.Join(texts(ms), "、"), total, where),
			"核对两处数字是否指同一工作量")
	default:
		c.addAt(Info, p.Code, n, fmt.Sprintf("%s写有%s，%s与之不同", written, ms[0].text, where),
			"核对两处数字是否指同一工作量")
	}
}

// related reports whether the enumeration speaks of what the indicator
// measures: some mention's clause shares two consecutive characters with
// the indicator's name (抽检批次 and "计划抽检成品油330批次"). Otherwise the
// numbers may count something else, and a mismatch is only worth a look.
func related(text string, ms []mention, name string) bool {
	r := []rune(jixiao.NormName(name))
	for _, m := range ms {
		clause := text[m.clause:clauseEnd(text, m.end)]
		for i := 0; i+1 < len(r); i++ {
			bi := string(r[i : i+2])
			if bi != "数量" && strings.Contains(clause, bi) {
				return true
			}
		}
	}
	return false
}

// texts lists the mentions as written.
func texts(ms []mention) []string {
	out := make([]string, len(ms))
	for i, m := range ms {
		out[i] = m.text
	}
	return out
}

// totalRes find a stated total of the project budgets in part one.
var totalRes = []*regexp.Regexp{
	regexp.MustCompile(`项目(?:支出)?(?:预算)?(?:资金)?(?:总额|合计|总计|共计)(?:为|是|：|:|共)?([0-9][0-9,]*(?:\.[0-9]+)?)万元`),
	regexp.MustCompile(`(?:共|合计|共计)[0-9]+个(?:预算)?项目[，,]?(?:预算|资金)?(?:总额|合计|共计|总计)?(?:为|共|是)?([0-9][0-9,]*(?:\.[0-9]+)?)万元`),
}

// checkC3: the projects add up to a total stated in part one.
func checkC3(c *ctx) {
	var texts []string
	for _, g := range c.doc.Overall.Goals {
		texts = append(texts, g.Heading)
		texts = append(texts, g.Items...)
	}
	for _, m := range c.doc.Overall.Measures {
		texts = append(texts, m.Heading, m.Text)
	}
	total := c.doc.TotalBudget()
	for _, s := range texts {
		s = strings.ReplaceAll(s, " ", "")
		if !strings.Contains(s, "万元") || !strings.Contains(s, "项目") {
			continue // both patterns need both words
		}
		for _, re := range totalRes {
			m := re.FindStringSubmatchIndex(s)
			if m == nil {
				continue
			}
			stated, err := jixiao.ParseWan(s[m[2]:m[3]])
			if err != nil {
				continue
			}
			frag := quote(s[clauseStart(s, m[0]):m[1]], c.cfg.QuoteMax)
			if stated != total {
				c.addAt(Error, "", 0, fmt.Sprintf("第一部分写明项目预算总额%s万元（“%s”），第二部分%d个项目的预算数合计%s万元",
					stated.WanExact(), frag, len(c.doc.Projects), total.WanExact()),
					"核对各项目预算数和第一部分的总额，使两者相等")
			} else {
				c.addAt(Info, "", 0, fmt.Sprintf("第一部分写明的项目预算总额%s万元与第二部分%d个项目的预算数合计一致", stated.WanExact(), len(c.doc.Projects)),
					"无需修改")
			}
			return
		}
	}
}

// parseNum reads an Arabic or a Chinese number (八, 十二, 三百五十).
func parseNum(s string) (jixiao.Decimal, bool) {
	if s[0] >= '0' && s[0] <= '9' {
		d, err := jixiao.ParseDecimal(strings.ReplaceAll(s, ",", ""))
		return d, err == nil
	}
	digits := map[rune]int64{'零': 0, '〇': 0, '一': 1, '二': 2, '两': 2, '三': 3, '四': 4, '五': 5, '六': 6, '七': 7, '八': 8, '九': 9}
	mult := map[rune]int64{'十': 10, '百': 100, '千': 1000}
	var total, cur int64
	for _, r := range s {
		if d, ok := digits[r]; ok {
			cur = d
			continue
		}
		m, ok := mult[r]
		if !ok {
			return 0, false
		}
		if cur == 0 {
			cur = 1 // 十二: one ten
		}
		total += cur * m
		cur = 0
	}
	return jixiao.Dec(total + cur), true
}
