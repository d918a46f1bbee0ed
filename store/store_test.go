package store

import (
	"context"
	"errors"
	"reflect"
	"slices"
	"strings"
	"testing"

	"jixiao"
)

var ctx = context.Background()

func save(t *testing.T, s *Store, docs ...*jixiao.Document) []jixiao.Change {
	t.Helper()
	cs, err := s.SaveDocuments(ctx, docs, "tester")
	if err != nil {
		t.Fatalf("SaveDocuments: %v", err)
	}
	if len(cs) != len(docs) {
		t.Fatalf("SaveDocuments returned %d changes for %d documents", len(cs), len(docs))
	}
	return cs
}

func read(t *testing.T, s *Store, k jixiao.Key) *jixiao.Document {
	t.Helper()
	d, err := s.Document(ctx, k)
	if err != nil {
		t.Fatalf("Document(%s): %v", k, err)
	}
	return d
}

func counts(t *testing.T, s *Store) map[string]int64 {
	t.Helper()
	m, err := s.Counts(ctx)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// sameDoc fails the test unless got deeply equals want, naming the first
// project that differs.
func sameDoc(t *testing.T, got, want *jixiao.Document) {
	t.Helper()
	if reflect.DeepEqual(got, want) {
		return
	}
	if len(got.Projects) == len(want.Projects) {
		for i := range got.Projects {
			if !reflect.DeepEqual(got.Projects[i], want.Projects[i]) {
				t.Fatalf("project %d differs:\n got %+v\nwant %+v", i+1, got.Projects[i], want.Projects[i])
			}
		}
	}
	g, w := *got, *want
	g.Projects, w.Projects = nil, nil
	t.Fatalf("document differs:\n got %+v\nwant %+v", g, w)
}

func TestSaveNewAndReadBack(t *testing.T) {
	forEachEngine(t, func(t *testing.T, s *Store) {
		if empty, err := s.Empty(ctx); err != nil || !empty {
			t.Fatalf("new store: Empty = %v, %v; want true", empty, err)
		}
		d := sampleDoc("414001", 2024)
		cs := save(t, s, d)
		c := cs[0]
		if !c.New || !slices.Equal(c.Added, []string{"P001", "P002", "P003"}) || c.Projects != 3 {
			t.Errorf("change = %+v, want new with three projects added", c)
		}
		if d.Version != 1 || d.Projects[0].Version != 1 || d.Projects[2].Version != 1 {
			t.Errorf("versions written back: document %d, project %d; want 1", d.Version, d.Projects[0].Version)
		}
		got := read(t, s, d.Key())
		sameDoc(t, got, d)
		if got.TotalBudget() != 310_860_000 || got.IndicatorCount() != 9 {
			t.Errorf("budget %d, indicators %d", got.TotalBudget(), got.IndicatorCount())
		}
		if empty, err := s.Empty(ctx); err != nil || empty {
			t.Fatalf("after save: Empty = %v, %v; want false", empty, err)
		}
		m := counts(t, s)
		steps, err := migrations()
		if err != nil {
			t.Fatal(err)
		}
		// Audit entries for the document and its part one and one per
		// added project; one review row for the document and one per
		// project.
		want := map[string]int64{"review_results": 4, "schema_migrations": int64(len(steps)), "units": 1, "documents": 1, "goal_sections": 2,
			"goal_items": 3, "project_goals": 2, "measures": 1, "projects": 3, "plan_points": 10,
			"indicators": 9, "spending": 0, "progress": 0, "evaluations": 0, "actuals": 0,
			"evaluation_history": 0, "users": 0, "sessions": 0, "api_tokens": 0, "workflow_state": 0,
			"workflow_transitions": 0, "goal_adjustments": 0, "audit_head": 1, "audit_log": 5,
			"review_remarks": 0, "work_records": 0, "indicator_measures": 0}
		if !reflect.DeepEqual(m, want) {
			t.Errorf("Counts = %v\nwant %v", m, want)
		}
	})
}

func TestDocumentNotFound(t *testing.T) {
	forEachEngine(t, func(t *testing.T, s *Store) {
		save(t, s, sampleDoc("414001", 2024))
		_, err := s.Document(ctx, jixiao.Key{Unit: "414001", Year: 2023})
		if !errors.Is(err, jixiao.ErrNotFound) {
			t.Fatalf("err = %v, want ErrNotFound", err)
		}
	})
}

func TestSaveSameAgainChangesNothing(t *testing.T) {
	forEachEngine(t, func(t *testing.T, s *Store) {
		save(t, s, sampleDoc("414001", 2024))
		before := counts(t, s)
		again := sampleDoc("414001", 2024)
		c := save(t, s, again)[0]
		if !c.Unchanged() || c.Same != 3 {
			t.Errorf("change = %+v, want unchanged", c)
		}
		got := read(t, s, again.Key())
		if got.Version != 1 || again.Version != 1 {
			t.Errorf("version stored %d, written back %d; want 1 (nothing changed)", got.Version, again.Version)
		}
		if after := counts(t, s); !reflect.DeepEqual(before, after) {
			t.Errorf("counts changed: %v → %v", before, after)
		}
		// The same projects in another order are a change of the document
		// but of no project.
		moved := sampleDoc("414001", 2024)
		moved.Projects[0], moved.Projects[2] = moved.Projects[2], moved.Projects[0]
		c = save(t, s, moved)[0]
		if !c.Unchanged() {
			t.Errorf("reordering changed projects: %+v", c)
		}
		got = read(t, s, moved.Key())
		if got.Version != 2 || got.Projects[0].Code != "P003" || got.Projects[0].Version != 1 {
			t.Errorf("after reorder: version %d, first %s v%d", got.Version, got.Projects[0].Code, got.Projects[0].Version)
		}
		sameDoc(t, got, moved)
	})
}

func TestReplaceKeepsRecordsOfSurvivingProjects(t *testing.T) {
	forEachEngine(t, func(t *testing.T, s *Store) {
		first := withRecords(sampleDoc("414001", 2024))
		save(t, s, first)
		stored := read(t, s, first.Key())
		sameDoc(t, stored, first)
		a, b := stored.Projects[0], stored.Projects[1]

		// P001 unchanged and without records; P002 changed and carrying new
		// spending; P003 removed; P004 added.
		next := sampleDoc("414001", 2024)
		next.Projects[1].Indicators[0].Value = "6人"
		next.Projects[1].Indicators[0].Target.Number = jixiao.Dec(6)
		next.Projects[1].Spending = []jixiao.Spending{{Date: jixiao.NewDate(2024, 9, 1), Amount: 150_000, Note: "更正"}}
		next.Projects = append(next.Projects[:2], jixiao.Project{Code: "P004", Name: "基层分局运转经费",
			Budget: 1_000_000, Fiscal: 1_000_000,
			Indicators: []jixiao.Indicator{{Level1: "产出指标", Level2: "数量指标", Level3: "分局", Value: "10个",
				Target: jixiao.Target{Kind: jixiao.Quantity, Op: "=", Number: jixiao.Dec(10), Unit: "个", Direction: jixiao.Positive}}}})
		next.Overall.Measures = append(next.Overall.Measures, jixiao.Measure{Heading: "加强队伍建设", Text: "培训。"})
		c := save(t, s, next)[0]
		if c.New || !slices.Equal(c.Added, []string{"P004"}) || !slices.Equal(c.Removed, []string{"P003"}) ||
			!slices.Equal(c.Changed, []string{"P002"}) || c.Same != 1 {
			t.Fatalf("change = %+v", c)
		}

		got := read(t, s, next.Key())
		if got.Version != 2 || next.Version != 2 {
			t.Errorf("document version stored %d, written back %d; want 2", got.Version, next.Version)
		}
		wantVersions := []int64{1, 2, 1}
		for i, p := range got.Projects {
			if p.Version != wantVersions[i] || next.Projects[i].Version != wantVersions[i] {
				t.Errorf("%s version stored %d, written back %d; want %d", p.Code, p.Version, next.Projects[i].Version, wantVersions[i])
			}
		}
		// P001 keeps every record, ids included.
		if !reflect.DeepEqual(got.Projects[0].Spending, a.Spending) || !reflect.DeepEqual(got.Projects[0].Progress, a.Progress) ||
			!reflect.DeepEqual(got.Projects[0].Evaluation, a.Evaluation) {
			t.Errorf("P001 records not kept:\n got %+v\nwant %+v", got.Projects[0], a)
		}
		// P002's spending is replaced, its evaluation kept.
		gb := got.Projects[1]
		if len(gb.Spending) != 1 || gb.Spending[0].Amount != 150_000 || gb.Spending[0].Entered.By != "tester" ||
			gb.Spending[0].ID == b.Spending[0].ID || gb.Spending[0].ID != next.Projects[1].Spending[0].ID {
			t.Errorf("P002 spending = %+v, want the new record stamped by tester", gb.Spending)
		}
		if !reflect.DeepEqual(gb.Evaluation, b.Evaluation) {
			t.Errorf("P002 evaluation = %+v, want kept %+v", gb.Evaluation, b.Evaluation)
		}
		if gb.Indicators[0].Value != "6人" {
			t.Errorf("P002 indicator not replaced: %+v", gb.Indicators[0])
		}
		// Everything of P003 is gone; only the records that survive remain.
		m := counts(t, s)
		want := map[string]int64{"projects": 3, "indicators": 4 + 3 + 1, "plan_points": 8, "spending": 3,
			"progress": 2, "evaluations": 2, "actuals": 3, "measures": 2}
		for table, n := range want {
			if m[table] != n {
				t.Errorf("%s has %d rows, want %d", table, m[table], n)
			}
		}
		sameDoc(t, got, func() *jixiao.Document {
			w := *next
			w.Projects = slices.Clone(next.Projects)
			w.Projects[0].Spending, w.Projects[0].Progress, w.Projects[0].Evaluation = a.Spending, a.Progress, a.Evaluation
			w.Projects[1].Evaluation = b.Evaluation
			return &w
		}())
	})
}

func TestFailedSaveChangesNothing(t *testing.T) {
	forEachEngine(t, func(t *testing.T, s *Store) {
		save(t, s, withRecords(sampleDoc("414001", 2024)))
		before := counts(t, s)
		check := func(t *testing.T, docs []*jixiao.Document, wantMsg string) {
			t.Helper()
			_, err := s.SaveDocuments(ctx, docs, "tester")
			if err == nil || !strings.Contains(err.Error(), wantMsg) {
				t.Fatalf("err = %v, want one saying %q", err, wantMsg)
			}
			if after := counts(t, s); !reflect.DeepEqual(before, after) {
				t.Errorf("failed save changed the database:\nbefore %v\n after %v", before, after)
			}
			for _, d := range docs {
				if d.Version != 0 {
					t.Errorf("failed save wrote version %d back into %s", d.Version, d.Key())
				}
			}
			if _, err := s.Document(ctx, jixiao.Key{Unit: "414002", Year: 2024}); !errors.Is(err, jixiao.ErrNotFound) {
				t.Errorf("first document of the failed batch is readable: %v", err)
			}
			if got := read(t, s, jixiao.Key{Unit: "414001", Year: 2024}); got.Version != 1 || len(got.Projects) != 3 {
				t.Errorf("stored document touched: version %d, %d projects", got.Version, len(got.Projects))
			}
		}
		t.Run("duplicate project code", func(t *testing.T) {
			bad := sampleDoc("414001", 2024)
			bad.Projects[2].Code = "P001"
			check(t, []*jixiao.Document{sampleDoc("414002", 2024), bad}, "项目编码“P001”重复")
		})
		t.Run("progress of an indicator that is gone", func(t *testing.T) {
			// Passes validation; the store finds out after writing, inside
			// the transaction, that P001's kept progress names indicator 4.
			bad := sampleDoc("414001", 2024)
			bad.Projects[0].Indicators = bad.Projects[0].Indicators[:3]
			check(t, []*jixiao.Document{sampleDoc("414002", 2024), bad}, "第 4 个指标")
		})
		t.Run("same document twice", func(t *testing.T) {
			check(t, []*jixiao.Document{sampleDoc("414002", 2024), sampleDoc("414002", 2024)}, "出现两次")
		})
		t.Run("record of no indicator", func(t *testing.T) {
			bad := sampleDoc("414001", 2024)
			bad.Projects[2].Progress = []jixiao.Progress{{Indicator: 9, Value: "1"}}
			check(t, []*jixiao.Document{sampleDoc("414002", 2024), bad}, "指向第 9 个指标")
		})
	})
}

func TestRecordsRoundTrip(t *testing.T) {
	forEachEngine(t, func(t *testing.T, s *Store) {
		d := withRecords(sampleDoc("414001", 2024))
		// One record without a stamp: the store stamps it with the saver.
		d.Projects[1].Progress = []jixiao.Progress{{Indicator: 2, AsOf: jixiao.NewDate(2024, 7, 31), Value: "100%"}}
		want := withRecords(sampleDoc("414001", 2024))
		save(t, s, d)
		got := read(t, s, d.Key())
		sameDoc(t, got, d)

		pg := got.Projects[1].Progress[0]
		if pg.Entered.By != "tester" || pg.Entered.At.IsZero() || pg.ID == 0 {
			t.Errorf("unstamped progress stored as %+v", pg)
		}
		a := got.Projects[0]
		if !reflect.DeepEqual(a.Evaluation, want.Projects[0].Evaluation) {
			t.Errorf("evaluation = %+v\nwant %+v", a.Evaluation, want.Projects[0].Evaluation)
		}
		for i, sp := range a.Spending {
			w := want.Projects[0].Spending[i]
			if sp.ID == 0 || sp.Date != w.Date || sp.Amount != w.Amount || sp.Note != w.Note || sp.Entered != w.Entered {
				t.Errorf("spending %d = %+v, want %+v", i+1, sp, w)
			}
		}
		if a.Spending[0].ID == a.Spending[1].ID {
			t.Errorf("two spending records share id %d", a.Spending[0].ID)
		}
		// A correction names the record it replaces.
		fix := sampleDoc("414001", 2024)
		fix.Projects[0].Spending = append(slices.Clone(a.Spending),
			jixiao.Spending{Date: jixiao.NewDate(2024, 6, 19), Amount: 2_900_000, Note: "更正", Replaces: a.Spending[1].ID})
		save(t, s, fix)
		got = read(t, s, d.Key())
		if sp := got.Projects[0].Spending; len(sp) != 3 || sp[2].Replaces != a.Spending[1].ID {
			t.Errorf("corrections = %+v", sp)
		}
	})
}

func TestDocumentsSummary(t *testing.T) {
	forEachEngine(t, func(t *testing.T, s *Store) {
		if list, err := s.Documents(ctx); err != nil || len(list) != 0 {
			t.Fatalf("empty store lists %v, %v", list, err)
		}
		b := sampleDoc("414002", 2024)
		b.Unit.Name = "乐亭县财政局"
		b.Projects = b.Projects[:1]
		save(t, s, b, sampleDoc("414001", 2023))
		save(t, s, sampleDoc("414001", 2024))
		touched := sampleDoc("414001", 2024)
		touched.Overall.Measures[0].Text += "加快审批。"
		save(t, s, touched)
		list, err := s.Documents(ctx)
		if err != nil {
			t.Fatal(err)
		}
		var keys []string
		for _, m := range list {
			keys = append(keys, m.Key.String())
		}
		if !slices.Equal(keys, []string{"414001/2024", "414001/2023", "414002/2024"}) {
			t.Fatalf("order = %v", keys)
		}
		m := list[0]
		if m.UnitName != "乐亭县市场监督管理局本级" || m.Projects != 3 || m.Indicators != 9 ||
			m.Budget != 310_860_000 || m.Version != 2 || m.Updated.IsZero() {
			t.Errorf("summary = %+v", m)
		}
		if m := list[2]; m.UnitName != "乐亭县财政局" || m.Projects != 1 || m.Indicators != 4 || m.Budget != 10_360_000 || m.Version != 1 {
			t.Errorf("summary = %+v", m)
		}
		if !list[0].Updated.After(list[1].Updated) && !list[0].Updated.Equal(list[1].Updated) {
			t.Errorf("updated %v before %v", list[0].Updated, list[1].Updated)
		}
	})
}

// Counts covers every table of the schema, so that what an import or a
// refused write changed can be seen in full; a migration that adds a
// table must add it to the list.
func TestCountsCoverEveryTable(t *testing.T) {
	forEachEngine(t, func(t *testing.T, s *Store) {
		q := `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`
		if s.Dialect() == "postgres" {
			q = `SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'`
		}
		rows, err := s.read.QueryContext(ctx, q)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		counts, err := s.Counts(ctx)
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		for rows.Next() {
			var name string
			if err := rows.Scan(&name); err != nil {
				t.Fatal(err)
			}
			n++
			if _, ok := counts[name]; !ok {
				t.Errorf("Counts leaves out table %s", name)
			}
		}
		if n != len(counts) {
			t.Errorf("%d tables, %d counted", n, len(counts))
		}
	})
}
