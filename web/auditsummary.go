package web

import (
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"

	"jixiao"
	"jixiao/auth"
	"jixiao/jsondoc"
	"jixiao/ledger"
	"jixiao/store"
	"jixiao/workflow"
)

// The audit trail keeps each change as JSON images of what was stored
// before and after (store/audit.go). A reviewer reading the trail wants
// the change in the words of the forms: 预算数 in 万元, the plan by 月底,
// an indicator by its position and name. describe says that for every
// action the unit's trail holds, and falls back to summarise's field list
// for an image it cannot read (an entry written by an older version).

// indicatorNamer names indicator n (1-based) of project code as the
// document now stands, "" when it has no such indicator.
type indicatorNamer func(code string, n int) string

// describe lists the lines that say what an entry changed.
func describe(e store.AuditEntry, name indicatorNamer) []string {
	var lines []string
	var err error
	switch e.Action {
	case store.AuditDocumentSave:
		lines, err = documentLines(e.After)
	case store.AuditGoalsAdd, store.AuditGoalsChange, store.AuditGoalsRemove:
		lines, err = goalLines(e.Before, e.After)
	case store.AuditTransition:
		lines, err = transitionLines(e.Object, e.Before, e.After)
	case store.AuditAdjustment:
		lines, err = adjustmentLines(e.After)
	case store.AuditEvaluationSave:
		lines, err = evaluationLines(e.Before, e.After, func(n int) string { return name(e.Project, n) })
	case store.AuditSpendingAdd:
		lines, err = spendingLines(e.Before, e.After)
	case store.AuditProgressAdd:
		lines, err = progressLines(e.Before, e.After, func(n int) string { return name(e.Project, n) })
	case store.AuditSpendingImport, store.AuditProgressImport:
		lines, err = recordsImportLines(e.Action, e.Before, e.After)
	case store.AuditRemark:
		lines, err = remarkLines(e.Before, e.After)
	case store.AuditOverall:
		lines, err = overallLines(e.Before, e.After)
	case store.AuditLedgerAdd, store.AuditLedgerWithdraw:
		lines, err = ledgerLines(e.Action, e.Before, e.After)
	case store.AuditLedgerClose, store.AuditLedgerCorrect:
		lines, err = recordChangeLines(e.Before, e.After)
	case store.AuditLedgerMeasure:
		lines, err = measureLines(e.Before, e.After)
	case store.AuditUserCreate, store.AuditUserUpdate, store.AuditUserPassword, store.AuditUserDisable, store.AuditUserEnable:
		lines, err = accountLines(e.Before, e.After)
	case store.AuditUserLocked:
		lines, err = lockedLines(e.After)
	case store.AuditTokenCreate, store.AuditTokenRevoke:
		lines, err = tokenLines(e.Before, e.After)
	default:
		return summarise(e.Before, e.After)
	}
	if err != nil {
		return summarise(e.Before, e.After)
	}
	return lines
}

// auditObject names what an entry's Object refers to: a record by its
// number, a version of the self-evaluation, a review track.
func auditObject(e store.AuditEntry) string {
	kind, id, numbered := strings.Cut(e.Object, ":")
	switch {
	case e.Action == store.AuditTransition:
		return workflow.Track(e.Object).Label()
	case numbered && kind == "spending":
		return "支出记录 #" + id
	case numbered && kind == "progress":
		return "进度记录 #" + id
	case numbered && kind == "evaluation":
		return "自评第 " + id + " 版"
	case numbered && kind == "remark":
		return "审核人意见第 " + id + " 版"
	case numbered && kind == "user":
		return id
	case numbered && kind == "ledger":
		return "台账记录 #" + id
	case numbered && kind == "indicator":
		return "指标 " + id
	}
	return e.Object
}

// decodeBoth reads an entry's before and after images; an empty one is
// T's zero value.
func decodeBoth[T any](before, after string) (b, a T, err error) {
	if err = decode(before, &b); err == nil {
		err = decode(after, &a)
	}
	return b, a, err
}

// decode reads one image; an empty image leaves v as it is.
func decode(image string, v any) error {
	if image == "" {
		return nil
	}
	return json.Unmarshal([]byte(image), v)
}

