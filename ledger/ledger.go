// Package ledger is the regulator's own work records (工作台账): sampling
// batches, 双随机 random inspections, tip-offs and special-equipment
// checks (DOMAIN.md §7). Many indicators count exactly this work — "抽检批次
// 1000批次", "举报线索处置率 100%" — so an indicator's actual can be computed
// from the records (see Measure) and shown with the records that make it
// up, instead of being typed in with nothing behind it.
//
// The package is plain types and rules with no I/O; the store keeps the
// records and the web pages enter and show them.
package ledger

import (
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"jixiao"
	"jixiao/calendar"
)

// Kind is one kind of work record, with the words its ledger uses.
type Kind struct {
	Code string // stable name in the database and the API
	Name string // 抽检, 双随机检查 …
	// Subject and Item are the headings of the record's two text columns
	// for this kind: who was checked and what.
	Subject, Item string
	// Outcomes are the results a record of this kind may carry; a record
	// may also have none yet.
	Outcomes []string
	// Unit is the counting word of its records (批次, 次, 件).
	Unit string
	// Closed says what closes a record of this kind (出具检验结果), and
	// ClosedDate heads the date it happened; Days is how many working
	// days from the record's date the rules allow for it, 0 for no limit.
	Closed, ClosedDate string
	Days               int
}

// Kinds are the kinds of records, in the order the pages list them.
var Kinds = []Kind{
	// Food sampling: the lab's result within 20 working days.
	{Code: "sampling", Name: "抽检", Subject: "被抽样单位", Item: "样品名称",
		Outcomes: []string{"待检", "合格", "不合格"}, Unit: "批次",
		Closed: "出具检验结果", ClosedDate: "检验结果日期", Days: 20},
	// 双随机、一公开: results published within 20 working days.
	{Code: "inspection", Name: "双随机检查", Subject: "受检对象", Item: "检查事项",
		Outcomes: []string{"未发现问题", "发现问题"}, Unit: "次",
		Closed: "公示检查结果", ClosedDate: "结果公示日期", Days: 20},
	// Tip-offs: whether to open a case decided within 15 working days.
	{Code: "tipoff", Name: "投诉举报", Subject: "被举报对象", Item: "举报内容",
		Outcomes: []string{"办理中", "已处置", "不予受理"}, Unit: "件",
		Closed: "作出处理决定", ClosedDate: "处理决定日期", Days: 15},
	// Special equipment: hazards put right, by a date set case by case.
	{Code: "equipment", Name: "特种设备检查", Subject: "使用单位", Item: "检查设备",
		Outcomes: []string{"未发现隐患", "发现隐患", "隐患已整改"}, Unit: "次",
		Closed: "完成整改", ClosedDate: "整改完成日期"},
}

// KindOf finds a kind by its code or its Chinese name.
func KindOf(s string) (Kind, bool) {
	s = strings.TrimSpace(s)
	for _, k := range Kinds {
		if k.Code == s || k.Name == s {
			return k, true
		}
	}
	return Kind{}, false
}

// kindNames lists the kinds' names for error messages.
func kindNames() string {
	var names []string
	for _, k := range Kinds {
		names = append(names, k.Name)
	}
	return strings.Join(names, "、")
}

// Limits on a record's text, in characters, so that one bad row cannot
// fill the database.
const (
	MaxRef  = 100
	MaxText = 500
)

// Record is one piece of work done: a batch sampled, an enterprise
// inspected, a tip-off received, a device checked.
type Record struct {
	ID      int64
	Kind    string      // a Kind's Code
	Date    jixiao.Date // 抽样/检查/受理日期
	Ref     string      // 编号: sample, case or report number
	Subject string      // who was checked (see Kind.Subject)
	Item    string      // what (see Kind.Item)
	Outcome string      // one of the kind's Outcomes, or "" while open
	Note    string
	// Closed is when the record's matter was closed (see Kind.Closed),
	// zero while it is open. It may fall in the next year.
	Closed  jixiao.Date
	Entered jixiao.Stamp
}

