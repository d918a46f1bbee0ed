package store

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"

	"jixiao"
	"jixiao/auth"
	"jixiao/workflow"
)

// auditedStore fills the trail with a save, a change, a move and account
// changes.
func auditedStore(t *testing.T, s *Store) jixiao.Key {
	t.Helper()
	d := sampleDoc("414001", 2024)
	save(t, s, d)
	changed := sampleDoc("414001", 2024)
	changed.Projects[1].Budget += 100
	save(t, s, changed)
	addUser(t, s, "zhang", auth.Editor, "414001")
	if err := s.Transition(ctx, d.Key(), workflow.Goals, workflow.Submitted,
		&auth.User{Name: "zhang", Role: auth.Editor, Units: []string{"414001"}}, ""); err != nil {
		t.Fatal(err)
	}
	if err := s.DisableUser(ctx, "zhang", "admin"); err != nil {
		t.Fatal(err)
	}
	return d.Key()
}

func TestAuditTrail(t *testing.T) {
	forEachEngine(t, func(t *testing.T, s *Store) {
		k := auditedStore(t, s)
		all, err := s.AuditLog(ctx, AuditFilter{})
		if err != nil {
			t.Fatal(err)
		}
		var actions []string
		for i, e := range all {
			if e.Seq != int64(i+1) || e.At.IsZero() || len(e.Hash) != 64 {
				t.Fatalf("entry %d: %+v", i, e)
			}
			actions = append(actions, e.Action)
		}
		d := sampleDoc("414001", 2024)
		want := []string{AuditDocumentSave, AuditOverall}
		for range d.Projects {
			want = append(want, AuditGoalsAdd)
		}
		want = append(want, AuditDocumentSave, AuditGoalsChange, AuditUserCreate, AuditTransition, AuditUserDisable)
		if strings.Join(actions, " ") != strings.Join(want, " ") {
			t.Fatalf("actions %v\nwant %v", actions, want)
		}
		code := d.Projects[1].Code
		proj, err := s.AuditLog(ctx, AuditFilter{Unit: k.Unit, Year: k.Year, Project: code})
		if err != nil || len(proj) != 2 || proj[1].Action != AuditGoalsChange || proj[1].Actor != "tester" {
			t.Fatalf("project trail: %+v %v", proj, err)
		}
		var before, after jixiao.Project
		if json.Unmarshal([]byte(proj[1].Before), &before) != nil || json.Unmarshal([]byte(proj[1].After), &after) != nil ||
			after.Budget != before.Budget+100 || after.Code != code {
			t.Fatalf("before/after of the change: %s → %s", proj[1].Before, proj[1].After)
		}
		users, _ := s.AuditLog(ctx, AuditFilter{Object: "user:zhang"})
		if len(users) != 2 || strings.Contains(users[0].After, "pbkdf2") {
			t.Fatalf("account trail: %+v", users)
		}
		if page, _ := s.AuditLog(ctx, AuditFilter{After: 2, Limit: 3}); len(page) != 3 || page[0].Seq != 3 {
			t.Fatalf("page: %+v", page)
		}
		if n, err := s.VerifyAudit(ctx); n != 0 || err != nil {
			t.Fatalf("intact trail: %d %v", n, err)
		}
		// The triggers refuse to change or remove entries.
		if _, err := s.write.ExecContext(ctx, `UPDATE audit_log SET actor = 'x' WHERE seq = 3`); err == nil {
			t.Fatal("UPDATE of the audit trail allowed")
		}
		if _, err := s.write.ExecContext(ctx, `DELETE FROM audit_log WHERE seq = 3`); err == nil {
			t.Fatal("DELETE from the audit trail allowed")
		}
		if n, err := s.VerifyAudit(ctx); n != 0 || err != nil {
			t.Fatalf("after refused changes: %d %v", n, err)
		}
	})
}

// dropAuditTriggers does what someone with access to the database could:
// remove the guard, to then alter the trail.
func dropAuditTriggers(t *testing.T, s *Store) {
	t.Helper()
	stmts := []string{`DROP TRIGGER audit_log_no_update`, `DROP TRIGGER audit_log_no_delete`}
	if s.Dialect() == "postgres" {
		stmts = []string{`DROP TRIGGER audit_log_no_change ON audit_log`}
	}
	for _, st := range stmts {
		if _, err := s.write.ExecContext(ctx, st); err != nil {
			t.Fatal(err)
		}
	}
}

func TestAuditTamperingFound(t *testing.T) {
	t.Run("edit", func(t *testing.T) {
		forEachEngine(t, func(t *testing.T, s *Store) {
			auditedStore(t, s)
			dropAuditTriggers(t, s)
			n, err := s.VerifyAudit(ctx)
			if n != 0 || err != nil {
				t.Fatal(n, err)
			}
			// Edit one entry's content.
			if _, err := s.write.ExecContext(ctx, `UPDATE audit_log SET after_json = '{"state":"approved"}' WHERE seq = 7`); err != nil {
				t.Fatal(err)
			}
			n, err = s.VerifyAudit(ctx)
			if n != 7 || !errors.Is(err, ErrAuditBroken) || !strings.Contains(err.Error(), "第 7 条") {
				t.Fatalf("edited entry: %d %v", n, err)
			}
		})
	})
	t.Run("remove", func(t *testing.T) {
		forEachEngine(t, func(t *testing.T, s *Store) {
			auditedStore(t, s)
			dropAuditTriggers(t, s)
			// Remove one from the middle: the next is the first broken.
			if _, err := s.write.ExecContext(ctx, `DELETE FROM audit_log WHERE seq = 4`); err != nil {
				t.Fatal(err)
			}
			if n, err := s.VerifyAudit(ctx); n != 4 || !errors.Is(err, ErrAuditBroken) {
				t.Fatalf("removed entry: %d %v", n, err)
			}
		})
	})
	t.Run("remove-last", func(t *testing.T) {
		forEachEngine(t, func(t *testing.T, s *Store) {
			auditedStore(t, s)
			dropAuditTriggers(t, s)
			// Remove the last: audit_head still counts it.
			var last int64
			s.read.QueryRowContext(ctx, `SELECT MAX(seq) FROM audit_log`).Scan(&last)
			if _, err := s.write.ExecContext(ctx, `DELETE FROM audit_log WHERE seq = $1`, last); err != nil {
				t.Fatal(err)
			}
			if n, err := s.VerifyAudit(ctx); n != last || !errors.Is(err, ErrAuditBroken) {
				t.Fatalf("removed last entry %d: %d %v", last, n, err)
			}
		})
	})
}

// TestAuditConcurrentAppends: appends from many connections at once keep
// one unbroken chain.
func TestAuditConcurrentAppends(t *testing.T) {
	forEachEngine(t, func(t *testing.T, s *Store) {
		var wg sync.WaitGroup
		errs := make(chan error, 16)
		for i := range 16 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				_, err := s.CreateUser(ctx, auth.User{Name: fmt.Sprintf("u%02d", i), Role: auth.Viewer,
					Units: []string{"1"}, PasswordHash: "x"}, "tester")
				errs <- err
			}()
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			if err != nil {
				t.Fatal(err)
			}
		}
		if n, err := s.VerifyAudit(ctx); n != 0 || err != nil {
			t.Fatalf("after concurrent appends: %d %v", n, err)
		}
		if all, _ := s.AuditLog(ctx, AuditFilter{}); len(all) != 16 {
			t.Fatalf("%d entries", len(all))
		}
	})
}
