package store

import (
	"errors"
	"reflect"
	"strings"
	"testing"

	"jixiao"
	"jixiao/auth"
	"jixiao/workflow"
)

func TestSaveProject(t *testing.T) {
	forEachEngine(t, func(t *testing.T, s *Store) {
		d := sampleDoc("414001", 2024)
		d.Projects[0].Spending = []jixiao.Spending{{Date: jixiao.NewDate(2024, 3, 1), Amount: 1_000_000, Note: "电费"}}
		save(t, s, d)
		k := d.Key()
		stored := read(t, s, k)

		// An editor changes one indicator's value from the page of version v.
		p := stored.Projects[0]
		p.Spending = nil
		p.Indicators = append([]jixiao.Indicator(nil), p.Indicators...)
		p.Indicators[0].Value, p.Indicators[0].Target.Number = "12个", jixiao.Dec(12)
		c, err := s.SaveProject(ctx, k, &p, stored.Version, "编辑甲")
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(c.Changed, []string{p.Code}) || len(c.Added)+len(c.Removed) != 0 {
			t.Fatalf("change %+v", c)
		}
		after := read(t, s, k)
		if after.Version != stored.Version+1 || after.Projects[0].Indicators[0].Value != "12个" {
			t.Fatalf("version %d, value %q", after.Version, after.Projects[0].Indicators[0].Value)
		}
		if len(after.Projects[0].Spending) != 1 {
			t.Fatal("the project's records must be kept")
		}
		if !jixiao.SameGoals(&after.Projects[1], &stored.Projects[1]) {
			t.Fatal("another project changed")
		}

		// A second editor saves from the page of the old version: refused,
		// and nothing of the first editor's save is lost.
		before := counts(t, s)
		q := stored.Projects[0]
		q.Spending = nil
		q.Goal = "另一位编辑的修改"
		if _, err := s.SaveProject(ctx, k, &q, stored.Version, "编辑乙"); !errors.Is(err, jixiao.ErrConflict) {
			t.Fatalf("stale save: %v, want ErrConflict", err)
		}
		if got := read(t, s, k); !reflect.DeepEqual(got, after) {
			t.Fatal("a refused save changed the document")
		}
		if !reflect.DeepEqual(counts(t, s), before) {
			t.Fatal("a refused save wrote rows")
		}

		// The accepted save is in the audit trail under the editor's name.
		log, err := s.AuditLog(ctx, AuditFilter{Unit: k.Unit, Year: k.Year, Project: p.Code})
		if err != nil {
			t.Fatal(err)
		}
		found := false
		for _, e := range log {
			found = found || (e.Actor == "编辑甲" && e.Action == AuditGoalsChange)
		}
		if !found {
			t.Fatalf("no goals change by 编辑甲 in %+v", log)
		}
		if n, err := s.VerifyAudit(ctx); err != nil || n != 0 {
			t.Fatalf("audit chain: %d %v", n, err)
		}

		// Unknown project or document.
		r := stored.Projects[0]
		r.Code = "NOPE"
		if _, err := s.SaveProject(ctx, k, &r, after.Version, "编辑甲"); !errors.Is(err, jixiao.ErrNotFound) {
			t.Fatalf("unknown project: %v", err)
		}
		if _, err := s.SaveProject(ctx, jixiao.Key{Unit: "999", Year: 2024}, &p, 1, "编辑甲"); !errors.Is(err, jixiao.ErrNotFound) {
			t.Fatalf("unknown document: %v", err)
		}
	})
}

// CreateDocument stores a new document once; for a unit and year already
// stored it refuses with ErrConflict and leaves the stored one, its audit
// trail included, as it was.
func TestCreateDocument(t *testing.T) {
	forEachEngine(t, func(t *testing.T, s *Store) {
		d := sampleDoc("414001", 2025)
		if err := s.CreateDocument(ctx, d, "editor"); err != nil {
			t.Fatal(err)
		}
		stored := read(t, s, d.Key())
		trailBefore, err := s.AuditLength(ctx)
		if err != nil {
			t.Fatal(err)
		}
		other := sampleDoc("414001", 2025)
		other.Projects[0].Name = "另一个项目"
		if err := s.CreateDocument(ctx, other, "editor"); !errors.Is(err, jixiao.ErrConflict) {
			t.Fatalf("a second document of the unit and year: %v, want ErrConflict", err)
		}
		sameDoc(t, read(t, s, d.Key()), stored)
		if n, _ := s.AuditLength(ctx); n != trailBefore {
			t.Errorf("the refused creation left %d audit entries", n-trailBefore)
		}
	})
}

