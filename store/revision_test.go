package store

import (
	"errors"
	"testing"

	"jixiao"
	"jixiao/auth"
	"jixiao/internal/fixture"
	"jixiao/workflow"
)

// TestRevisionRisesWithEveryWrite checks that each kind of write a page
// shows raises the document's revision, and that writes refused or
// changing nothing leave it as it was.
func TestRevisionRisesWithEveryWrite(t *testing.T) {
	forEachEngine(t, func(t *testing.T, s *Store) {
		k := exampleStore(t, s)
		other := sampleDoc("414002", 2024)
		save(t, s, other)
		rev := func(k jixiao.Key) Revision {
			t.Helper()
			r, err := s.Revision(ctx, k)
			if err != nil {
				t.Fatal(err)
			}
			return r
		}
		last := rev(k)
		otherRev := rev(other.Key())
		if last.Doc == otherRev.Doc {
			t.Fatalf("two documents share a row id: %v %v (%v, %v)", last, otherRev, k, other.Key())
		}
		step := func(what string, rises bool) {
			t.Helper()
			now := rev(k)
			if now.Doc != last.Doc {
				t.Fatalf("%s: document row %d became %d", what, last.Doc, now.Doc)
			}
			if rises && now.N <= last.N || !rises && now != last {
				t.Fatalf("%s: revision %d → %d", what, last.N, now.N)
			}
			last = now
		}

		d := read(t, s, k)
		save(t, s, d)
		step("saving the same document again", false)

		d.Projects[0].Purpose += "（修订）"
		save(t, s, d)
		step("SaveDocuments with a changed purpose", true)

		p := d.Projects[0]
		p.Goal += "（再修订）"
		if _, err := s.SaveProject(ctx, k, &p, d.Version+1, "editor"); err == nil || !errors.Is(err, jixiao.ErrConflict) {
			t.Fatalf("stale SaveProject: %v", err)
		}
		step("a refused SaveProject", false)
		if _, err := s.SaveProject(ctx, k, &p, d.Version, "editor"); err != nil {
			t.Fatal(err)
		}
		step("SaveProject", true)

		if _, err := s.AddSpending(ctx, k, office, jixiao.Spending{Date: day("2024-03-15"), Amount: 2_000_000,
			Entered: jixiao.Stamp{By: "张三"}}); err != nil {
			t.Fatal(err)
		}
		step("AddSpending", true)
		if _, err := s.AddSpending(ctx, k, office, jixiao.Spending{Date: day("2024-03-15"), Amount: -1}); err == nil {
			t.Fatal("a negative payment was stored")
		}
		step("a refused payment", false)
		if _, err := s.AddProgress(ctx, k, office, jixiao.Progress{Indicator: 1, AsOf: day("2024-06-30"), Value: "5个",
			Entered: jixiao.Stamp{By: "张三"}}); err != nil {
			t.Fatal(err)
		}
		step("AddProgress", true)

		if _, err := s.SaveEvaluation(ctx, k, office, fixture.OfficeEvaluation(), "评价人", 0); err != nil {
			t.Fatal(err)
		}
		step("SaveEvaluation", true)

		editor := &auth.User{Name: "zhang", Role: auth.Editor, Units: []string{k.Unit}}
		reviewer := &auth.User{Name: "wang", Role: auth.Reviewer}
		if err := s.Transition(ctx, k, workflow.Goals, workflow.Approved, editor, ""); err == nil {
			t.Fatal("an editor approved a draft")
		}
		step("a refused move", false)
		if err := s.Transition(ctx, k, workflow.Goals, workflow.Submitted, editor, ""); err != nil {
			t.Fatal(err)
		}
		step("Transition", true)
		if err := s.Transition(ctx, k, workflow.Goals, workflow.Approved, reviewer, ""); err != nil {
			t.Fatal(err)
		}
		step("Transition", true)
		if err := s.Adjustment(ctx, k, reviewer, "预算调整"); err != nil {
			t.Fatal(err)
		}
		step("Adjustment", true)

		if rev(other.Key()) != otherRev {
			t.Fatal("writes to one document changed another's revision")
		}
		// Renaming the unit by saving another year's document changes
		// what the pages of every year of the unit show.
		next := read(t, s, k)
		next.Year = 2025
		next.Unit.Name = "乐亭县市场监督管理局（更名）"
		for i := range next.Projects {
			next.Projects[i].Spending, next.Projects[i].Progress, next.Projects[i].Evaluation = nil, nil, nil
		}
		save(t, s, next)
		step("renaming the unit", true)
		save(t, s, next)
		step("saving the renamed unit again", false)

		if _, err := s.Revision(ctx, jixiao.Key{Unit: "999999", Year: 2024}); !errors.Is(err, jixiao.ErrNotFound) {
			t.Fatalf("Revision of a missing document: %v", err)
		}
	})
}

