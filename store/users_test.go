package store

import (
	"errors"
	"sync"
	"testing"
	"time"

	"jixiao"
	"jixiao/auth"
)

// testHash is one real password hash shared by the tests, since hashing
// is slow on purpose.
var testHash = sync.OnceValue(func() string {
	h, err := auth.HashPassword("Richtig-123")
	if err != nil {
		panic(err)
	}
	return h
})

const testPassword = "Richtig-123"

func addUser(t *testing.T, s *Store, name string, role auth.Role, units ...string) *auth.User {
	t.Helper()
	u, err := s.CreateUser(ctx, auth.User{Name: name, Display: name + "显示名", Role: role, Units: units,
		PasswordHash: testHash()}, "tester")
	if err != nil {
		t.Fatalf("CreateUser(%s): %v", name, err)
	}
	return u
}

func TestCreateUser(t *testing.T) {
	forEachEngine(t, func(t *testing.T, s *Store) {
		u := addUser(t, s, "zhang", auth.Editor, "414001", "414002")
		got, err := s.UserByName(ctx, "zhang")
		if err != nil {
			t.Fatal(err)
		}
		if got.ID != u.ID || got.Role != auth.Editor || len(got.Units) != 2 || got.Units[1] != "414002" ||
			got.Display != "zhang显示名" || got.Disabled || got.MustChange || got.Created.IsZero() {
			t.Fatalf("stored %+v", got)
		}
		if _, err := s.CreateUser(ctx, auth.User{Name: "zhang", Role: auth.Viewer, Units: []string{"1"},
			PasswordHash: testHash()}, "tester"); !errors.Is(err, jixiao.ErrConflict) {
			t.Fatalf("duplicate name: %v", err)
		}
		for _, bad := range []auth.User{
			{Name: "", Role: auth.Admin, PasswordHash: "x"},
			{Name: "li si", Role: auth.Admin, PasswordHash: "x"},
			{Name: "li", Role: "boss", PasswordHash: "x"},
			{Name: "li", Role: auth.Editor, PasswordHash: "x"},
			{Name: "li", Role: auth.Admin},
		} {
			if _, err := s.CreateUser(ctx, bad, "tester"); err == nil {
				t.Errorf("accepted %+v", bad)
			}
		}
		if _, err := s.UserByName(ctx, "li"); !errors.Is(err, jixiao.ErrNotFound) {
			t.Fatalf("unknown user: %v", err)
		}
		all, err := s.Users(ctx)
		if err != nil || len(all) != 1 {
			t.Fatal(all, err)
		}
		reviewer := addUser(t, s, "wang", auth.Reviewer)
		if got, _ := s.UserByID(ctx, reviewer.ID); got.Units != nil || !auth.Can(got, auth.Approve, "999") {
			t.Fatalf("reviewer of every unit: %+v", got)
		}
		if err := s.UpdateUser(ctx, "wang", "王审核", auth.Reviewer, []string{"1302"}, "tester"); err != nil {
			t.Fatal(err)
		}
		if got, _ := s.UserByID(ctx, reviewer.ID); got.Display != "王审核" || auth.Can(got, auth.Approve, "999") {
			t.Fatalf("updated %+v", got)
		}
		// A refused change says why, without a "failed" wrapper, and stores nothing.
		err = s.UpdateUser(ctx, "wang", "王审核", auth.Editor, nil, "tester")
		if err == nil || err.Error() != "用户 wang：部门填报人员须指定所属单位编码" {
			t.Fatalf("editor without units: %v", err)
		}
		if got, _ := s.UserByID(ctx, reviewer.ID); got.Role != auth.Reviewer {
			t.Fatalf("refused change stored: %+v", got)
		}
	})
}

