package jixiao

import "time"

// Spending is one payment against a project (执行数). Records are never
// edited in place: a correction is a new record that names the one it
// replaces (Replaces), so the history of what was entered stays whole.
type Spending struct {
	ID       int64
	Date     Date
	Amount   Fen
	Note     string
	Replaces int64 // ID of the record this one corrects, 0 if none
	Entered  Stamp
}

// Causes of deviation (偏差原因) on the monitoring form (DOMAIN.md §4).
var Causes = []string{"经费保障", "制度保障", "人员保障", "硬件条件保障", "其他"}

// Likelihoods of reaching the target (完成目标可能性).
var Likelihoods = []string{"确定能", "有可能", "完全不可能"}

// Grades an evaluator gives a qualitative indicator (DOMAIN.md §5).
var Grades = []string{"达成", "部分达成", "未达成"}

// Progress is one report of an indicator's value as of a date.
type Progress struct {
	ID         int64
	Indicator  int // 1-based position in its project
	AsOf       Date
	Value      string // as written; parsed with the target parser
	Cause      string // one of Causes, or ""
	Likelihood string // one of Likelihoods, or ""
	Measures   string // corrective measures (备注)
	Replaces   int64
	Entered    Stamp
}

// Evaluation is a project's year-end self-evaluation input (自评).
type Evaluation struct {
	AdjustedBudget Fen  // 全年预算数 (调整预算数)
	Executed       Fen  // 全年执行数, when given
	HasExecuted    bool // false: take it from the spending records
	Actuals        []Actual
	// Reason explains budget execution below the threshold (偏差原因).
	Reason  string
	Entered Stamp
}

// Actual is an indicator's year-end result.
type Actual struct {
	Indicator int    // 1-based position
	Value     string // as written, for quantitative indicators
	Grade     string // one of Grades, for qualitative indicators
	// Score, when set, is the evaluator's own score: inside the grade's band
	// for qualitative indicators, or an override that needs Reason.
	Score    Decimal
	HasScore bool
	Reason   string // 偏差原因分析及改进措施, and why a score was overridden
	// Source says where the value came from: "" for typed input, or the
	// name of a query over the unit's work records that computed it.
	Source string
}

// Stamp records who entered something and when.
type Stamp struct {
	By string
	At time.Time
}