// TestPageStates checks that the one-statement read of many requests'
// sessions and documents' revisions returns, for each in order, what
// SessionByToken and Revision return separately; follows a write; and
// tells a missing document, an unknown or an ended session apart.
func TestPageStates(t *testing.T) {
	forEachEngine(t, func(t *testing.T, s *Store) {
		k := exampleStore(t, s)
		other := sampleDoc("414002", 2024)
		save(t, s, other)
		session := func(name string) (*auth.User, string) {
			u, err := s.CreateUser(ctx, auth.User{Name: name, Display: name, Role: auth.Reviewer, PasswordHash: "x"}, "admin")
			if err != nil {
				t.Fatal(err)
			}
			tok, err := s.CreateSession(ctx, u.ID)
			if err != nil {
				t.Fatal(err)
			}
			return u, tok
		}
		u1, tok1 := session("reader")
		u2, tok2 := session("checker")
		_, ended := session("gone")
		if err := s.DeleteSession(ctx, ended); err != nil {
			t.Fatal(err)
		}
		missing := jixiao.Key{Unit: k.Unit, Year: k.Year + 1}
		checks := []PageCheck{{tok1, k}, {"no-such-token", k}, {tok2, other.Key()}, {tok1, missing}, {ended, k}, {tok1, other.Key()}}
		wantUser := []*auth.User{u1, nil, u2, u1, nil, u1}
		check := func(what string) {
			t.Helper()
			got, err := s.PageStates(ctx, auth.DefaultSettings, checks)
			if err != nil || len(got) != len(checks) {
				t.Fatalf("%s: %d states, %v", what, len(got), err)
			}
			for i, c := range checks {
				g := got[i]
				if (g.User == nil) != (wantUser[i] == nil) || g.User != nil && (g.User.ID != wantUser[i].ID || g.User.Name != wantUser[i].Name) {
					t.Fatalf("%s: check %d: user %+v, want %+v", what, i, g.User, wantUser[i])
				}
				if g.User == nil {
					continue
				}
				want, err := s.Revision(ctx, c.Key)
				if errors.Is(err, jixiao.ErrNotFound) {
					if g.HasDoc {
						t.Fatalf("%s: check %d: a revision %v of a missing document", what, i, g.Rev)
					}
					continue
				}
				if err != nil || !g.HasDoc || g.Rev != want {
					t.Fatalf("%s: check %d: %v %v, want %v (%v)", what, i, g.Rev, g.HasDoc, want, err)
				}
			}
		}
		check("stored")
		d := read(t, s, k)
		d.Projects[1].Goal += "（修订）"
		save(t, s, d)
		check("after a save")
		if got, err := s.PageStates(ctx, auth.DefaultSettings, nil); err != nil || len(got) != 0 {
			t.Fatalf("no checks: %v %v", got, err)
		}
	})
}

// Revisions changes with every write that changes what a page shows —
// a goal save, a payment, a workflow move, a remark, a new document —
// and stays while nothing changes (a save of the same document).
func TestRevisionsFingerprint(t *testing.T) {
	forEachEngine(t, func(t *testing.T, s *Store) {
		fp := func() string {
			t.Helper()
			v, err := s.Revisions(ctx)
			if err != nil {
				t.Fatal(err)
			}
			return v
		}
		d := sampleDoc("414001", 2024)
		empty := fp()
		save(t, s, d)
		seen := map[string]string{empty: "empty"}
		step := func(what string) {
			t.Helper()
			v := fp()
			if prev, ok := seen[v]; ok {
				t.Errorf("after %s the fingerprint %s is the one after %s", what, v, prev)
			}
			seen[v] = what
		}
		step("the first save")
		same := fp()
		save(t, s, sampleDoc("414001", 2024))
		if fp() != same {
			t.Error("saving the same document changed the fingerprint")
		}
		k := d.Key()
		if _, err := s.AddSpending(ctx, k, d.Projects[0].Code, jixiao.Spending{Date: jixiao.NewDate(2024, 3, 1), Amount: 100,
			Entered: jixiao.Stamp{By: "t"}}); err != nil {
			t.Fatal(err)
		}
		step("a payment")
		if err := s.Transition(ctx, k, workflow.Goals, workflow.Submitted, &auth.User{Name: "z", Role: auth.Editor, Units: []string{"414001"}}, ""); err != nil {
			t.Fatal(err)
		}
		step("a workflow move")
		if _, err := s.SaveRemark(ctx, k, Remark{Text: "意见"}, 0, "r"); err != nil {
			t.Fatal(err)
		}
		step("a remark")
		save(t, s, sampleDoc("414002", 2024))
		step("another document")
	})
}
