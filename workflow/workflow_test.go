package workflow

import (
	"slices"
	"strings"
	"testing"

	"jixiao"
	"jixiao/auth"
)

func TestMoves(t *testing.T) {
	editor := &auth.User{Name: "e", Role: auth.Editor, Units: []string{"1"}}
	reviewer := &auth.User{Name: "r", Role: auth.Reviewer}
	admin := &auth.User{Name: "a", Role: auth.Admin}
	allowed := map[[2]State]*auth.User{
		{Draft, Submitted}:    editor,
		{Returned, Submitted}: editor,
		{Submitted, Returned}: reviewer,
		{Submitted, Approved}: reviewer,
		{Approved, Published}: reviewer,
	}
	for _, from := range States {
		for _, to := range States {
			for _, u := range []*auth.User{editor, reviewer, admin, nil} {
				err := Check(u, "1", Goals, from, to, "意见")
				if want := allowed[[2]State{from, to}] == u && u != nil; (err == nil) != want {
					t.Errorf("%s → %s by %v: %v", from, to, u, err)
				}
			}
		}
	}
	if err := Check(editor, "2", Goals, Draft, Submitted, ""); err == nil || !strings.Contains(err.Error(), "无权") {
		t.Errorf("editor of another unit: %v", err)
	}
	if err := Check(reviewer, "1", Evaluation, Submitted, Returned, ""); err == nil || !strings.Contains(err.Error(), "退回意见") {
		t.Errorf("return without comment: %v", err)
	}
	if err := Check(reviewer, "1", "budget", Submitted, Approved, ""); err == nil {
		t.Error("unknown track")
	}
	if got := Next(reviewer, "1", Goals, Submitted); !slices.Equal(got, []State{Returned, Approved}) {
		t.Errorf("Next = %v", got)
	}
	if got := Next(editor, "1", Goals, Approved); got != nil {
		t.Errorf("Next = %v", got)
	}
	// The monitoring report is submitted and approved like the others,
	// but goes to the finance bureau only: never published.
	if got := Next(reviewer, "1", Goals, Approved); !slices.Equal(got, []State{Published}) {
		t.Errorf("Next of approved goals = %v", got)
	}
	if got := Next(reviewer, "1", Monitoring, Approved); got != nil {
		t.Errorf("Next of an approved monitoring report = %v", got)
	}
	if err := Check(editor, "1", Monitoring, Draft, Submitted, ""); err != nil {
		t.Errorf("submitting the monitoring report: %v", err)
	}
	if err := Check(reviewer, "1", Monitoring, Approved, Published, ""); err == nil || !strings.Contains(err.Error(), "不对外公开") {
		t.Errorf("publishing the monitoring report: %v", err)
	}
	if !Approved.Locked() || !Published.Locked() || Submitted.Locked() {
		t.Error("Locked")
	}
}

func TestPublishDue(t *testing.T) {
	for _, c := range []struct{ approved, due jixiao.Date }{
		{jixiao.Date{Y: 2024, M: 2, D: 15}, jixiao.Date{Y: 2024, M: 3, D: 6}}, // leap February
		{jixiao.Date{Y: 2023, M: 2, D: 15}, jixiao.Date{Y: 2023, M: 3, D: 7}},
		{jixiao.Date{Y: 2024, M: 12, D: 20}, jixiao.Date{Y: 2025, M: 1, D: 9}},
	} {
		if got := PublishDue(c.approved); got != c.due {
			t.Errorf("approved %s: due %s, want %s", c.approved, got, c.due)
		}
	}
}