func TestLoginAndLockOut(t *testing.T) {
	forEachEngine(t, func(t *testing.T, s *Store) {
		addUser(t, s, "zhang", auth.Editor, "414001")
		set := auth.DefaultSettings
		if u, err := s.Login(ctx, "zhang", testPassword, set); err != nil || u.Name != "zhang" {
			t.Fatal(u, err)
		}
		if _, err := s.Login(ctx, "nobody", testPassword, set); !errors.Is(err, ErrBadLogin) {
			t.Fatalf("unknown user: %v", err)
		}
		for i := 1; i < set.MaxFailures; i++ {
			if _, err := s.Login(ctx, "zhang", "falsch", set); !errors.Is(err, ErrBadLogin) {
				t.Fatalf("failure %d: %v", i, err)
			}
		}
		if u, _ := s.UserByName(ctx, "zhang"); u.Failed != set.MaxFailures-1 || !u.LockedUntil.IsZero() {
			t.Fatalf("after %d failures: %+v", set.MaxFailures-1, u)
		}
		var le *LockedError
		if _, err := s.Login(ctx, "zhang", "falsch", set); !errors.As(err, &le) {
			t.Fatalf("fifth failure: %v", err)
		}
		if _, err := s.Login(ctx, "zhang", testPassword, set); !errors.As(err, &le) || le.Error() != "登录失败次数过多，账户已锁定，请 15 分钟后再试" {
			t.Fatalf("right password while locked: %v", err)
		}
		// A lock that has run out (LockFor in the past) lets the right password in.
		past := set
		past.LockFor = -time.Second
		for range set.MaxFailures {
			s.Login(ctx, "li", "x", past) // unknown: no effect
		}
		if err := s.UpdatePassword(ctx, "zhang", testHash(), false, "tester"); err != nil { // lifts the lock
			t.Fatal(err)
		}
		for range set.MaxFailures {
			s.Login(ctx, "zhang", "falsch", past)
		}
		u, err := s.Login(ctx, "zhang", testPassword, set)
		if err != nil || u.Failed != 0 || !u.LockedUntil.IsZero() {
			t.Fatalf("after the lock ran out: %+v %v", u, err)
		}
		if err := s.DisableUser(ctx, "zhang", "tester"); err != nil {
			t.Fatal(err)
		}
		if _, err := s.Login(ctx, "zhang", testPassword, set); !errors.Is(err, ErrBadLogin) {
			t.Fatalf("disabled: %v", err)
		}
		if err := s.EnableUser(ctx, "zhang", "tester"); err != nil {
			t.Fatal(err)
		}
		if _, err := s.Login(ctx, "zhang", testPassword, set); err != nil {
			t.Fatalf("enabled again: %v", err)
		}
		if err := s.DisableUser(ctx, "nobody", "tester"); !errors.Is(err, jixiao.ErrNotFound) {
			t.Fatalf("disable unknown: %v", err)
		}
	})
}

func TestSessions(t *testing.T) {
	forEachEngine(t, func(t *testing.T, s *Store) {
		u := addUser(t, s, "zhang", auth.Editor, "414001")
		set := auth.DefaultSettings
		tok, err := s.CreateSession(ctx, u.ID)
		if err != nil {
			t.Fatal(err)
		}
		var stored string
		s.read.QueryRowContext(ctx, `SELECT token_hash FROM sessions`).Scan(&stored)
		if stored != auth.HashToken(tok) || stored == tok {
			t.Fatal("the session token must be stored hashed")
		}
		if got, err := s.SessionByToken(ctx, tok, set); err != nil || got.ID != u.ID {
			t.Fatal(got, err)
		}
		if _, err := s.SessionByToken(ctx, tok+"x", set); !errors.Is(err, jixiao.ErrNotFound) {
			t.Fatalf("wrong token: %v", err)
		}
		// Idle too long: the session ends and is gone.
		idle := set
		idle.IdleTimeout = -time.Nanosecond
		if _, err := s.SessionByToken(ctx, tok, idle); !errors.Is(err, jixiao.ErrNotFound) {
			t.Fatalf("idle: %v", err)
		}
		if _, err := s.SessionByToken(ctx, tok, set); !errors.Is(err, jixiao.ErrNotFound) {
			t.Fatalf("ended session used again: %v", err)
		}
		// Too old, however recently used.
		tok, _ = s.CreateSession(ctx, u.ID)
		old := set
		old.MaxSession = -time.Nanosecond
		if _, err := s.SessionByToken(ctx, tok, old); !errors.Is(err, jixiao.ErrNotFound) {
			t.Fatalf("too old: %v", err)
		}
		// Purged when ended, kept while live.
		live, _ := s.CreateSession(ctx, u.ID)
		if n, err := s.PurgeSessions(ctx, set); err != nil || n != 0 {
			t.Fatalf("purge removed a live session: %d %v", n, err)
		}
		if n, err := s.PurgeSessions(ctx, old); err != nil || n != 1 {
			t.Fatalf("purge kept a session too old: %d %v", n, err)
		}
		if _, err := s.SessionByToken(ctx, live, set); !errors.Is(err, jixiao.ErrNotFound) {
			t.Fatalf("purged session used: %v", err)
		}
		// Logout.
		tok, _ = s.CreateSession(ctx, u.ID)
		if err := s.DeleteSession(ctx, tok); err != nil {
			t.Fatal(err)
		}
		if _, err := s.SessionByToken(ctx, tok, set); !errors.Is(err, jixiao.ErrNotFound) {
			t.Fatalf("after logout: %v", err)
		}
		// A password change ends every session of the user.
		tok, _ = s.CreateSession(ctx, u.ID)
		if err := s.UpdatePassword(ctx, "zhang", testHash(), true, "admin"); err != nil {
			t.Fatal(err)
		}
		if _, err := s.SessionByToken(ctx, tok, set); !errors.Is(err, jixiao.ErrNotFound) {
			t.Fatalf("after password change: %v", err)
		}
		if got, _ := s.UserByName(ctx, "zhang"); !got.MustChange {
			t.Fatal("password set by an administrator must be changed")
		}
	})
}

