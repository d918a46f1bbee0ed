package store

import (
	"errors"
	"strings"
	"testing"
	"time"

	"jixiao"
	"jixiao/ledger"
)

// Work records are added all or none, read back by date with who entered
// them, withdrawn one by one, and every change is in the audit trail and
// raises the document's revision. Indicators bind to measures by position
// and take the indicator's current name.
func TestWorkRecords(t *testing.T) {
	forEachEngine(t, func(t *testing.T, s *Store) {
		d := sampleDoc("414101", 2024)
		save(t, s, d)
		k := d.Key()
		rev := func() int64 {
			r, err := s.Revision(ctx, k)
			if err != nil {
				t.Fatal(err)
			}
			return r.N
		}
		day := func(m time.Month, n int) jixiao.Date { return jixiao.NewDate(2024, m, n) }
		before := rev()
		added, err := s.AddWorkRecords(ctx, k, []ledger.Record{
			{Kind: "抽检", Date: day(5, 2), Subject: " 甲超市 ", Item: "大米", Outcome: "合格", Ref: "SC2024-002"},
			{Kind: "sampling", Date: day(3, 1), Subject: "乙超市", Item: "食用油", Outcome: "不合格"},
			{Kind: "tipoff", Date: day(4, 1), Subject: "丙药店", Outcome: "已处置", Note: "电话举报"},
		}, "张录入")
		if err != nil {
			t.Fatal(err)
		}
		if len(added) != 3 || added[0].ID == 0 || added[0].Kind != "sampling" || added[0].Subject != "甲超市" {
			t.Fatalf("added %+v", added)
		}
		if rev() == before {
			t.Error("the revision did not rise")
		}
		got, err := s.WorkRecords(ctx, k)
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != 3 || got[0].Item != "食用油" || got[2].Ref != "SC2024-002" || got[1].Note != "电话举报" ||
			got[0].Entered.By != "张录入" || got[0].Entered.At.IsZero() {
			t.Fatalf("read back %+v", got)
		}

		// One bad record refuses the lot and names it.
		_, err = s.AddWorkRecords(ctx, k, []ledger.Record{
			{Kind: "sampling", Date: day(6, 1), Subject: "丁超市"},
			{Kind: "sampling", Date: jixiao.NewDate(2023, 6, 1), Subject: "戊超市"},
		}, "张录入")
		var ee *EntryError
		if !errors.As(err, &ee) || ee.Index != 1 || !errors.Is(err, ErrInvalid) || !strings.Contains(err.Error(), "不在 2024 年度") {
			t.Fatalf("bad record: %v", err)
		}
		if got, _ := s.WorkRecords(ctx, k); len(got) != 3 {
			t.Fatalf("a refused add left %d records", len(got))
		}
		if _, err := s.AddWorkRecords(ctx, jixiao.Key{Unit: "999999", Year: 2024}, got[:1], "张录入"); !errors.Is(err, jixiao.ErrNotFound) {
			t.Errorf("no such document: %v", err)
		}

		if err := s.WithdrawWorkRecord(ctx, k, added[1].ID, "张录入"); err != nil {
			t.Fatal(err)
		}
		if err := s.WithdrawWorkRecord(ctx, k, added[1].ID, "张录入"); !errors.Is(err, jixiao.ErrNotFound) {
			t.Errorf("withdrawn twice: %v", err)
		}
		if got, _ := s.WorkRecords(ctx, k); len(got) != 2 {
			t.Fatalf("%d records after the withdrawal", len(got))
		}

		// Bindings.
		code := d.Projects[0].Code
		b, err := s.SetMeasure(ctx, k, ledger.Binding{Project: code, Indicator: 1,
			Measure: ledger.Measure{Kind: "sampling", Outcomes: []string{"合格"}}}, "张录入")
		if err != nil {
			t.Fatal(err)
		}
		if b.Name != d.Projects[0].Indicators[0].Level3 {
			t.Errorf("bound name %q", b.Name)
		}
		if _, err := s.SetMeasure(ctx, k, ledger.Binding{Project: code, Indicator: 99, Measure: ledger.Measure{Kind: "sampling"}}, "张录入"); !errors.Is(err, ErrInvalid) {
			t.Errorf("no such indicator: %v", err)
		}
		if _, err := s.SetMeasure(ctx, k, ledger.Binding{Project: code, Indicator: 2, Measure: ledger.Measure{Kind: "tipoff", Share: true}}, "张录入"); !errors.Is(err, ErrInvalid) {
			t.Errorf("a share without outcomes: %v", err)
		}
		ms, err := s.Measures(ctx, k)
		if err != nil {
			t.Fatal(err)
		}
		if len(ms) != 1 || ms[0].Measure.Kind != "sampling" || len(ms[0].Measure.Outcomes) != 1 || ms[0].Measure.Outcomes[0] != "合格" || ms[0].Entered.By != "张录入" {
			t.Fatalf("measures %+v", ms)
		}
		if _, err := s.SetMeasure(ctx, k, ledger.Binding{Project: code, Indicator: 1}, "张录入"); err != nil {
			t.Fatal(err)
		}
		if ms, _ := s.Measures(ctx, k); len(ms) != 0 {
			t.Fatalf("unbound, still %+v", ms)
		}

		log, err := s.AuditLog(ctx, AuditFilter{Unit: k.Unit, Year: k.Year})
		if err != nil {
			t.Fatal(err)
		}
		var actions []string
		for _, e := range log {
			if strings.HasPrefix(e.Action, "ledger.") {
				actions = append(actions, e.Action)
				if e.Action == AuditLedgerWithdraw && !strings.Contains(e.Before, "食用油") {
					t.Errorf("the withdrawal keeps %s", e.Before)
				}
			}
		}
		if strings.Join(actions, " ") != "ledger.add ledger.withdraw ledger.measure ledger.measure" {
			t.Errorf("audit actions %v", actions)
		}
		if n, err := s.VerifyAudit(ctx); err != nil || n != 0 {
			t.Errorf("audit chain: %d %v", n, err)
		}
	})
}

