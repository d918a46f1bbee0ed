package store

import (
	"encoding/json"
	"math"
	"path/filepath"
	"runtime/debug"
	"strings"
	"testing"
	"time"

	"jixiao"
	"jixiao/example"
	"jixiao/gen"
	"jixiao/monitor"
	"jixiao/review"
	"jixiao/score"
	"jixiao/textdoc"
)

// partsProvince stores the customer's example and generated documents,
// with corrected payments and progress reports (some corrections dated
// after the monitoring dates, so the correction rule is what decides),
// and executions given on some evaluations.
func partsProvince(t *testing.T, s *Store) {
	t.Helper()
	ex, err := textdoc.Read(example.Name, example.Laoting, textdoc.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var docs []*jixiao.Document
	for _, d := range gen.Province(gen.Options{Units: 7, ProjectsPerUnit: 12, Seed: 7}) {
		if d.Key() != ex.Key() { // the generator's first unit is the example's
			docs = append(docs, d)
		}
	}
	for _, d := range docs {
		n := 0
		for i := range d.Projects {
			if e := d.Projects[i].Evaluation; e != nil && n%2 == 0 {
				e.HasExecuted, e.Executed = true, d.Projects[i].Budget/3
				n++
			} else if e != nil {
				n++
			}
		}
	}
	save(t, s, append(docs, ex)...)
	day := func(m, d int) jixiao.Date { return jixiao.Date{Y: 2024, M: time.Month(m), D: d} }
	var entries []Entry
	for _, k := range []jixiao.Key{ex.Key(), docs[0].Key(), docs[3].Key()} {
		d := read(t, s, k)
		for i := range d.Projects {
			p := &d.Projects[i]
			switch {
			case len(p.Spending) >= 2 && i%3 == 0:
				// A correction inside the year, and one after 30 September
				// of a payment before it.
				entries = append(entries,
					Entry{Key: k, Code: p.Code, Spending: &jixiao.Spending{Date: day(8, 15), Amount: p.Spending[0].Amount / 2,
						Replaces: p.Spending[0].ID, Entered: jixiao.Stamp{By: "tester"}}},
					Entry{Key: k, Code: p.Code, Spending: &jixiao.Spending{Date: day(11, 2), Amount: p.Spending[1].Amount / 3,
						Replaces: p.Spending[1].ID, Entered: jixiao.Stamp{By: "tester"}}})
			case len(p.Spending) == 0 && len(p.Indicators) > 0 && p.Budget > 10:
				// The example has no records: a payment, a report and
				// their corrections.
				entries = append(entries,
					Entry{Key: k, Code: p.Code, Spending: &jixiao.Spending{Date: day(4, 1), Amount: p.Budget / 10, Note: "首付",
						Entered: jixiao.Stamp{By: "tester"}}},
					Entry{Key: k, Code: p.Code, Progress: &jixiao.Progress{Indicator: 1, AsOf: day(6, 30), Value: p.Indicators[0].Value,
						Likelihood: "有可能", Cause: "其他", Measures: "加快进度", Entered: jixiao.Stamp{By: "tester"}}})
			}
			if len(p.Progress) > 0 && i%4 == 1 {
				r := p.Progress[0]
				entries = append(entries, Entry{Key: k, Code: p.Code, Progress: &jixiao.Progress{Indicator: r.Indicator,
					AsOf: day(10, 8), Value: r.Value, Likelihood: "完全不可能", Cause: "其他", Measures: "调整计划",
					Replaces: r.ID, Entered: jixiao.Stamp{By: "tester"}}})
			}
		}
	}
	if _, err := s.AddRecords(ctx, entries); err != nil {
		t.Fatalf("AddRecords: %v", err)
	}
	// Corrections of the example's first records, now that they have ids.
	d := read(t, s, ex.Key())
	for i := range d.Projects {
		p := &d.Projects[i]
		if len(p.Spending) > 0 && len(p.Progress) > 0 && i%2 == 0 {
			if _, err := s.AddSpending(ctx, ex.Key(), p.Code, jixiao.Spending{Date: day(9, 30), Amount: p.Spending[0].Amount + 1,
				Replaces: p.Spending[0].ID, Entered: jixiao.Stamp{By: "tester"}}); err != nil {
				t.Fatal(err)
			}
			if _, err := s.AddProgress(ctx, ex.Key(), p.Code, jixiao.Progress{Indicator: 1, AsOf: day(7, 1), Value: p.Progress[0].Value,
				Likelihood: "确定能", Replaces: p.Progress[0].ID, Entered: jixiao.Stamp{By: "tester"}}); err != nil {
				t.Fatal(err)
			}
		}
	}
}

// results are review, monitoring (on three dates) and scoring of a
// document as JSON, each with its error, by document.
func results(t *testing.T, s *Store, parts Parts, step string) map[jixiao.Key]string {
	t.Helper()
	out := map[jixiao.Key]string{}
	rcfg, mcfg, scfg := review.DefaultConfig(), monitor.DefaultConfig(), score.DefaultConfig()
	err := s.EachDocument(ctx, Filter{Parts: parts}, func(d *jixiao.Document) error {
		var v []any
		switch step {
		case "review":
			v = append(v, review.Review(d, rcfg))
		case "monitor":
			for _, at := range []jixiao.Date{{Y: 2024, M: 6, D: 30}, {Y: 2024, M: 9, D: 30}, {Y: 2024, M: 12, D: 31}} {
				v = append(v, monitor.Document(d, at, mcfg))
			}
		case "score":
			rs, err := score.Document(d, scfg)
			msg := ""
			if err != nil {
				msg = err.Error()
			}
			v = append(v, rs, msg)
		}
		b, err := json.Marshal(v)
		if err != nil {
			return err
		}
		out[d.Key()] = string(b)
		return nil
	})
	if err != nil {
		t.Fatalf("EachDocument(%b): %v", parts, err)
	}
	return out
}

// Review, monitoring and scoring give on documents read with only their
// parts exactly what they give on whole documents, byte for byte.
func TestPartsSameResults(t *testing.T) {
	forEachEngine(t, func(t *testing.T, s *Store) {
		partsProvince(t, s)
		for _, c := range []struct {
			step  string
			parts Parts
		}{{"review", ForReview}, {"monitor", ForMonitor}, {"score", ForScore}} {
			whole, part := results(t, s, 0, c.step), results(t, s, c.parts, c.step)
			if len(whole) < 7 || len(part) != len(whole) {
				t.Fatalf("%s: %d documents whole, %d in part", c.step, len(whole), len(part))
			}
			scored := 0
			for k, w := range whole {
				if part[k] != w {
					t.Errorf("%s of %s differs:\nwhole %s\npart  %s", c.step, k, w, part[k])
				}
				if c.step == "score" && len(w) > 20 {
					scored++
				}
			}
			if c.step == "score" && scored < 6 {
				t.Errorf("only %d documents have scores; the test scores nothing", scored)
			}
		}
	})
}

// Each part set reads what it says and leaves out the rest.
func TestPartsLeaveOut(t *testing.T) {
	forEachEngine(t, func(t *testing.T, s *Store) {
		partsProvince(t, s)
		var all, evaluated int
		err := s.EachDocument(ctx, Filter{}, func(d *jixiao.Document) error {
			for _, p := range d.Projects {
				all++
				if p.Evaluation != nil {
					evaluated++
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		check := func(parts Parts, f func(d *jixiao.Document) string) int {
			n := 0
			err := s.EachDocument(ctx, Filter{Parts: parts}, func(d *jixiao.Document) error {
				n += len(d.Projects)
				if msg := f(d); msg != "" {
					t.Errorf("parts %b, %s: %s", parts, d.Key(), msg)
				}
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
			return n
		}
		n := check(ForReview, func(d *jixiao.Document) string {
			for _, p := range d.Projects {
				if len(p.Spending)+len(p.Progress) > 0 || p.Evaluation != nil || p.Purpose != "" {
					return "records or purpose read for review"
				}
				if len(p.Indicators) == 0 || p.Indicators[0].Level1 == "" {
					return "indicators missing"
				}
			}
			if len(d.Overall.ProjectGoals) == 0 {
				return "part one missing"
			}
			return ""
		})
		if n != all {
			t.Errorf("review read %d projects of %d", n, all)
		}
		spent := 0
		check(ForMonitor, func(d *jixiao.Document) string {
			if len(d.Overall.Goals) > 0 {
				return "part one read for monitoring"
			}
			for _, p := range d.Projects {
				spent += len(p.Spending)
				for _, s := range p.Spending {
					if s.Note != "" || s.Entered.By != "" || !s.Entered.At.IsZero() {
						return "who entered a payment read for monitoring"
					}
				}
				if p.Evaluation != nil || (len(p.Indicators) > 0 && (p.Indicators[0].Description != "" || p.Indicators[0].Level1 != "")) {
					return "evaluation or indicator texts read for monitoring"
				}
			}
			return ""
		})
		if spent == 0 {
			t.Error("monitoring read no payments")
		}
		n = check(ForScore, func(d *jixiao.Document) string {
			for _, p := range d.Projects {
				if p.Evaluation == nil || len(p.Evaluation.Actuals) == 0 {
					return "a project without its evaluation read for scoring"
				}
				if len(p.Progress) > 0 || len(p.Plan) > 0 {
					return "progress or plans read for scoring"
				}
			}
			return ""
		})
		if n != evaluated || n == 0 || n == all {
			t.Errorf("scoring read %d projects; %d of %d are evaluated", n, evaluated, all)
		}
	})
}

// Under a soft memory limit a walk raises the collector's target while it
// runs and puts it back afterwards; without one it leaves it alone.
func TestWalkRaisesGCTarget(t *testing.T) {
	s := openTest(t, Config{SQLite: filepath.Join(t.TempDir(), "jixiao.db")})
	save(t, s, gen.Province(gen.Options{Units: 2, ProjectsPerUnit: 3, Seed: 1})...)
	gcPercent := func() int { p := debug.SetGCPercent(-1); debug.SetGCPercent(p); return p }
	before, limit := debug.SetGCPercent(100), debug.SetMemoryLimit(-1)
	defer debug.SetGCPercent(before)
	defer debug.SetMemoryLimit(limit)
	for _, c := range []struct {
		limit  int64
		during int
	}{{math.MaxInt64, 100}, {150 << 20, walkGCPercent}} {
		debug.SetMemoryLimit(c.limit)
		var seen []int
		err := s.EachDocument(ctx, Filter{}, func(*jixiao.Document) error {
			seen = append(seen, gcPercent())
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		if len(seen) != 2 || seen[0] != c.during || seen[1] != c.during {
			t.Errorf("limit %d: target during the walk %v, want %d", c.limit, seen, c.during)
		}
		if p := gcPercent(); p != 100 {
			t.Errorf("limit %d: target after the walk %d, want 100", c.limit, p)
		}
	}
}

// A walk as of a day (Filter.SpentTo: spending summed in the database,
// progress reports up to the day and the corrections) gives monitor.Document
// as of that day exactly what whole documents give, on days before, inside
// and after the corrections; and a walk as of a day of another year than
// the filter's is refused.
func TestWalkSpentToSameMonitoring(t *testing.T) {
	forEachEngine(t, func(t *testing.T, s *Store) {
		partsProvince(t, s)
		mcfg := monitor.DefaultConfig()
		for _, at := range []jixiao.Date{{Y: 2024, M: 3, D: 31}, {Y: 2024, M: 6, D: 30}, {Y: 2024, M: 9, D: 30},
			{Y: 2024, M: 10, D: 8}, {Y: 2024, M: 12, D: 31}} {
			whole := map[jixiao.Key]string{}
			if err := s.EachDocument(ctx, Filter{Year: 2024}, func(d *jixiao.Document) error {
				b, err := json.Marshal(monitor.Document(d, at, mcfg))
				whole[d.Key()] = string(b)
				return err
			}); err != nil {
				t.Fatal(err)
			}
			n, summed := 0, 0
			if err := s.EachDocument(ctx, Filter{Year: 2024, Parts: ForMonitor, SpentTo: at}, func(d *jixiao.Document) error {
				n++
				for i := range d.Projects {
					if len(d.Projects[i].Spending) > 1 {
						t.Errorf("%s %s: %d spending records, want one total", d.Key(), d.Projects[i].Code, len(d.Projects[i].Spending))
					}
					summed += len(d.Projects[i].Spending)
				}
				b, err := json.Marshal(monitor.Document(d, at, mcfg))
				if string(b) != whole[d.Key()] {
					t.Errorf("%s as of %s differs:\nwhole  %s\nsummed %s", d.Key(), at, whole[d.Key()], b)
				}
				return err
			}); err != nil {
				t.Fatal(err)
			}
			if n != len(whole) || n < 7 || at.M > 3 && summed == 0 {
				t.Fatalf("as of %s: %d documents summed (%d projects with spending), %d whole", at, n, summed, len(whole))
			}
		}
		err := s.EachDocument(ctx, Filter{Parts: ForMonitor, SpentTo: jixiao.Date{Y: 2024, M: 9, D: 30}}, func(*jixiao.Document) error { return nil })
		if err == nil || !strings.Contains(err.Error(), "2024") {
			t.Fatalf("a walk as of a day without its year: %v", err)
		}
	})
}

// Scoring on a walk with spending summed to the year's end gives what it
// gives on whole documents: the year's execution is the same total.
func TestWalkSpentToSameScores(t *testing.T) {
	forEachEngine(t, func(t *testing.T, s *Store) {
		partsProvince(t, s)
		cfg := score.DefaultConfig()
		scores := func(f Filter) map[jixiao.Key]string {
			out := map[jixiao.Key]string{}
			if err := s.EachDocument(ctx, f, func(d *jixiao.Document) error {
				rs, err := score.Document(d, cfg)
				msg := ""
				if err != nil {
					msg = err.Error()
				}
				b, err := json.Marshal([]any{rs, msg})
				out[d.Key()] = string(b)
				return err
			}); err != nil {
				t.Fatal(err)
			}
			return out
		}
		whole := scores(Filter{Year: 2024})
		summed := scores(Filter{Year: 2024, Parts: ForScore, SpentTo: jixiao.YearEnd(2024)})
		executed := 0
		for k, w := range whole {
			if summed[k] != w {
				t.Errorf("%s differs:\nwhole  %s\nsummed %s", k, w, summed[k])
			}
			executed += strings.Count(w, `"Executed":`) - strings.Count(w, `"Executed":0`)
		}
		if len(whole) < 7 || len(summed) != len(whole) || executed == 0 {
			t.Fatalf("%d documents whole, %d summed, %d executions", len(whole), len(summed), executed)
		}
	})
}