// documentLines says how many projects a save added, changed and removed.
func documentLines(after string) ([]string, error) {
	var c jixiao.Change
	if err := decode(after, &c); err != nil {
		return nil, err
	}
	var parts []string
	for _, p := range []struct {
		label string
		n     int
	}{{"新增", len(c.Added)}, {"修改", len(c.Changed)}, {"删除", len(c.Removed)}, {"未变", c.Same}} {
		if p.n > 0 {
			parts = append(parts, fmt.Sprintf("%s %d 个", p.label, p.n))
		}
	}
	line := fmt.Sprintf("共 %d 个项目", c.Projects)
	if len(parts) > 0 {
		line += "：" + strings.Join(parts, "，")
	}
	if c.New {
		line = "首次导入，" + line
	}
	return []string{line}, nil
}

// goalLines describes a goal table added (before empty), removed (after
// empty) or changed: the whole table's key figures for the first two,
// what differs for a change.
func goalLines(before, after string) ([]string, error) {
	var b, a *jixiao.Project
	if before != "" {
		b = new(jixiao.Project)
		if err := decode(before, b); err != nil {
			return nil, err
		}
	}
	if after != "" {
		a = new(jixiao.Project)
		if err := decode(after, a); err != nil {
			return nil, err
		}
	}
	switch {
	case b == nil && a == nil:
		return nil, nil
	case b == nil:
		return goalTableLines(a), nil
	case a == nil:
		return goalTableLines(b), nil
	}
	var out []string
	field := func(label, was, now string) {
		if was != now {
			out = append(out, fmt.Sprintf("%s：%s → %s", label, orNone(short(was)), orNone(short(now))))
		}
	}
	field("项目名称", b.Name, a.Name)
	field("预算数（万元）", b.Budget.Wan(), a.Budget.Wan())
	field("财政资金（万元）", b.Fiscal.Wan(), a.Fiscal.Wan())
	field("其他资金（万元）", b.Other.Wan(), a.Other.Wan())
	field("资金用途", b.Purpose, a.Purpose)
	field("绩效目标", b.Goal, a.Goal)
	out = append(out, planDiff(b.Plan, a.Plan)...)
	for i := range max(len(b.Indicators), len(a.Indicators)) {
		switch {
		case i >= len(a.Indicators):
			out = append(out, fmt.Sprintf("删除第 %d 个指标：%s", i+1, indicatorText(b.Indicators[i])))
		case i >= len(b.Indicators):
			out = append(out, fmt.Sprintf("新增第 %d 个指标：%s", i+1, indicatorText(a.Indicators[i])))
		default:
			if d := indicatorDiff(b.Indicators[i], a.Indicators[i]); d != "" {
				out = append(out, fmt.Sprintf("第 %d 个指标“%s”：%s", i+1, a.Indicators[i].Level3, d))
			}
		}
	}
	if len(out) == 0 {
		out = append(out, "指标的解析结果或权重变化（表中文字未变）")
	}
	return out, nil
}

// goalTableLines sums up a whole goal table.
func goalTableLines(p *jixiao.Project) []string {
	out := []string{
		"项目名称：" + p.Name,
		fmt.Sprintf("预算数 %s 万元（财政资金 %s，其他资金 %s）", p.Budget.Wan(), p.Fiscal.Wan(), p.Other.Wan()),
	}
	if len(p.Plan) > 0 {
		out = append(out, "资金支出计划："+planText(p.Plan))
	}
	var levels []string
	count := map[string]int{}
	for _, in := range p.Indicators {
		if count[in.Level1] == 0 {
			levels = append(levels, in.Level1)
		}
		count[in.Level1]++
	}
	var parts []string
	for _, l := range levels {
		parts = append(parts, fmt.Sprintf("%s %d", orNone(l), count[l]))
	}
	line := fmt.Sprintf("绩效指标 %d 个", len(p.Indicators))
	if len(parts) > 0 {
		line += "（" + strings.Join(parts, "，") + "）"
	}
	return append(out, line)
}

// planText writes a spending plan as the form's row does: 3月底 25%，…
func planText(plan []jixiao.Checkpoint) string {
	parts := make([]string, len(plan))
	for i, c := range plan {
		pc := planCellOf(c)
		parts[i] = pc.Label + " " + pc.Percent
	}
	return strings.Join(parts, "，")
}

