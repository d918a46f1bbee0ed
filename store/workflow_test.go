package store

import (
	"errors"
	"strings"
	"testing"

	"jixiao"
	"jixiao/auth"
	"jixiao/review"
	"jixiao/workflow"
)

func TestWorkflowAndLockedGoals(t *testing.T) {
	forEachEngine(t, func(t *testing.T, s *Store) {
		d := sampleDoc("414001", 2024)
		k := d.Key()
		save(t, s, d)
		editor := &auth.User{Name: "zhang", Role: auth.Editor, Units: []string{"414001"}}
		reviewer := &auth.User{Name: "wang", Display: "王审核", Role: auth.Reviewer, Units: []string{"414"}}
		other := &auth.User{Name: "li", Role: auth.Reviewer, Units: []string{"1302"}}
		move := func(u *auth.User, to workflow.State, comment string) error {
			return s.Transition(ctx, k, workflow.Goals, to, u, comment)
		}
		state := func() workflow.State {
			st, err := s.WorkflowState(ctx, k, workflow.Goals)
			if err != nil {
				t.Fatal(err)
			}
			return st
		}
		if state() != workflow.Draft {
			t.Fatal("a new document is a draft")
		}
		if err := move(editor, workflow.Approved, ""); err == nil {
			t.Fatal("editor approved a draft")
		}
		must := func(err error) {
			t.Helper()
			if err != nil {
				t.Fatal(err)
			}
		}
		must(move(editor, workflow.Submitted, ""))
		if err := move(other, workflow.Approved, ""); err == nil || !strings.Contains(err.Error(), "无权") {
			t.Fatalf("reviewer of another region: %v", err)
		}
		if err := move(reviewer, workflow.Returned, ""); err == nil || !strings.Contains(err.Error(), "退回意见") {
			t.Fatalf("return without comment: %v", err)
		}
		must(move(reviewer, workflow.Returned, "项目2的产出指标不够具体"))
		must(move(editor, workflow.Submitted, ""))
		must(move(reviewer, workflow.Approved, ""))
		if state() != workflow.Approved {
			t.Fatal(state())
		}
		if st, _ := s.WorkflowState(ctx, k, workflow.Evaluation); st != workflow.Draft {
			t.Fatal("the self-evaluation is a track of its own")
		}

		// Approved goals are locked: a change is refused, nothing stored.
		before := counts(t, s)
		changed := sampleDoc("414001", 2024)
		changed.Projects[0].Name = "改过的名称"
		if _, err := s.SaveDocuments(ctx, []*jixiao.Document{changed}, "zhang"); !errors.Is(err, ErrGoalsLocked) {
			t.Fatalf("change of approved goals: %v", err)
		}
		if read(t, s, k).Projects[0].Name == "改过的名称" || !equalCounts(before, counts(t, s)) {
			t.Fatal("a refused save changed the database")
		}
		save(t, s, sampleDoc("414001", 2024)) // the same again changes nothing and passes

		if err := s.Adjustment(ctx, k, editor, "预算调减"); err == nil {
			t.Fatal("an editor may not record an adjustment")
		}
		if err := s.Adjustment(ctx, k, reviewer, ""); err == nil {
			t.Fatal("an adjustment needs a reason")
		}
		must(s.Adjustment(ctx, k, reviewer, "年中预算调减 20%"))
		if p, _ := s.AdjustmentPending(ctx, k); !p {
			t.Fatal("adjustment not pending")
		}
		save(t, s, changed)
		if read(t, s, k).Projects[0].Name != "改过的名称" {
			t.Fatal("the adjusted save was not stored")
		}
		if p, _ := s.AdjustmentPending(ctx, k); p {
			t.Fatal("the adjustment must be used up by the save")
		}
		again := sampleDoc("414001", 2024)
		if _, err := s.SaveDocuments(ctx, []*jixiao.Document{again}, "zhang"); !errors.Is(err, ErrGoalsLocked) {
			t.Fatalf("second change after one adjustment: %v", err)
		}

		must(move(reviewer, workflow.Published, ""))
		if err := move(reviewer, workflow.Submitted, ""); err == nil {
			t.Fatal("published → submitted")
		}
		hist, err := s.Transitions(ctx, k, workflow.Goals)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, h := range hist {
			got = append(got, string(h.From)+"→"+string(h.To)+":"+h.Actor+":"+h.Comment)
		}
		want := "draft→submitted:zhang: submitted→returned:wang:项目2的产出指标不够具体 returned→submitted:zhang: " +
			"submitted→approved:wang: approved→published:wang:"
		if strings.Join(got, " ") != want {
			t.Fatalf("history:\n%s\nwant\n%s", strings.Join(got, " "), want)
		}
		if err := s.Transition(ctx, jixiao.Key{Unit: "414001", Year: 2030}, workflow.Goals, workflow.Submitted, editor, ""); !errors.Is(err, jixiao.ErrNotFound) {
			t.Fatalf("no document: %v", err)
		}
		if err := s.Adjustment(ctx, jixiao.Key{Unit: "414001", Year: 2030}, reviewer, "x"); !errors.Is(err, jixiao.ErrNotFound) {
			t.Fatalf("adjust no document: %v", err)
		}
	})
}

func equalCounts(a, b map[string]int64) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

// Documents lists each document with where its two tracks stand and the
// counts of its stored goal review, as WorkflowState and the review say,
// read in the one list query.
func TestDocumentsCarryStatesAndReview(t *testing.T) {
	forEachEngine(t, func(t *testing.T, s *Store) {
		a, b := sampleDoc("414001", 2024), sampleDoc("414002", 2024)
		b.Projects[0].Indicators[0].Value = "" // an error for the review
		save(t, s, a, b)
		editor := &auth.User{Name: "zhang", Role: auth.Editor, Units: []string{"414002"}}
		if err := s.Transition(ctx, b.Key(), workflow.Goals, workflow.Submitted, editor, ""); err != nil {
			t.Fatal(err)
		}
		if err := s.Transition(ctx, b.Key(), workflow.Monitoring, workflow.Submitted, editor, ""); err != nil {
			t.Fatal(err)
		}
		list, err := s.Documents(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if len(list) != 2 {
			t.Fatalf("%d documents listed", len(list))
		}
		for i, d := range []*jixiao.Document{a, b} {
			m := list[i]
			rep := review.Review(d, review.DefaultConfig())
			for _, tr := range workflow.Tracks {
				want, err := s.WorkflowState(ctx, d.Key(), tr)
				if err != nil {
					t.Fatal(err)
				}
				if got := map[workflow.Track]workflow.State{workflow.Goals: m.Goals, workflow.Monitoring: m.Monitoring,
					workflow.Evaluation: m.Evaluation}[tr]; got != want {
					t.Errorf("%s %s: listed as %q, WorkflowState %q", d.Key(), tr, got, want)
				}
			}
			if !m.Reviewed || m.Errors != rep.Summary.Errors || m.Warnings != rep.Summary.Warnings {
				t.Errorf("%s: listed reviewed %v, %d errors, %d warnings; the review has %d, %d",
					d.Key(), m.Reviewed, m.Errors, m.Warnings, rep.Summary.Errors, rep.Summary.Warnings)
			}
		}
		if list[1].Goals != workflow.Submitted || list[1].Monitoring != workflow.Submitted || list[1].Evaluation != workflow.Draft || list[1].Errors == 0 {
			t.Errorf("the submitted document with an empty value: %+v", list[1])
		}
	})
}
