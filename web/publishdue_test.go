package web

import (
	"context"
	"strings"
	"testing"
	"time"

	"jixiao"
	"jixiao/auth"
	"jixiao/workflow"
)

// Approved goals have twenty days to be published: the status counts
// the days past the last one, in China's calendar, and says nothing of
// goals in another state.
func TestPublishStatus(t *testing.T) {
	// 20:00 UTC on 14 February is 15 February in China.
	approved := time.Date(2024, 2, 14, 20, 0, 0, 0, time.UTC)
	due := jixiao.Date{Y: 2024, M: 3, D: 6}
	for _, c := range []struct {
		today   jixiao.Date
		overdue int
	}{
		{jixiao.Date{Y: 2024, M: 2, D: 20}, 0},
		{due, 0},
		{jixiao.Date{Y: 2024, M: 3, D: 7}, 1},
		{jixiao.Date{Y: 2024, M: 4, D: 5}, 30},
	} {
		got := publishStatus(workflow.Approved, approved, c.today)
		if got == nil || got.Due != due || got.Overdue != c.overdue {
			t.Errorf("on %s: %+v, want due %s, %d days over", c.today, got, due, c.overdue)
		}
	}
	for _, st := range []workflow.State{workflow.Draft, workflow.Submitted, workflow.Published} {
		if got := publishStatus(st, approved, due); got != nil {
			t.Errorf("%s goals: %+v", st, got)
		}
	}
}

// Once the goals are approved, the unit page, the list and the overview
// say by when they must be published.
func TestPublishDueShown(t *testing.T) {
	e := newEnv(t, true)
	ctx := context.Background()
	k := jixiao.Key{Unit: exUnit, Year: exYear}
	editor := e.user(t, "乐亭填报", auth.Editor, exUnit)
	reviewer := e.user(t, "县财政局", auth.Reviewer)
	if err := e.st.Transition(ctx, k, workflow.Goals, workflow.Submitted, editor, ""); err != nil {
		t.Fatal(err)
	}
	_, page := e.get(t, exBase)
	if strings.Contains(page, `id="publish-due"`) {
		t.Error("submitted goals show a publishing deadline")
	}
	if err := e.st.Transition(ctx, k, workflow.Goals, workflow.Approved, reviewer, ""); err != nil {
		t.Fatal(err)
	}
	hist, err := e.st.Transitions(ctx, k, workflow.Goals)
	if err != nil || len(hist) == 0 {
		t.Fatalf("transitions: %v", err)
	}
	// The approval's own day, not the test's: the two may straddle midnight.
	due := workflow.PublishDue(jixiao.DateOf(hist[len(hist)-1].At.In(china)))
	_, page = e.get(t, exBase)
	mustContain(t, page, "绩效目标须于"+due.Chinese()+"前随部门预算公开")
	_, list := e.get(t, "/")
	mustContain(t, list, `<small class="publish-due">须于`+due.Chinese()+`前公开</small>`)
	_, ov := e.get(t, "/overview")
	mustContain(t, ov, `<small class="publish-due">须于`+due.Chinese()+`前公开</small>`)
	if err := e.st.Transition(ctx, k, workflow.Goals, workflow.Published, reviewer, ""); err != nil {
		t.Fatal(err)
	}
	if _, list := e.get(t, "/"); strings.Contains(list, "publish-due") {
		t.Error("published goals still show a deadline")
	}
}