// Next year's draft takes this year's bindings where it has the same
// indicator in the same place; one whose indicator changed is left out,
// and a binding the draft has already is kept.
func TestCopyMeasures(t *testing.T) {
	forEachEngine(t, func(t *testing.T, s *Store) {
		d := sampleDoc("414102", 2024)
		save(t, s, d)
		next := sampleDoc("414102", 2025)
		next.Projects[0].Indicators[1].Level3 = "改过的指标"
		save(t, s, next)
		k, nk := d.Key(), next.Key()
		code := d.Projects[0].Code
		for _, b := range []ledger.Binding{
			{Project: code, Indicator: 1, Measure: ledger.Measure{Kind: "sampling", Outcomes: []string{"合格", "不合格"}}},
			{Project: code, Indicator: 2, Measure: ledger.Measure{Kind: "tipoff"}},
		} {
			if _, err := s.SetMeasure(ctx, k, b, "张录入"); err != nil {
				t.Fatal(err)
			}
		}
		n, err := s.CopyMeasures(ctx, k, nk, "李编制")
		if err != nil || n != 1 {
			t.Fatalf("copied %d, %v", n, err)
		}
		ms, _ := s.Measures(ctx, nk)
		if len(ms) != 1 || ms[0].Indicator != 1 || strings.Join(ms[0].Measure.Outcomes, "、") != "合格、不合格" || ms[0].Entered.By != "李编制" {
			t.Fatalf("next year's %+v", ms)
		}
		if n, err := s.CopyMeasures(ctx, k, nk, "李编制"); err != nil || n != 0 {
			t.Fatalf("copied again: %d, %v", n, err)
		}
	})
}