// planDiff says how a spending plan changed: the points that moved when
// the plan keeps its dates, else the whole plan before and after.
func planDiff(b, a []jixiao.Checkpoint) []string {
	if slices.Equal(b, a) {
		return nil
	}
	same := len(b) == len(a)
	for i := 0; same && i < len(b); i++ {
		same = b[i].By == a[i].By
	}
	if !same {
		return []string{fmt.Sprintf("资金支出计划：%s → %s", orNone(planText(b)), orNone(planText(a)))}
	}
	var parts []string
	for i := range b {
		if b[i].Percent != a[i].Percent {
			was, now := planCellOf(b[i]), planCellOf(a[i])
			parts = append(parts, fmt.Sprintf("%s %s → %s", now.Label, was.Percent, now.Percent))
		}
	}
	return []string{"资金支出计划：" + strings.Join(parts, "，")}
}

// indicatorText is an indicator's row in one line.
func indicatorText(in jixiao.Indicator) string {
	s := strings.Join(slices.DeleteFunc([]string{in.Level1, in.Level2, in.Level3}, func(s string) bool { return s == "" }), " / ")
	return short(fmt.Sprintf("%s，指标值 %s", s, orNone(in.Value)))
}

// indicatorDiff lists the cells of an indicator's row that differ.
func indicatorDiff(b, a jixiao.Indicator) string {
	var parts []string
	for _, c := range []struct{ label, was, now string }{
		{"一级指标", b.Level1, a.Level1},
		{"二级指标", b.Level2, a.Level2},
		{"三级指标", b.Level3, a.Level3},
		{"绩效指标描述", b.Description, a.Description},
		{"指标值", b.Value, a.Value},
		{"指标值确定依据", b.Basis, a.Basis},
		{"权重", weightText(b.Weight), weightText(a.Weight)},
	} {
		if c.was != c.now {
			parts = append(parts, fmt.Sprintf("%s %s → %s", c.label, orNone(short(c.was)), orNone(short(c.now))))
		}
	}
	return strings.Join(parts, "；")
}

func weightText(w jixiao.Decimal) string {
	if w == 0 {
		return ""
	}
	return w.String() + " 分"
}

// orNone shows an empty cell as （空）.
func orNone(s string) string {
	if s == "" {
		return "（空）"
	}
	return s
}

// transitionLines says which track moved from which state to which, with
// the comment given.
func transitionLines(track, before, after string) ([]string, error) {
	b, a, err := decodeBoth[struct{ State, Comment string }](before, after)
	if err != nil {
		return nil, err
	}
	out := []string{fmt.Sprintf("%s：%s → %s", workflow.Track(track).Label(),
		workflow.State(b.State).Label(), workflow.State(a.State).Label())}
	if a.Comment != "" {
		out = append(out, "意见："+a.Comment)
	}
	return out, nil
}

// adjustmentLines gives an adjustment's reason and the state it opened.
func adjustmentLines(after string) ([]string, error) {
	var a struct{ Reason, State string }
	if err := decode(after, &a); err != nil {
		return nil, err
	}
	return []string{"调整原因：" + a.Reason, "调整时绩效目标状态：" + workflow.State(a.State).Label()}, nil
}

// evaluationLines describes a self-evaluation saved: its figures when it
// is the first, what differs from the version before otherwise.
func evaluationLines(before, after string, name func(int) string) ([]string, error) {
	b, a, err := decodeBoth[jsondoc.Evaluation](before, after)
	if err != nil {
		return nil, err
	}
	first := before == ""
	var out []string
	field := func(label, was, now string) {
		switch {
		case first && now != "":
			out = append(out, label+"："+short(now))
		case !first && was != now:
			out = append(out, fmt.Sprintf("%s：%s → %s", label, orNone(short(was)), orNone(short(now))))
		}
	}
	executed := func(e jsondoc.Evaluation) string {
		if e.ExecutedFen == nil {
			return "取自支出记录"
		}
		return jixiao.Fen(*e.ExecutedFen).Wan()
	}
	field("全年预算数（万元）", jixiao.Fen(b.AdjustedBudgetFen).Wan(), jixiao.Fen(a.AdjustedBudgetFen).Wan())
	field("全年执行数（万元）", executed(b), executed(a))
	field("执行偏差原因", b.Reason, a.Reason)
	was := map[int]jsondoc.Actual{}
	for _, x := range b.Actuals {
		was[x.Indicator] = x
	}
	for _, x := range a.Actuals {
		label := fmt.Sprintf("第 %d 个指标", x.Indicator)
		if n := name(x.Indicator); n != "" {
			label += "“" + n + "”"
		}
		field(label, actualText(was[x.Indicator]), actualText(x))
		delete(was, x.Indicator)
	}
	for _, n := range slices.Sorted(maps.Keys(was)) {
		out = append(out, fmt.Sprintf("第 %d 个指标：删除完成值 %s", n, actualText(was[n])))
	}
	if len(out) == 0 {
		out = append(out, "内容未变，重新保存")
	}
	return out, nil
}

