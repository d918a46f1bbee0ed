// Package auth says who may do what: the roles of the people who use the
// product, their unit scopes, and the one function, Can, that every page,
// command and API route asks before acting. It also hashes passwords,
// checks the password policy and makes session and API tokens. It knows
// nothing of the database; package store keeps users, sessions and tokens.
package auth

import (
	"strings"
	"time"
)

// Role is what a user is in the budget performance process.
type Role string

// The roles. Units are scoped per user (see User.Units).
const (
	// Admin is the system administrator: manages accounts and reads the
	// audit trail and every document, but does not edit or approve goals,
	// so that no one both keeps the system and signs off the money.
	Admin Role = "admin"
	// Reviewer is the finance bureau's reviewer (财政局审核人员): returns,
	// approves and publishes the documents of every unit of its region.
	Reviewer Role = "reviewer"
	// Editor is a department's editor (部门填报人员): fills in and submits
	// the goals, records and self-evaluation of its own unit(s).
	Editor Role = "editor"
	// Viewer is a department's reader (部门查看人员): sees its own unit's
	// drafts, changes nothing.
	Viewer Role = "viewer"
)

// Roles lists every role, for forms and validation.
var Roles = []Role{Admin, Reviewer, Editor, Viewer}

// Valid reports whether r is one of the roles.
func (r Role) Valid() bool {
	for _, x := range Roles {
		if r == x {
			return true
		}
	}
	return false
}

// Label is the role's Chinese name, for pages and messages.
func (r Role) Label() string {
	switch r {
	case Admin:
		return "系统管理员"
	case Reviewer:
		return "财政审核人员"
	case Editor:
		return "部门填报人员"
	case Viewer:
		return "部门查看人员"
	}
	return string(r)
}

// User is a person who signs in. The password hash and lock-out state are
// kept here too so that the store returns one value; never show them.
type User struct {
	ID      int64
	Name    string // login name, unique
	Display string // name shown on pages and in the audit trail
	Role    Role
	// Units is the user's scope. For a reviewer each entry is a region: a
	// unit-code prefix ("1302" covers every unit whose code starts with
	// it); no entry, or an empty one, covers every unit. For an editor or
	// viewer each entry is one unit code, matched exactly; no entry covers
	// nothing. An admin's scope is every unit.
	Units        []string
	PasswordHash string
	MustChange   bool // the password was set by someone else: change it at next login
	Disabled     bool
	Failed       int       // failed logins since the last success
	LockedUntil  time.Time // zero when not locked
	Created      time.Time
	Updated      time.Time
}

// Covers reports whether the unit is within the user's scope.
func (u *User) Covers(unit string) bool {
	if u == nil {
		return false
	}
	switch u.Role {
	case Admin:
		return true
	case Reviewer:
		if len(u.Units) == 0 {
			return true
		}
		for _, p := range u.Units {
			if strings.HasPrefix(unit, p) {
				return true
			}
		}
	case Editor, Viewer:
		for _, c := range u.Units {
			if c != "" && c == unit {
				return true
			}
		}
	}
	return false
}

// Locked reports whether the account is locked out at the instant.
func (u *User) Locked(at time.Time) bool {
	return u != nil && !u.LockedUntil.IsZero() && at.Before(u.LockedUntil)
}

// Label names the user for pages and the audit trail: display name and
// login name.
func (u *User) Label() string {
	if u == nil {
		return "公众"
	}
	if u.Display == "" || u.Display == u.Name {
		return u.Name
	}
	return u.Display + "（" + u.Name + "）"
}

// Action is something a user may ask to do with a unit's documents.
type Action string

// The actions Can decides on.
const (
	ViewPublished  Action = "view-published"  // read a published document (anyone)
	ViewDraft      Action = "view-draft"      // read a document not yet published
	EditGoals      Action = "edit-goals"      // change goal tables (绩效目标)
	EditRecords    Action = "edit-records"    // enter spending and progress (运行监控)
	EditEvaluation Action = "edit-evaluation" // enter the self-evaluation (绩效自评)
	Submit         Action = "submit"          // send to the finance bureau (报送)
	Return         Action = "return"          // send back with comments (退回)
	Approve        Action = "approve"         // 审核通过
	Publish        Action = "publish"         // 公开
	Adjust         Action = "adjust"          // allow a change to approved goals (调整)
	ManageUsers    Action = "manage-users"    // accounts; the unit is ignored
	ViewAudit      Action = "view-audit"      // read the audit trail of the unit
)

// Actions lists every action, for tests and documentation.
var Actions = []Action{ViewPublished, ViewDraft, EditGoals, EditRecords, EditEvaluation,
	Submit, Return, Approve, Publish, Adjust, ManageUsers, ViewAudit}

// rights says what each role may do within its scope.
var rights = map[Role]map[Action]bool{
	Admin:    {ViewDraft: true, ManageUsers: true, ViewAudit: true},
	Reviewer: {ViewDraft: true, Return: true, Approve: true, Publish: true, Adjust: true, ViewAudit: true},
	Editor:   {ViewDraft: true, EditGoals: true, EditRecords: true, EditEvaluation: true, Submit: true, ViewAudit: true},
	Viewer:   {ViewDraft: true},
}

// Can reports whether u may do the action on the unit's documents. u is
// nil for the anonymous public. It is the only place the rules live:
// everyone may read what is published; a disabled or locked-out account
// counts as the public; otherwise the role must have the right and the
// unit must be in the user's scope (ManageUsers ignores the unit).
func Can(u *User, action Action, unit string) bool {
	if action == ViewPublished {
		return true
	}
	if u == nil || u.Disabled {
		return false
	}
	if !rights[u.Role][action] {
		return false
	}
	if action == ManageUsers {
		return true
	}
	return u.Covers(unit)
}
