package store

import (
	"errors"
	"reflect"
	"testing"

	"jixiao"
	"jixiao/example"
	"jixiao/gen"
	"jixiao/monitor"
	"jixiao/review"
	"jixiao/textdoc"
)

func exampleDoc(t *testing.T) *jixiao.Document {
	t.Helper()
	d, err := textdoc.Read(example.Name, example.Laoting, textdoc.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// checkStoredReview fails unless the stored review of document k, as
// Outline and ProjectOf read it, is review.Review of the stored document:
// each project's grade, indicator count and findings (by review.About)
// with their counts, the document's counts over every finding and its
// first errors and warnings in order; and ProjectOf's project is the
// stored one without records.
func checkStoredReview(t *testing.T, s *Store, k jixiao.Key) *jixiao.Document {
	t.Helper()
	doc := read(t, s, k)
	rep := review.Review(doc, review.DefaultConfig())
	o, err := s.Outline(ctx, k)
	if err != nil {
		t.Fatalf("Outline: %v", err)
	}
	if len(o.Doc.Projects) != len(doc.Projects) || len(o.Projects) != len(doc.Projects) {
		t.Fatalf("outline has %d projects and %d reviews, document %d", len(o.Doc.Projects), len(o.Projects), len(doc.Projects))
	}
	if !reflect.DeepEqual(o.Doc.Overall, doc.Overall) || o.Doc.Unit != doc.Unit || o.Doc.Version != doc.Version {
		t.Errorf("outline head or part one differs from the document")
	}
	var all StoredReview
	all.Indicators = doc.IndicatorCount()
	for _, f := range rep.Findings {
		tallyTest(&all, f.Severity)
		if f.Severity != review.Info && len(all.Findings) < LeadingFindings {
			all.Findings = append(all.Findings, f)
		}
	}
	if all.Errors != rep.Summary.Errors || all.Warnings != rep.Summary.Warnings || all.Infos != rep.Summary.Infos {
		t.Fatalf("test tally %+v differs from the summary %+v", all, rep.Summary)
	}
	if !reflect.DeepEqual(o.Review, all) {
		t.Errorf("document review:\n got %+v\nwant %+v", o.Review, all)
	}
	for i := range doc.Projects {
		p := &doc.Projects[i]
		want := StoredReview{Code: p.Code, Grade: rep.Projects[i].Grade, Indicators: len(p.Indicators)}
		for _, f := range rep.Findings {
			if f.Project != "" && (f.Project == p.Code || jixiao.SameName(f.Project, p.Name)) {
				tallyTest(&want, f.Severity)
				want.Findings = append(want.Findings, f)
			}
		}
		withFindings := want
		want.Findings = nil
		if got := o.Projects[i]; !reflect.DeepEqual(got, want) {
			t.Errorf("outline of project %s:\n got %+v\nwant %+v", p.Code, got, want)
		}
		if o.Doc.Projects[i].Code != p.Code || o.Doc.Projects[i].Budget != p.Budget || o.Doc.Projects[i].Name != p.Name {
			t.Errorf("outline project %d is %s %s", i+1, o.Doc.Projects[i].Code, o.Doc.Projects[i].Name)
		}
		pr, err := s.ProjectOf(ctx, k, p.Code)
		if err != nil {
			t.Fatalf("ProjectOf(%s): %v", p.Code, err)
		}
		if !reflect.DeepEqual(pr.Review, withFindings) {
			t.Errorf("ProjectOf(%s) review:\n got %+v\nwant %+v", p.Code, pr.Review, withFindings)
		}
		bare := *p
		bare.Spending, bare.Progress, bare.Evaluation = nil, nil, nil
		if pr.Number != i+1 || len(pr.Doc.Projects) != 1 || !reflect.DeepEqual(pr.Doc.Projects[0], bare) {
			t.Errorf("ProjectOf(%s) = number %d, project %+v", p.Code, pr.Number, pr.Doc.Projects)
		}
		if pr.Doc.Unit != doc.Unit || pr.Doc.Year != doc.Year || pr.Doc.Version != doc.Version {
			t.Errorf("ProjectOf(%s) head = %+v", p.Code, pr.Doc)
		}
	}
	return doc
}

func tallyTest(r *StoredReview, sev review.Severity) {
	switch sev {
	case review.Error:
		r.Errors++
	case review.Warning:
		r.Warnings++
	default:
		r.Infos++
	}
}

// The stored review is the review of the stored document, for the
// customer's example and for a generated unit.
func TestStoredReviewIsTheReview(t *testing.T) {
	forEachEngine(t, func(t *testing.T, s *Store) {
		d := exampleDoc(t)
		g := gen.Unit(gen.Options{Units: 1, ProjectsPerUnit: 40, Seed: 3}, 3)
		save(t, s, d, g)
		checkStoredReview(t, s, d.Key())
		doc := checkStoredReview(t, s, g.Key())
		if n := counts(t, s)["review_results"]; n != int64(len(d.Projects)+len(doc.Projects)+2) {
			t.Errorf("review_results has %d rows", n)
		}
		if _, err := s.ProjectOf(ctx, jixiao.Key{Unit: "999999", Year: 2024}, "x"); !errors.Is(err, jixiao.ErrNotFound) {
			t.Errorf("ProjectOf of a missing document: %v", err)
		}
		pr, err := s.ProjectOf(ctx, d.Key(), "no-such-code")
		if err != nil || len(pr.Doc.Projects) != 0 || pr.Doc.Unit != d.Unit {
			t.Errorf("ProjectOf of a missing project = %+v, %v", pr, err)
		}
	})
}

// Every write of the goals stores their new review at once: an edited
// project (SaveProject), a document saved again with a changed and a
// removed project (SaveDocuments).
func TestGoalsWriteUpdatesStoredReview(t *testing.T) {
	forEachEngine(t, func(t *testing.T, s *Store) {
		d := exampleDoc(t)
		save(t, s, d)
		k := d.Key()
		before, err := s.ProjectOf(ctx, k, d.Projects[0].Code)
		if err != nil {
			t.Fatal(err)
		}
		// Blank the first indicator's value: the review must find it.
		p := d.Projects[0]
		p.Indicators = append([]jixiao.Indicator(nil), p.Indicators...)
		p.Indicators[0].Value, p.Indicators[0].Target = "", jixiao.Target{}
		if _, err := s.SaveProject(ctx, k, &p, d.Version, "editor"); err != nil {
			t.Fatal(err)
		}
		after, err := s.ProjectOf(ctx, k, p.Code)
		if err != nil {
			t.Fatal(err)
		}
		if after.Review.Errors <= before.Review.Errors {
			t.Errorf("blank value: errors %d → %d", before.Review.Errors, after.Review.Errors)
		}
		found := false
		for _, f := range after.Review.Findings {
			found = found || (f.Indicator == 1 && f.Severity == review.Error)
		}
		if !found {
			t.Errorf("no error on indicator 1 after blanking it: %+v", after.Review.Findings)
		}
		checkStoredReview(t, s, k)

		again := read(t, s, k)
		again.Projects = again.Projects[:len(again.Projects)-1]
		again.Projects[1].Indicators[0].Level3 = ""
		for i := range again.Projects {
			again.Projects[i].Spending, again.Projects[i].Progress, again.Projects[i].Evaluation = nil, nil, nil
		}
		save(t, s, again)
		checkStoredReview(t, s, k)
		if n := counts(t, s)["review_results"]; n != int64(len(again.Projects)+1) {
			t.Errorf("review_results has %d rows after removing a project", n)
		}
	})
}

// A document stored before reviews were kept (no rows), or reviewed by
// another release, is reviewed the first time a page reads it.
func TestOutlineReviewsOnFirstRead(t *testing.T) {
	forEachEngine(t, func(t *testing.T, s *Store) {
		d := exampleDoc(t)
		save(t, s, d)
		if _, err := s.write.ExecContext(ctx, `DELETE FROM review_results`); err != nil {
			t.Fatal(err)
		}
		if _, err := s.ProjectOf(ctx, d.Key(), d.Projects[2].Code); err != nil {
			t.Fatal(err)
		}
		if n := counts(t, s)["review_results"]; n != int64(len(d.Projects)+1) {
			t.Errorf("review_results has %d rows after the first read", n)
		}
		if _, err := s.write.ExecContext(ctx, `DELETE FROM review_results`); err != nil {
			t.Fatal(err)
		}
		checkStoredReview(t, s, d.Key())
		// Results of another review (an earlier release) are not shown:
		// they are made again.
		if _, err := s.write.ExecContext(ctx, `UPDATE review_results SET rules = 'earlier', grade = 'X', errors = 99, findings = '[]'`); err != nil {
			t.Fatal(err)
		}
		checkStoredReview(t, s, d.Key())
	})
}

// monitor.Document on MonitorInputs gives what it gives on the whole
// loaded document, on every date, with corrected spending and progress.
func TestMonitorInputsAggregates(t *testing.T) {
	forEachEngine(t, func(t *testing.T, s *Store) {
		d := exampleDoc(t)
		g := gen.Unit(gen.Options{Units: 1, ProjectsPerUnit: 25, Seed: 5}, 4)
		save(t, s, d, g)
		k := g.Key()
		stored := read(t, s, k)
		// Corrections: a payment halved, a payment moved out of the
		// year's first half, a progress report replaced by one saying the
		// target cannot be met, and a report after a later date.
		n := 0
		for i := range stored.Projects {
			p := &stored.Projects[i]
			if len(p.Spending) > 1 && n < 6 {
				n++
				first := p.Spending[0]
				if _, err := s.AddSpending(ctx, k, p.Code, jixiao.Spending{Date: first.Date, Amount: first.Amount / 2,
					Note: "更正", Replaces: first.ID, Entered: jixiao.Stamp{By: "t"}}); err != nil {
					t.Fatal(err)
				}
				second := p.Spending[1]
				if _, err := s.AddSpending(ctx, k, p.Code, jixiao.Spending{Date: jixiao.Date{Y: g.Year, M: 11, D: 20},
					Amount: second.Amount, Note: "日期更正", Replaces: second.ID, Entered: jixiao.Stamp{By: "t"}}); err != nil {
					t.Fatal(err)
				}
			}
			if len(p.Progress) > 0 && i%3 == 0 {
				last := p.Progress[len(p.Progress)-1]
				if _, err := s.AddProgress(ctx, k, p.Code, jixiao.Progress{Indicator: last.Indicator, AsOf: last.AsOf,
					Value: last.Value, Cause: "其他", Likelihood: "完全不可能", Measures: "更正", Replaces: last.ID,
					Entered: jixiao.Stamp{By: "t"}}); err != nil {
					t.Fatal(err)
				}
				if _, err := s.AddProgress(ctx, k, p.Code, jixiao.Progress{Indicator: last.Indicator,
					AsOf: jixiao.Date{Y: g.Year, M: 12, D: 1}, Value: last.Value, Likelihood: "确定能",
					Entered: jixiao.Stamp{By: "t"}}); err != nil {
					t.Fatal(err)
				}
			}
		}
		if n == 0 {
			t.Fatal("the generated unit has no project with two payments")
		}
		reported, red := 0, 0
		for _, key := range []jixiao.Key{d.Key(), k} {
			full := read(t, s, key)
			y := full.Year
			for _, day := range []jixiao.Date{{Y: y - 1, M: 12, D: 31}, {Y: y, M: 1, D: 1}, {Y: y, M: 3, D: 31},
				{Y: y, M: 6, D: 30}, {Y: y, M: 9, D: 30}, {Y: y, M: 11, D: 20}, {Y: y, M: 12, D: 1}, {Y: y, M: 12, D: 31}} {
				in, err := s.MonitorInputs(ctx, key, day)
				if err != nil {
					t.Fatal(err)
				}
				want := monitor.Document(full, day, monitor.DefaultConfig())
				got := monitor.Document(in, day, monitor.DefaultConfig())
				n, r := sameMonitor(t, key, day, got, want)
				reported, red = reported+n, red+r
			}
		}
		if reported == 0 || red == 0 {
			t.Errorf("the comparison saw %d reported indicators and %d red projects", reported, red)
		}
	})
}

// sameMonitor compares two roll-ups in full, and counts the indicators
// with a report and the red projects the comparison covered.
func sameMonitor(t *testing.T, k jixiao.Key, day jixiao.Date, got, want monitor.Department) (reported, red int) {
	t.Helper()
	if len(got.Projects) != len(want.Projects) {
		t.Fatalf("%s %s: %d projects, want %d", k, day, len(got.Projects), len(want.Projects))
	}
	for i := range want.Projects {
		for _, in := range want.Projects[i].Indicators {
			if in.Status != monitor.StatusNone {
				reported++
			}
		}
		if !reflect.DeepEqual(got.Projects[i], want.Projects[i]) {
			t.Errorf("%s %s project %d:\n got %+v\nwant %+v", k, day, i+1, got.Projects[i], want.Projects[i])
		}
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("%s %s roll-up differs", k, day)
	}
	return reported, want.Red
}