// actualText is an indicator's year-end result in one phrase.
func actualText(x jsondoc.Actual) string {
	var parts []string
	if x.Value != "" {
		parts = append(parts, x.Value)
	}
	if x.Grade != "" {
		parts = append(parts, x.Grade)
	}
	if x.Score != "" {
		parts = append(parts, "评价人评分 "+x.Score)
	}
	if x.Reason != "" {
		parts = append(parts, "偏差原因 "+x.Reason)
	}
	if x.Source != "" {
		parts = append(parts, "来源 "+x.Source)
	}
	return strings.Join(parts, "，")
}

// auditSpendingImage is a spending record as the trail keeps it.
type auditSpendingImage struct {
	ID int64 `json:"id"`
	jsondoc.Spending
}

// spendingLines describes a payment entered, or a correction: the record
// corrected and what replaces it.
func spendingLines(before, after string) ([]string, error) {
	b, a, err := decodeBoth[auditSpendingImage](before, after)
	if err != nil {
		return nil, err
	}
	now := spendingText(a.Spending)
	if before == "" {
		return []string{now}, nil
	}
	return []string{fmt.Sprintf("更正支出记录 #%d：%s", b.ID, spendingText(b.Spending)), "更正为：" + now}, nil
}

func spendingText(s jsondoc.Spending) string {
	t := fmt.Sprintf("%s 支出 %s 万元", s.Date, jixiao.Fen(s.AmountFen).Wan())
	if s.Note != "" {
		t += "，摘要：" + short(s.Note)
	}
	return t
}

// auditProgressImage is a progress report as the trail keeps it.
type auditProgressImage struct {
	ID int64 `json:"id"`
	jsondoc.Progress
}

// progressLines describes a progress report entered, or a correction.
func progressLines(before, after string, name func(int) string) ([]string, error) {
	b, a, err := decodeBoth[auditProgressImage](before, after)
	if err != nil {
		return nil, err
	}
	now := progressText(a.Progress, name)
	if before == "" {
		return []string{now}, nil
	}
	return []string{fmt.Sprintf("更正进度记录 #%d：%s", b.ID, progressText(b.Progress, name)), "更正为：" + now}, nil
}

func progressText(p jsondoc.Progress, name func(int) string) string {
	t := fmt.Sprintf("第 %d 个指标", p.Indicator)
	if n := name(p.Indicator); n != "" {
		t += "“" + n + "”"
	}
	t += fmt.Sprintf("截至 %s 完成值：%s", p.AsOf, orNone(p.Value))
	for _, f := range []struct{ label, v string }{{"偏差原因", p.Cause}, {"完成目标可能性", p.Likelihood}, {"改进措施", p.Measures}} {
		if f.v != "" {
			t += "；" + f.label + "：" + short(f.v)
		}
	}
	return t
}

// recordsImportLines says how many records an import put in place of how
// many.
func recordsImportLines(action, before, after string) ([]string, error) {
	b, a, err := decodeBoth[[]json.RawMessage](before, after)
	if err != nil {
		return nil, err
	}
	kind := "进度记录"
	if action == store.AuditSpendingImport {
		kind = "支出记录"
	}
	line := fmt.Sprintf("导入%s %d 条", kind, len(a))
	if len(b) > 0 {
		line += fmt.Sprintf("，替换原有 %d 条", len(b))
	}
	return []string{line}, nil
}

// remarkLines gives a reviewer's remark and grade as they were and as
// they became.
func remarkLines(before, after string) ([]string, error) {
	b, a, err := decodeBoth[struct{ Text, Grade string }](before, after)
	if err != nil {
		return nil, err
	}
	var out []string
	switch {
	case before == "":
		if a.Text != "" {
			out = append(out, "审核人意见："+short(a.Text))
		}
	case after == "":
		out = append(out, "删除审核人意见（原为："+short(b.Text)+"）")
	case a.Text != b.Text:
		out = append(out, fmt.Sprintf("审核人意见：%s → %s", orNone(short(b.Text)), orNone(short(a.Text))))
	}
	if a.Grade != b.Grade {
		out = append(out, fmt.Sprintf("审核人评级：%s → %s", orDefault(b.Grade), orDefault(a.Grade)))
	}
	return out, nil
}