func TestAPITokens(t *testing.T) {
	forEachEngine(t, func(t *testing.T, s *Store) {
		u := addUser(t, s, "zhang", auth.Editor, "414001")
		tok, id, err := s.CreateToken(ctx, u.ID, "导入脚本", "zhang")
		if err != nil {
			t.Fatal(err)
		}
		if got, err := s.UserByToken(ctx, tok); err != nil || got.ID != u.ID {
			t.Fatal(got, err)
		}
		list, err := s.Tokens(ctx, u.ID)
		if err != nil || len(list) != 1 || list[0].ID != id || list[0].Name != "导入脚本" || list[0].LastUsed.IsZero() {
			t.Fatalf("Tokens = %+v, %v", list, err)
		}
		if err := s.DisableUser(ctx, "zhang", "admin"); err != nil {
			t.Fatal(err)
		}
		if _, err := s.UserByToken(ctx, tok); !errors.Is(err, jixiao.ErrNotFound) {
			t.Fatalf("token of a disabled user: %v", err)
		}
		s.EnableUser(ctx, "zhang", "admin")
		if err := s.RevokeToken(ctx, id, "zhang"); err != nil {
			t.Fatal(err)
		}
		if _, err := s.UserByToken(ctx, tok); !errors.Is(err, jixiao.ErrNotFound) {
			t.Fatalf("revoked token: %v", err)
		}
		if err := s.RevokeToken(ctx, id, "zhang"); !errors.Is(err, jixiao.ErrNotFound) {
			t.Fatalf("revoked twice: %v", err)
		}
		if _, _, err := s.CreateToken(ctx, 999, "x", "zhang"); !errors.Is(err, jixiao.ErrNotFound) {
			t.Fatalf("token for unknown user: %v", err)
		}
	})
}

func TestEnsureAdmin(t *testing.T) {
	forEachEngine(t, func(t *testing.T, s *Store) {
		pw, created, err := s.EnsureAdmin(ctx)
		if err != nil || !created {
			t.Fatal(created, err)
		}
		if err := auth.CheckPolicy("admin", pw); err != nil {
			t.Fatalf("one-time password %q: %v", pw, err)
		}
		u, err := s.Login(ctx, "admin", pw, auth.DefaultSettings)
		if err != nil || u.Role != auth.Admin || !u.MustChange {
			t.Fatalf("%+v %v", u, err)
		}
		again, created, err := s.EnsureAdmin(ctx)
		if err != nil || created || again != "" {
			t.Fatal("second start must not make another administrator", again, created, err)
		}
	})
}
