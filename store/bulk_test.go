package store

import (
	"slices"
	"testing"

	"jixiao"
)

// recordIDs lists the ids of every spending and progress record of the
// documents, in document, project and record order.
func recordIDs(docs []*jixiao.Document) (spending, progress []int64) {
	for _, d := range docs {
		for i := range d.Projects {
			for _, r := range d.Projects[i].Spending {
				spending = append(spending, r.ID)
			}
			for _, r := range d.Projects[i].Progress {
				progress = append(progress, r.ID)
			}
		}
	}
	return spending, progress
}

// increasing fails unless ids are all above floor and strictly increasing.
func increasing(t *testing.T, what string, ids []int64, floor int64) {
	t.Helper()
	if len(ids) == 0 {
		t.Fatalf("%s: no ids", what)
	}
	for i, id := range ids {
		if id <= floor || (i > 0 && id <= ids[i-1]) {
			t.Fatalf("%s: id %d at %d of %d, after %d (floor %d)", what, id, i, len(ids), ids[max(i-1, 0)], floor)
		}
	}
}

// A bulk save of many documents with their records stores exactly what
// was given: every document reads back equal to the saved one (ids and
// stamps written back included), numbered rows get ids in the order of
// the documents that never repeat across saves, a second save's records
// can name the first save's records they replace, and records added one
// at a time afterwards are numbered above everything imported.
func TestSaveDocumentsBulkRoundTrip(t *testing.T) {
	forEachEngine(t, func(t *testing.T, s *Store) {
		all := genDocs(9, 8)
		first, second := all[:6], all[6:]
		save(t, s, first...)
		sp1, pr1 := recordIDs(first)
		increasing(t, "spending of the first save", sp1, 0)
		increasing(t, "progress of the first save", pr1, 0)
		for _, d := range first {
			sameDoc(t, read(t, s, d.Key()), d)
		}

		// The second save: new documents, and the first document again
		// with one project fewer and a correction that names a record of
		// the first save.
		again := read(t, s, first[0].Key())
		again.Projects = again.Projects[1:]
		p := &again.Projects[0]
		if len(p.Spending) == 0 {
			t.Fatal("generated project without spending")
		}
		old := p.Spending[0]
		p.Spending = append(p.Spending, jixiao.Spending{Date: old.Date, Amount: 0, Note: "更正",
			Replaces: old.ID, Entered: jixiao.Stamp{By: "审核人"}})
		docs := append([]*jixiao.Document{again}, second...)
		save(t, s, docs...)
		sp2, pr2 := recordIDs(docs)
		increasing(t, "spending of the second save", sp2, slices.Max(sp1))
		increasing(t, "progress of the second save", pr2, slices.Max(pr1))
		for _, d := range docs {
			sameDoc(t, read(t, s, d.Key()), d)
		}
		got := read(t, s, again.Key())
		if fix := got.Projects[0].Spending[len(got.Projects[0].Spending)-1]; fix.Replaces != old.ID || fix.Note != "更正" {
			t.Errorf("correction stored as %+v, want it to replace %d", fix, old.ID)
		}
		for _, d := range first[1:] {
			sameDoc(t, read(t, s, d.Key()), d)
		}

		// One record at a time after the bulk saves.
		k, code := second[0].Key(), second[0].Projects[0].Code
		last := second[0].Projects[0].Spending[len(second[0].Projects[0].Spending)-1]
		added, err := s.AddSpending(ctx, k, code, jixiao.Spending{Date: last.Date, Amount: 1, Note: "补录",
			Entered: jixiao.Stamp{By: "录入员"}})
		if err != nil {
			t.Fatal(err)
		}
		if added.ID <= slices.Max(sp2) {
			t.Errorf("spending added after the imports got id %d, imported ids reach %d", added.ID, slices.Max(sp2))
		}
		pg := second[0].Projects[0].Progress
		if len(pg) == 0 {
			t.Fatal("generated project without progress")
		}
		ap, err := s.AddProgress(ctx, k, code, jixiao.Progress{Indicator: pg[0].Indicator, AsOf: pg[len(pg)-1].AsOf,
			Value: pg[0].Value, Replaces: pg[0].ID, Entered: jixiao.Stamp{By: "录入员"}})
		if err != nil {
			t.Fatal(err)
		}
		if ap.ID <= slices.Max(pr2) {
			t.Errorf("progress added after the imports got id %d, imported ids reach %d", ap.ID, slices.Max(pr2))
		}

		// The counts agree with the documents stored.
		n := counts(t, s)
		var projects, indicators, spending, progress int64
		for _, d := range append(slices.Clone(docs), first[1:]...) {
			projects += int64(len(d.Projects))
			for i := range d.Projects {
				indicators += int64(len(d.Projects[i].Indicators))
				spending += int64(len(d.Projects[i].Spending))
				progress += int64(len(d.Projects[i].Progress))
			}
		}
		if n["projects"] != projects || n["indicators"] != indicators || n["spending"] != spending+1 || n["progress"] != progress+1 {
			t.Errorf("counts %v, want %d projects, %d indicators, %d spending, %d progress", n,
				projects, indicators, spending+1, progress+1)
		}
	})
}