// orDefault shows an empty reviewer's grade as the review's own.
func orDefault(g string) string {
	if g == "" {
		return "采用系统评级"
	}
	return g
}

// accountImage is an account as the trail keeps it (store.auditUser).
type accountImage struct {
	Name       string   `json:"username"`
	Display    string   `json:"display_name"`
	Role       string   `json:"role"`
	Units      []string `json:"units"`
	MustChange bool     `json:"must_change"`
	Disabled   bool     `json:"disabled"`
}

// accountFields are an account's fields in words.
func accountFields(a accountImage) [][2]string {
	scope := strings.Join(a.Units, "、")
	if scope == "" {
		scope = "全部单位"
	}
	state := "正常"
	if a.Disabled {
		state = "停用"
	}
	must := ""
	if a.MustChange {
		must = "下次登录须修改密码"
	}
	return [][2]string{{"姓名", a.Display}, {"角色", auth.Role(a.Role).Label()}, {"单位范围", scope}, {"状态", state}, {"密码", must}}
}

// accountLines describes an account made (its fields) or changed (the
// fields that differ, or that only the password was set).
func accountLines(before, after string) ([]string, error) {
	b, a, err := decodeBoth[accountImage](before, after)
	if err != nil {
		return nil, err
	}
	var out []string
	bf, af := accountFields(b), accountFields(a)
	for i, f := range af {
		switch {
		case before == "" && f[1] != "":
			out = append(out, f[0]+"："+f[1])
		case before != "" && bf[i][1] != f[1]:
			out = append(out, fmt.Sprintf("%s：%s → %s", f[0], orNone(bf[i][1]), orNone(f[1])))
		}
	}
	if len(out) == 0 {
		out = append(out, "密码已重设")
	}
	return out, nil
}

// lockedLines says until when an account is locked out.
func lockedLines(after string) ([]string, error) {
	var a struct {
		Until string `json:"locked_until"`
	}
	if err := decode(after, &a); err != nil {
		return nil, err
	}
	until := a.Until
	if t, err := time.Parse(time.RFC3339Nano, a.Until); err == nil {
		until = t.In(china).Format("2006-01-02 15:04")
	}
	return []string{"连续登录失败，锁定至 " + until}, nil
}

// tokenLines names the API token made or revoked.
func tokenLines(before, after string) ([]string, error) {
	var t struct {
		ID   int64  `json:"token_id"`
		Name string `json:"name"`
	}
	image := after
	if image == "" {
		image = before
	}
	if err := decode(image, &t); err != nil {
		return nil, err
	}
	if t.Name != "" {
		return []string{fmt.Sprintf("令牌“%s”（编号 %d）", t.Name, t.ID)}, nil
	}
	return []string{fmt.Sprintf("令牌编号 %d", t.ID)}, nil
}

// overallLines describes part one set (its parts counted) or changed
// (each goal section, 分项 paragraph and measure that differs).
func overallLines(before, after string) ([]string, error) {
	b, a, err := decodeBoth[jixiao.Overall](before, after)
	if err != nil {
		return nil, err
	}
	if before == "" {
		return []string{fmt.Sprintf("总体绩效目标 %d 项，分项绩效目标 %d 段，工作保障措施 %d 条",
			len(a.Goals), len(a.ProjectGoals), len(a.Measures))}, nil
	}
	var out []string
	for i := range max(len(b.Goals), len(a.Goals)) {
		switch {
		case i >= len(a.Goals):
			out = append(out, fmt.Sprintf("删除总体目标第 %d 项“%s”", i+1, short(b.Goals[i].Heading)))
		case i >= len(b.Goals):
			out = append(out, fmt.Sprintf("新增总体目标第 %d 项“%s”", i+1, short(a.Goals[i].Heading)))
		case b.Goals[i].Heading != a.Goals[i].Heading:
			out = append(out, fmt.Sprintf("总体目标第 %d 项：%s → %s", i+1, short(b.Goals[i].Heading), short(a.Goals[i].Heading)))
		case !slices.Equal(b.Goals[i].Items, a.Goals[i].Items):
			out = append(out, fmt.Sprintf("总体目标第 %d 项“%s”的内容修改", i+1, short(a.Goals[i].Heading)))
		}
	}
	was := map[string]string{}
	for _, g := range b.ProjectGoals {
		was[g.Project] = g.Text
	}
	for _, g := range a.ProjectGoals {
		old, ok := was[g.Project]
		switch {
		case !ok:
			out = append(out, fmt.Sprintf("新增分项绩效目标“%s”", g.Project))
		case old != g.Text:
			out = append(out, fmt.Sprintf("分项绩效目标“%s”：%s → %s", g.Project, short(old), short(g.Text)))
		}
		delete(was, g.Project)
	}
	for _, name := range slices.Sorted(maps.Keys(was)) {
		out = append(out, fmt.Sprintf("删除分项绩效目标“%s”", name))
	}
	if !slices.Equal(b.Measures, a.Measures) {
		out = append(out, fmt.Sprintf("工作保障措施修改（%d 条 → %d 条）", len(b.Measures), len(a.Measures)))
	}
	if len(out) == 0 {
		out = append(out, "部门整体绩效目标修改")
	}
	return out, nil
}

