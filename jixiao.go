// Package jixiao holds the domain of budget performance management
// (预算绩效管理): a budget unit's yearly performance-goal document, its
// projects and indicators, and the records kept against them during and
// after the year. The package has no I/O; importers, storage, review,
// monitoring and scoring all work on these plain values.
package jixiao

import "fmt"

// Unit is a budget unit (预算单位), e.g. 414001 乐亭县市场监督管理局本级.
type Unit struct {
	Code string
	Name string
}

// Preset names an indicator taxonomy (DOMAIN.md §2). The example document
// follows 88号; newer documents may follow 101号, where 成本指标 is a 一级.
type Preset string

const (
	Preset88  Preset = "88"
	Preset101 Preset = "101"
)

// Document is one unit's performance goals for one fiscal year, in the
// two-part layout of the official template: part one (Overall) and part two
// (one goal table per project, in source order).
type Document struct {
	Unit     Unit
	Year     int
	Preset   Preset
	Overall  Overall
	Projects []Project
	// Version increases with every stored change; an edit made against an
	// older version is refused rather than silently overwriting (see store).
	Version int64
}

// Overall is part one of the document: 部门整体绩效目标.
type Overall struct {
	Goals        []GoalSection // 一、总体绩效目标
	ProjectGoals []ProjectGoal // 二、分项绩效目标, one per project
	Measures     []Measure     // 三、工作保障措施
}

// GoalSection is one numbered overall goal with its items (一是…二是…).
type GoalSection struct {
	Heading string
	Items   []string
}

// ProjectGoal is a 分项绩效目标 paragraph. It names its project in words, not
// by code; Document.ProjectGoalFor links the two by name.
type ProjectGoal struct {
	Project string
	Text    string
}

// Measure is one 工作保障措施 item. Heading is the lead sentence up to the
// first 。 when the item is written as "（一）heading。text".
type Measure struct {
	Heading string
	Text    string
}

// Project is one budget project with its goal table (一项一表).
type Project struct {
	Code    string // 项目编码
	Name    string // 项目名称
	Budget  Fen    // 预算数
	Fiscal  Fen    // 其中：财政资金
	Other   Fen    // 其他资金
	Purpose string // 资金用途
	Goal    string // 绩效目标
	Plan    []Checkpoint
	// Indicators in source order; their 1-based position is how records
	// (progress, actuals) refer to them, as FORMAT.md does.
	Indicators []Indicator
	Version    int64

	// Records kept against the project during and after the year. Goal
	// documents (text, Word, Excel) carry none; JSON exchange may.
	Spending   []Spending
	Progress   []Progress
	Evaluation *Evaluation
}

// Checkpoint is one point of the cumulative spending plan (资金支出计划):
// by this date, Percent of the budget is planned to be spent.
type Checkpoint struct {
	By      Date
	Percent Decimal
}

// Indicator is one row of the goal table.
type Indicator struct {
	Level1      string // 一级指标
	Level2      string // 二级指标
	Level3      string // 三级指标
	Description string // 绩效指标描述
	Value       string // 指标值, exactly as written
	Basis       string // 指标值确定依据
	Target      Target // Value parsed (see package target)
	// Weight is the indicator's points inside its 一级 when set (budget
	// systems export 权重); zero means "split evenly" (DOMAIN.md §5).
	Weight Decimal
}

// ProjectGoalFor returns the 分项绩效目标 paragraph naming project p, or
// false when part one has none for it.
func (d *Document) ProjectGoalFor(p *Project) (ProjectGoal, bool) {
	for _, g := range d.Overall.ProjectGoals {
		if SameName(g.Project, p.Name) {
			return g, true
		}
	}
	return ProjectGoal{}, false
}

// Project returns the project with the given code.
func (d *Document) Project(code string) (*Project, bool) {
	for i := range d.Projects {
		if d.Projects[i].Code == code {
			return &d.Projects[i], true
		}
	}
	return nil, false
}

// TotalBudget sums the projects' budgets.
func (d *Document) TotalBudget() Fen {
	var t Fen
	for _, p := range d.Projects {
		t += p.Budget
	}
	return t
}

// IndicatorCount counts indicators over all projects.
func (d *Document) IndicatorCount() int {
	n := 0
	for _, p := range d.Projects {
		n += len(p.Indicators)
	}
	return n
}

// Key identifies a document: one per unit and fiscal year.
type Key struct {
	Unit string
	Year int
}

func (k Key) String() string { return fmt.Sprintf("%s/%d", k.Unit, k.Year) }

// Key returns the document's identity.
func (d *Document) Key() Key { return Key{d.Unit.Code, d.Year} }