// SaveOverall replaces part one against the version the page showed:
// the stored document has the new part one, its projects untouched; a
// save from a stale page is ErrConflict; approved goals are locked; the
// trail has part one before and after.
func TestSaveOverall(t *testing.T) {
	forEachEngine(t, func(t *testing.T, s *Store) {
		d := sampleDoc("414001", 2024)
		save(t, s, d)
		k := d.Key()
		stored := read(t, s, k)
		o := stored.Overall
		o.Goals = append([]jixiao.GoalSection(nil), o.Goals...)
		o.Goals[0] = jixiao.GoalSection{Heading: "守牢安全底线", Items: []string{"一是守牢食品安全底线。", "二是守牢药品安全底线。"}}
		o.Measures = append(o.Measures, jixiao.Measure{Heading: "加强预算执行", Text: "按月调度支出进度。"})
		if _, err := s.SaveOverall(ctx, k, o, stored.Version, "editor"); err != nil {
			t.Fatal(err)
		}
		got := read(t, s, k)
		if !reflect.DeepEqual(got.Overall, o) || got.Version != stored.Version+1 {
			t.Fatalf("part one %+v, version %d", got.Overall, got.Version)
		}
		if !reflect.DeepEqual(got.Projects, stored.Projects) {
			t.Error("the projects changed with part one")
		}
		if _, err := s.SaveOverall(ctx, k, stored.Overall, stored.Version, "editor2"); !errors.Is(err, jixiao.ErrConflict) {
			t.Fatalf("a stale save: %v", err)
		}
		trail, err := s.AuditLog(ctx, AuditFilter{Unit: k.Unit, Year: k.Year})
		if err != nil {
			t.Fatal(err)
		}
		last := trail[len(trail)-1]
		if last.Action != AuditOverall || !strings.Contains(last.After, "加强预算执行") || last.Before == "" {
			t.Errorf("the trail's last entry %+v", last)
		}
		reviewer := &auth.User{Name: "wang", Role: auth.Reviewer}
		editor := &auth.User{Name: "zhang", Role: auth.Editor, Units: []string{"414001"}}
		for _, m := range []struct {
			to workflow.State
			u  *auth.User
		}{{workflow.Submitted, editor}, {workflow.Approved, reviewer}} {
			if err := s.Transition(ctx, k, workflow.Goals, m.to, m.u, ""); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := s.SaveOverall(ctx, k, stored.Overall, got.Version, "editor"); !errors.Is(err, ErrGoalsLocked) {
			t.Errorf("part one of approved goals: %v", err)
		}
	})
}

// A project is added to a document and removed from it on its own, with
// the page's version: the others and their records stay as stored; a
// code the document has is refused, and so is removing a project with
// records on file; both go to the trail.
func TestAddAndRemoveProject(t *testing.T) {
	forEachEngine(t, func(t *testing.T, s *Store) {
		d := sampleDoc("414001", 2024)
		d.Projects[0].Spending = []jixiao.Spending{{Date: jixiao.NewDate(2024, 3, 1), Amount: 1_000_000, Note: "电费", Entered: jixiao.Stamp{By: "t"}}}
		save(t, s, d)
		k := d.Key()
		stored := read(t, s, k)
		p := stored.Projects[1]
		p.Code, p.Name = "13022525P000099", "新的项目"
		if _, err := s.AddProject(ctx, k, &p, stored.Version, "editor"); err != nil {
			t.Fatal(err)
		}
		got := read(t, s, k)
		if len(got.Projects) != len(stored.Projects)+1 || got.Projects[len(got.Projects)-1].Name != "新的项目" {
			t.Fatalf("after adding: %d projects", len(got.Projects))
		}
		if len(got.Projects[0].Spending) != 1 {
			t.Error("another project's records were lost")
		}
		if _, err := s.AddProject(ctx, k, &p, got.Version, "editor"); !errors.Is(err, ErrInvalid) {
			t.Errorf("a code the document has: %v", err)
		}
		if _, err := s.RemoveProject(ctx, k, stored.Projects[0].Code, got.Version, "editor"); !errors.Is(err, ErrInvalid) {
			t.Errorf("removing a project with a payment: %v", err)
		}
		if _, err := s.RemoveProject(ctx, k, p.Code, stored.Version, "editor"); !errors.Is(err, jixiao.ErrConflict) {
			t.Errorf("removing from a stale page: %v", err)
		}
		if _, err := s.RemoveProject(ctx, k, p.Code, got.Version, "editor"); err != nil {
			t.Fatal(err)
		}
		after := read(t, s, k)
		if len(after.Projects) != len(stored.Projects) || len(after.Projects[0].Spending) != 1 {
			t.Fatalf("after removing: %d projects, %d payments", len(after.Projects), len(after.Projects[0].Spending))
		}
		trail, _ := s.AuditLog(ctx, AuditFilter{Unit: k.Unit, Year: k.Year, Project: p.Code})
		var actions []string
		for _, e := range trail {
			actions = append(actions, e.Action)
		}
		if strings.Join(actions, " ") != AuditGoalsAdd+" "+AuditGoalsRemove {
			t.Errorf("the project's trail %v", actions)
		}
	})
}