// Check refuses a record that does not belong in year's ledger or whose
// fields are not what its kind allows. It says what is wrong in words a
// user can act on.
func (r Record) Check(year int) error {
	k, ok := KindOf(r.Kind)
	if !ok {
		return fmt.Errorf("类别“%s”不对：应为%s之一", r.Kind, kindNames())
	}
	if r.Date.IsZero() {
		return fmt.Errorf("缺少日期")
	}
	if r.Date.Y != year {
		return fmt.Errorf("日期 %s 不在 %d 年度", r.Date, year)
	}
	if strings.TrimSpace(r.Subject) == "" {
		return fmt.Errorf("缺少%s", k.Subject)
	}
	if !r.Closed.IsZero() && r.Closed.Before(r.Date) {
		return fmt.Errorf("%s %s 早于日期 %s", k.ClosedDate, r.Closed, r.Date)
	}
	if r.Outcome != "" && !slices.Contains(k.Outcomes, r.Outcome) {
		return fmt.Errorf("%s的结果“%s”不对：应为%s之一，或留空", k.Name, r.Outcome, strings.Join(k.Outcomes, "、"))
	}
	if n := utf8.RuneCountInString(r.Ref); n > MaxRef {
		return fmt.Errorf("编号有 %d 字，超过上限 %d 字", n, MaxRef)
	}
	for _, f := range []struct{ name, text string }{{k.Subject, r.Subject}, {k.Item, r.Item}, {"备注", r.Note}} {
		if n := utf8.RuneCountInString(f.text); n > MaxText {
			return fmt.Errorf("%s有 %d 字，超过上限 %d 字", f.name, n, MaxText)
		}
	}
	return nil
}

// Normalize gives a record its kind's code and trims its text, so that a
// record typed as "抽检" and one imported as "sampling" are the same.
func (r Record) Normalize() Record {
	if k, ok := KindOf(r.Kind); ok {
		r.Kind = k.Code
	}
	for _, f := range []*string{&r.Ref, &r.Subject, &r.Item, &r.Outcome, &r.Note} {
		*f = strings.TrimSpace(*f)
	}
	return r
}

// Deadline is the last day the record's kind allows for closing it,
// counted in working days from its date (calendar.AddWorkdays); exact is
// false when a year on the way has no holiday calendar on file. ok is
// false for a kind without a limit.
func (r Record) Deadline() (last jixiao.Date, exact, ok bool) {
	k, found := KindOf(r.Kind)
	if !found || k.Days == 0 {
		return jixiao.Date{}, false, false
	}
	last, exact = calendar.AddWorkdays(r.Date, k.Days)
	return last, exact, true
}

// OnTime reports whether the record was closed by its deadline.
func (r Record) OnTime() bool {
	last, _, ok := r.Deadline()
	return ok && !r.Closed.IsZero() && !last.Before(r.Closed)
}

// Late reports whether the record was closed after its deadline, or is
// still open with the deadline past as of today.
func (r Record) Late(today jixiao.Date) bool {
	last, _, ok := r.Deadline()
	if !ok {
		return false
	}
	if r.Closed.IsZero() {
		return last.Before(today)
	}
	return last.Before(r.Closed)
}

// KindCount tallies one kind's records: all of them, each outcome (in
// the order of Kind.Outcomes) and those late as of today.
type KindCount struct {
	Kind
	N, Late  int
	Outcomes []int
}

// Tally counts records by kind, in the order of Kinds, for the ledger's
// summaries on the page and the command line.
func Tally(records []Record, today jixiao.Date) []KindCount {
	out := make([]KindCount, len(Kinds))
	for i, k := range Kinds {
		out[i] = KindCount{Kind: k, Outcomes: make([]int, len(k.Outcomes))}
		for _, r := range records {
			if r.Kind != k.Code {
				continue
			}
			out[i].N++
			if r.Late(today) {
				out[i].Late++
			}
			if j := slices.Index(k.Outcomes, r.Outcome); j >= 0 {
				out[i].Outcomes[j]++
			}
		}
	}
	return out
}