// ledgerLinesShown bounds how many records of one import the trail lists
// in words; the rest are counted.
const ledgerLinesShown = 10

// ledgerLines lists the work records an entry added or withdrew.
func ledgerLines(action, before, after string) ([]string, error) {
	image := after
	verb := "录入"
	if action == store.AuditLedgerWithdraw {
		image, verb = before, "撤销"
	}
	var rs []ledgerImage
	if err := decode(image, &rs); err != nil {
		return nil, err
	}
	var out []string
	if len(rs) > 1 {
		out = append(out, fmt.Sprintf("%s %d 条台账记录", verb, len(rs)))
	}
	for i, r := range rs {
		if i == ledgerLinesShown {
			out = append(out, fmt.Sprintf("……另有 %d 条", len(rs)-i))
			break
		}
		parts := []string{r.Date, kindName(r.Kind)}
		for _, x := range []string{r.Ref, r.Subject, r.Item, r.Outcome, r.Note} {
			if x != "" {
				parts = append(parts, short(x))
			}
		}
		if r.Closed != "" {
			parts = append(parts, r.Closed+"办结")
		}
		line := strings.Join(parts, " ")
		if len(rs) == 1 {
			line = verb + "：" + line
		}
		out = append(out, line)
	}
	return out, nil
}

// ledgerImage is a work record as the audit trail keeps it.
type ledgerImage struct{ Kind, Date, Ref, Subject, Item, Outcome, Note, Closed string }

// recordChangeLines says which fields of a work record a closing or a
// correction changed.
func recordChangeLines(before, after string) ([]string, error) {
	bs, as, err := decodeBoth[[]ledgerImage](before, after)
	if err != nil {
		return nil, err
	}
	if len(bs) != 1 || len(as) != 1 {
		return nil, fmt.Errorf("台账记录的前后影像应各有一条")
	}
	b, a := bs[0], as[0]
	var out []string
	for _, f := range []struct{ name, b, a string }{
		{"类别", kindName(b.Kind), kindName(a.Kind)}, {"日期", b.Date, a.Date}, {"编号", b.Ref, a.Ref},
		{"对象", b.Subject, a.Subject}, {"事项", b.Item, a.Item}, {"结果", b.Outcome, a.Outcome},
		{"备注", b.Note, a.Note}, {"办结日期", b.Closed, a.Closed},
	} {
		if f.a != f.b {
			out = append(out, fmt.Sprintf("%s：%s → %s", f.name, orNone(short(f.b)), orNone(short(f.a))))
		}
	}
	return out, nil
}

// kindName is a kind's Chinese name, or the code as stored when unknown.
func kindName(code string) string {
	if k, ok := ledger.KindOf(code); ok {
		return k.Name
	}
	return code
}

// measureLines says how an indicator's counting from the ledger changed.
func measureLines(before, after string) ([]string, error) {
	b, a, err := decodeBoth[struct{ Indicator, Measure string }](before, after)
	if err != nil {
		return nil, err
	}
	switch {
	case after == "":
		return []string{fmt.Sprintf("指标“%s”不再从台账取数（原为：%s）", b.Indicator, b.Measure)}, nil
	case before == "":
		return []string{fmt.Sprintf("指标“%s”从台账取数：%s", a.Indicator, a.Measure)}, nil
	}
	return []string{fmt.Sprintf("指标“%s”的台账取数：%s → %s", a.Indicator, b.Measure, a.Measure)}, nil
}
