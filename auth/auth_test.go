package auth

import (
	"strings"
	"testing"
	"time"
)

// TestCan checks every role × action on a unit inside and outside the
// user's scope against the rules written out here once more.
func TestCan(t *testing.T) {
	users := map[Role]*User{
		Admin:    {Name: "a", Role: Admin},
		Reviewer: {Name: "r", Role: Reviewer, Units: []string{"1302"}},
		Editor:   {Name: "e", Role: Editor, Units: []string{"130201"}},
		Viewer:   {Name: "v", Role: Viewer, Units: []string{"130201"}},
	}
	const own, other = "130201", "414001"
	// want[role][action] = {own unit, other unit}
	want := map[Role]map[Action][2]bool{
		Admin: {ViewPublished: {true, true}, ViewDraft: {true, true}, ManageUsers: {true, true}, ViewAudit: {true, true}},
		Reviewer: {ViewPublished: {true, true}, ViewDraft: {true, false}, Return: {true, false}, Approve: {true, false},
			Publish: {true, false}, Adjust: {true, false}, ViewAudit: {true, false}},
		Editor: {ViewPublished: {true, true}, ViewDraft: {true, false}, EditGoals: {true, false}, EditRecords: {true, false},
			EditEvaluation: {true, false}, Submit: {true, false}, ViewAudit: {true, false}},
		Viewer: {ViewPublished: {true, true}, ViewDraft: {true, false}},
	}
	for _, r := range Roles {
		for _, a := range Actions {
			for i, unit := range []string{own, other} {
				if got := Can(users[r], a, unit); got != want[r][a][i] {
					t.Errorf("Can(%s, %s, %s) = %v", r, a, unit, got)
				}
			}
		}
	}
	for _, a := range Actions {
		if got := Can(nil, a, own); got != (a == ViewPublished) {
			t.Errorf("anonymous %s: %v", a, got)
		}
		for _, r := range Roles {
			u := *users[r]
			u.Disabled = true
			if got := Can(&u, a, own); got != (a == ViewPublished) {
				t.Errorf("disabled %s %s: %v", r, a, got)
			}
		}
	}
}

func TestScope(t *testing.T) {
	all := &User{Role: Reviewer}
	if !all.Covers("999") || !(&User{Role: Reviewer, Units: []string{""}}).Covers("1") {
		t.Error("a reviewer without region covers every unit")
	}
	two := &User{Role: Editor, Units: []string{"1", "2"}}
	if !two.Covers("2") || two.Covers("21") || two.Covers("") {
		t.Error("an editor covers exactly its units")
	}
	if (&User{Role: Editor}).Covers("") || (&User{Role: Viewer, Units: []string{""}}).Covers("") {
		t.Error("an editor without units covers nothing")
	}
	if !Can(&User{Role: Reviewer, Units: []string{"13", "41"}}, Approve, "414001") {
		t.Error("second region")
	}
	if Can(&User{Role: "boss"}, ViewDraft, "1") {
		t.Error("unknown role has no rights")
	}
}

func TestPassword(t *testing.T) {
	cheap := Cost{MemoryKiB: 64, Passes: 1, Lanes: 1}
	h, err := hashWith("正确的密码Abc1", cheap)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(h, "$argon2id$v=19$m=64,t=1,p=1$") {
		t.Fatal(h)
	}
	if ok, err := CheckPassword(h, "正确的密码Abc1"); !ok || err != nil {
		t.Fatal("right password refused", err)
	}
	if ok, _ := CheckPassword(h, "正确的密码Abc2"); ok {
		t.Fatal("wrong password accepted")
	}
	h2, _ := hashWith("正确的密码Abc1", cheap)
	if h2 == h {
		t.Fatal("salt not random")
	}
	for _, bad := range []string{"", "plain", "$argon2id$v=19$m=x$a$b", "$md5$v=19$m=64,t=1,p=1$a$b",
		"$argon2id$v=19$m=64,t=1,p=1$!!$b", "$argon2id$v=18$m=64,t=1,p=1$YQ$Yg", "$argon2id$v=19$m=99999999,t=1,p=1$YQ$Yg"} {
		if _, err := CheckPassword(bad, "x"); err == nil {
			t.Errorf("%q accepted as hash", bad)
		}
	}
	full, err := HashPassword("Aa1!aaaaaa")
	if err != nil || !strings.Contains(full, "$m=19456,t=2,p=1$") {
		t.Fatal(full, err)
	}
	if ok, _ := CheckPassword(full, "Aa1!aaaaaa"); !ok {
		t.Fatal("default cost does not verify")
	}
}

func TestPolicy(t *testing.T) {
	for _, c := range []struct {
		user, pw string
		ok       bool
		msg      string
	}{
		{"zhang", "Abcdefgh12", true, ""},
		{"zhang", "abcdefgh1!", true, ""},
		{"zhang", "预算绩效管理abcd12", true, ""},
		{"zhang", "Abc12!", false, "太短"},
		{"zhang", "abcdefghij", false, "太简单"},
		{"zhang", "abcdefgh12", false, "只有 2 类"},
		{"Zhang.Wei-1", "zhang.wei-1", false, "用户名"},
		{"zhang", "预算绩效管理预算绩效管理", false, "太简单"},
		{"zhang", "Abcdefgh1\x00", false, "控制字符"},
	} {
		err := CheckPolicy(c.user, c.pw)
		if (err == nil) != c.ok || (err != nil && !strings.Contains(err.Error(), c.msg)) {
			t.Errorf("CheckPolicy(%q, %q) = %v", c.user, c.pw, err)
		}
	}
	for range 50 {
		pw := GeneratePassword()
		if err := CheckPolicy("admin", pw); err != nil || len(pw) != 16 || strings.ContainsAny(pw, "0O1lI") {
			t.Fatalf("generated %q: %v", pw, err)
		}
	}
}

func TestTokens(t *testing.T) {
	a, b := NewToken(), NewToken()
	if a == b || len(a) != 43 {
		t.Fatal(a, b)
	}
	if HashToken(a) == HashToken(b) || HashToken(a) != HashToken(a) || len(HashToken(a)) != 64 {
		t.Fatal("token hash")
	}
	u := &User{LockedUntil: time.Date(2026, 1, 1, 0, 15, 0, 0, time.UTC)}
	if !u.Locked(time.Date(2026, 1, 1, 0, 14, 0, 0, time.UTC)) || u.Locked(u.LockedUntil) {
		t.Fatal("Locked")
	}
}
