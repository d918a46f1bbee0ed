// Package workflow is the review process of a unit's documents for a year,
// as a pure state machine: a department drafts and submits (报送), the
// finance bureau returns with comments (退回) or approves (审核通过), and
// approved documents are published (公开). The goals, the monitoring
// report and the self-evaluation go through it as separate tracks; the
// monitoring report is never published. Approved goals are
// locked: changing them needs an adjustment (调整) with a reason. The
// store keeps the states; this package only says what is allowed.
package workflow

import (
	"fmt"

	"jixiao"
	"jixiao/auth"
)

// State is where a track stands.
type State string

// The states, in their usual order.
const (
	Draft     State = "draft"
	Submitted State = "submitted"
	Returned  State = "returned"
	Approved  State = "approved"
	Published State = "published"
)

// States lists every state.
var States = []State{Draft, Submitted, Returned, Approved, Published}

// Label is the state's Chinese name.
func (s State) Label() string {
	switch s {
	case Draft:
		return "草稿"
	case Submitted:
		return "已报送"
	case Returned:
		return "已退回"
	case Approved:
		return "审核通过"
	case Published:
		return "已公开"
	}
	return string(s)
}

// Valid reports whether s is one of the states.
func (s State) Valid() bool {
	for _, x := range States {
		if s == x {
			return true
		}
	}
	return false
}

// Locked reports whether the track's content is signed off: changes need
// an adjustment first.
func (s State) Locked() bool { return s == Approved || s == Published }

// Track is which part of a unit's year goes through review.
type Track string

// The tracks. Monitoring is the year's monitoring report (the 1–7月
// 绩效目标执行监控表 of every project, DOMAIN.md §4), which the department
// submits to the finance bureau in August.
const (
	Goals      Track = "goals"      // 绩效目标
	Monitoring Track = "monitoring" // 运行监控
	Evaluation Track = "evaluation" // 绩效自评
)

// Tracks lists every track, in the order of the year.
var Tracks = []Track{Goals, Monitoring, Evaluation}

// Label is the track's Chinese name.
func (t Track) Label() string {
	switch t {
	case Goals:
		return "绩效目标"
	case Monitoring:
		return "运行监控"
	case Evaluation:
		return "绩效自评"
	}
	return string(t)
}

// Valid reports whether t is one of the tracks.
func (t Track) Valid() bool { return t == Goals || t == Monitoring || t == Evaluation }

// Publishable reports whether the track is published once approved: the
// goals and the self-evaluation are (DOMAIN.md §6); the monitoring report
// goes to the finance bureau only.
func (t Track) Publishable() bool { return t != Monitoring }

// moves are the allowed transitions and the action each needs.
var moves = map[State]map[State]auth.Action{
	Draft:     {Submitted: auth.Submit},
	Returned:  {Submitted: auth.Submit},
	Submitted: {Returned: auth.Return, Approved: auth.Approve},
	Approved:  {Published: auth.Publish},
}

// Action returns the action a move from one state to another needs, or an
// error saying why the move does not exist.
func Action(from, to State) (auth.Action, error) {
	if !to.Valid() {
		return "", fmt.Errorf("没有“%s”这个状态", to)
	}
	a, ok := moves[from][to]
	if !ok {
		return "", fmt.Errorf("不能从“%s”变为“%s”", from.Label(), to.Label())
	}
	return a, nil
}

// Check says whether u may move the unit's track from one state to
// another: the move must exist, the user be allowed its action on the
// unit, and a return must give the reason.
func Check(u *auth.User, unit string, track Track, from, to State, comment string) error {
	if !track.Valid() {
		return fmt.Errorf("没有“%s”这个审核环节", track)
	}
	a, err := Action(from, to)
	if err != nil {
		return fmt.Errorf("%s：%w", track.Label(), err)
	}
	if to == Published && !track.Publishable() {
		return fmt.Errorf("%s报财政部门审核，不对外公开", track.Label())
	}
	if !auth.Can(u, a, unit) {
		return fmt.Errorf("%s无权将单位 %s 的%s从“%s”变为“%s”", u.Label(), unit, track.Label(), from.Label(), to.Label())
	}
	if to == Returned && comment == "" {
		return fmt.Errorf("退回%s时须写明退回意见", track.Label())
	}
	return nil
}

// Next lists the states the user may move the track to from the state,
// for the buttons of a page.
func Next(u *auth.User, unit string, track Track, from State) []State {
	var out []State
	for _, to := range States {
		if to == Published && !track.Publishable() {
			continue
		}
		if a, ok := moves[from][to]; ok && auth.Can(u, a, unit) {
			out = append(out, to)
		}
	}
	return out
}

// PublishWithin is how many days approved goals have until they are
// published: 预算法 第十四条 has them published with the department budget
// within twenty days of its approval (DOMAIN.md §6).
const PublishWithin = 20

// PublishDue is the last day to publish goals approved on day approved.
func PublishDue(approved jixiao.Date) jixiao.Date {
	return jixiao.NewDate(approved.Y, approved.M, approved.D+PublishWithin)
}