// A record's closing is entered later, checked, corrected if need be,
// and audited before and after; a measure that counts only on-time
// records keeps that setting.
func TestCloseWorkRecord(t *testing.T) {
	forEachEngine(t, func(t *testing.T, s *Store) {
		d := sampleDoc("414103", 2024)
		save(t, s, d)
		k := d.Key()
		added, err := s.AddWorkRecords(ctx, k, []ledger.Record{
			{Kind: "tipoff", Date: jixiao.NewDate(2024, 9, 26), Subject: "甲药店"},
			{Kind: "tipoff", Date: jixiao.NewDate(2024, 12, 30), Subject: "乙商店", Closed: jixiao.NewDate(2025, 1, 6), Outcome: "已处置"},
		}, "张录入")
		if err != nil {
			t.Fatal(err)
		}
		id := added[0].ID
		if _, err := s.CloseWorkRecord(ctx, k, id, jixiao.NewDate(2024, 9, 25), "", "张录入"); !errors.Is(err, ErrInvalid) {
			t.Errorf("closed before it was received: %v", err)
		}
		if _, err := s.CloseWorkRecord(ctx, k, id, jixiao.NewDate(2024, 10, 22), "合格", "张录入"); !errors.Is(err, ErrInvalid) {
			t.Errorf("an outcome of another kind: %v", err)
		}
		if _, err := s.CloseWorkRecord(ctx, k, 999999, jixiao.NewDate(2024, 10, 22), "", "张录入"); !errors.Is(err, jixiao.ErrNotFound) {
			t.Errorf("no such record: %v", err)
		}
		r, err := s.CloseWorkRecord(ctx, k, id, jixiao.NewDate(2024, 10, 22), "已处置", "李办结")
		if err != nil || !r.OnTime() {
			t.Fatalf("closed: %+v %v", r, err)
		}
		got, _ := s.WorkRecords(ctx, k)
		if got[0].Closed != jixiao.NewDate(2024, 10, 22) || got[0].Outcome != "已处置" || got[1].Closed != jixiao.NewDate(2025, 1, 6) {
			t.Fatalf("read back %+v", got)
		}
		log, _ := s.AuditLog(ctx, AuditFilter{Unit: k.Unit, Year: k.Year})
		last := log[len(log)-1]
		if last.Action != AuditLedgerClose || last.Actor != "李办结" || strings.Contains(last.Before, "closed") || !strings.Contains(last.After, `"closed":"2024-10-22"`) {
			t.Errorf("audit %+v", last)
		}
		code := d.Projects[0].Code
		if _, err := s.SetMeasure(ctx, k, ledger.Binding{Project: code, Indicator: 1,
			Measure: ledger.Measure{Kind: "tipoff", OnTime: true, Share: true, Base: 50}}, "张录入"); err != nil {
			t.Fatal(err)
		}
		ms, _ := s.Measures(ctx, k)
		if len(ms) != 1 || !ms[0].Measure.OnTime || !ms[0].Measure.Share || ms[0].Measure.Base != 50 {
			t.Fatalf("measures %+v", ms)
		}
		next := sampleDoc("414103", 2025)
		save(t, s, next)
		if n, err := s.CopyMeasures(ctx, k, next.Key(), "张录入"); err != nil || n != 1 {
			t.Fatalf("copy: %d %v", n, err)
		}
		if ms, _ := s.Measures(ctx, next.Key()); len(ms) != 1 || !ms[0].Measure.OnTime || ms[0].Measure.Base != 50 {
			t.Fatalf("copied %+v", ms)
		}
	})
}

// A record is corrected in place: its id, its entry stamp and its
// closing stay unless the correction changes them, and the change is
// checked and audited.
func TestCorrectWorkRecord(t *testing.T) {
	forEachEngine(t, func(t *testing.T, s *Store) {
		d := sampleDoc("414104", 2024)
		save(t, s, d)
		k := d.Key()
		added, err := s.AddWorkRecords(ctx, k, []ledger.Record{{Kind: "sampling", Date: jixiao.NewDate(2024, 3, 1), Subject: "甲朝市",
			Outcome: "合格", Closed: jixiao.NewDate(2024, 3, 20)}}, "张录入")
		if err != nil {
			t.Fatal(err)
		}
		x := added[0]
		x.Subject, x.Ref = "甲超市", "SC-1"
		got, err := s.CorrectWorkRecord(ctx, k, x.ID, x, "李复核")
		if err != nil || got.ID != x.ID || got.Entered.By != "张录入" || got.Closed != jixiao.NewDate(2024, 3, 20) {
			t.Fatalf("corrected %+v %v", got, err)
		}
		x.Date = jixiao.NewDate(2023, 3, 1)
		if _, err := s.CorrectWorkRecord(ctx, k, x.ID, x, "李复核"); !errors.Is(err, ErrInvalid) {
			t.Errorf("a date out of the year: %v", err)
		}
		rs, _ := s.WorkRecords(ctx, k)
		if len(rs) != 1 || rs[0].Subject != "甲超市" || rs[0].Ref != "SC-1" || rs[0].Date != jixiao.NewDate(2024, 3, 1) {
			t.Fatalf("read back %+v", rs)
		}
		log, _ := s.AuditLog(ctx, AuditFilter{Unit: k.Unit, Year: k.Year})
		last := log[len(log)-1]
		if last.Action != AuditLedgerCorrect || !strings.Contains(last.Before, "甲朝市") || !strings.Contains(last.After, "甲超市") {
			t.Errorf("audit %+v", last)
		}
	})
}
