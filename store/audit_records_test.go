package store

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"jixiao"
	"jixiao/internal/fixture"
	"jixiao/jsondoc"
)

// recordTrail returns the audit entries of project code that are not about
// its goal table, oldest first.
func recordTrail(t *testing.T, s *Store, k jixiao.Key, code string) []AuditEntry {
	t.Helper()
	all, err := s.AuditLog(ctx, AuditFilter{Unit: k.Unit, Year: k.Year, Project: code})
	if err != nil {
		t.Fatal(err)
	}
	var out []AuditEntry
	for _, e := range all {
		if !strings.HasPrefix(e.Action, "goals.") {
			out = append(out, e)
		}
	}
	return out
}

// Every spending record, progress report and correction is in the trail,
// by who entered it, with the corrected record as the before side; a
// refused record leaves no entry.
func TestAuditOfRecords(t *testing.T) {
	forEachEngine(t, func(t *testing.T, s *Store) {
		k := exampleStore(t, s)
		a, err := s.AddSpending(ctx, k, office, jixiao.Spending{Date: day("2024-03-15"), Amount: 2_000_000, Note: "电费",
			Entered: jixiao.Stamp{By: "张三"}})
		if err != nil {
			t.Fatal(err)
		}
		b, err := s.AddSpending(ctx, k, office, jixiao.Spending{Date: day("2024-03-20"), Amount: 1_500_000, Note: "电费（更正）",
			Replaces: a.ID, Entered: jixiao.Stamp{By: "李四"}})
		if err != nil {
			t.Fatal(err)
		}
		g, err := s.AddProgress(ctx, k, office, jixiao.Progress{Indicator: 2, AsOf: day("2024-07-31"), Value: "96%",
			Cause: "其他", Likelihood: "确定能", Measures: "按期巡检", Entered: jixiao.Stamp{By: "王五"}})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.AddSpending(ctx, k, office, jixiao.Spending{Date: day("2024-04-01"), Amount: 99_000_000,
			Entered: jixiao.Stamp{By: "赵六"}}); err == nil {
			t.Fatal("spending above the budget accepted")
		}

		trail := recordTrail(t, s, k, office)
		if len(trail) != 3 {
			t.Fatalf("trail of records: %+v", trail)
		}
		first, second, third := trail[0], trail[1], trail[2]
		if first.Action != AuditSpendingAdd || first.Actor != "张三" || first.Object != fmt.Sprintf("spending:%d", a.ID) ||
			first.Before != "" || first.At.IsZero() {
			t.Errorf("first spending entry %+v", first)
		}
		var after struct {
			ID int64 `json:"id"`
			jsondoc.Spending
		}
		if err := json.Unmarshal([]byte(first.After), &after); err != nil || after.ID != a.ID || after.AmountFen != 2_000_000 ||
			after.Date != "2024-03-15" || after.Note != "电费" || after.EnteredBy != "张三" {
			t.Errorf("first spending after %s (%v)", first.After, err)
		}
		if second.Action != AuditSpendingAdd || second.Actor != "李四" || second.Object != fmt.Sprintf("spending:%d", b.ID) ||
			second.Before != first.After ||
			!strings.Contains(second.After, fmt.Sprintf(`"replaces_id":%d`, a.ID)) ||
			!strings.Contains(second.After, `"amount_fen":1500000`) {
			t.Errorf("correction entry %+v\nwant before %s", second, first.After)
		}
		if third.Action != AuditProgressAdd || third.Actor != "王五" || third.Object != fmt.Sprintf("progress:%d", g.ID) ||
			!strings.Contains(third.After, `"indicator":2`) || !strings.Contains(third.After, `"value":"96%"`) ||
			!strings.Contains(third.After, `"likelihood":"确定能"`) {
			t.Errorf("progress entry %+v", third)
		}
		if n, err := s.VerifyAudit(ctx); n != 0 || err != nil {
			t.Fatalf("trail after records: %d %v", n, err)
		}
	})
}

// A batch is audited entry by entry, in order, and a refused batch leaves
// nothing in the trail.
func TestAuditOfRecordBatch(t *testing.T) {
	forEachEngine(t, func(t *testing.T, s *Store) {
		k := exampleStore(t, s)
		before, _ := s.AuditLog(ctx, AuditFilter{})
		bad := []Entry{
			{Key: k, Code: office, Spending: &jixiao.Spending{Date: day("2024-05-01"), Amount: 1_000_000, Entered: jixiao.Stamp{By: "导入"}}},
			{Key: k, Code: office, Spending: &jixiao.Spending{Date: day("2024-05-02"), Amount: 99_000_000, Entered: jixiao.Stamp{By: "导入"}}},
		}
		if _, err := s.AddRecords(ctx, bad); err == nil {
			t.Fatal("batch above the budget accepted")
		}
		if now, _ := s.AuditLog(ctx, AuditFilter{}); len(now) != len(before) {
			t.Fatalf("refused batch left %d entries", len(now)-len(before))
		}
		good := []Entry{
			{Key: k, Code: office, Spending: &jixiao.Spending{Date: day("2024-05-01"), Amount: 1_000_000, Entered: jixiao.Stamp{By: "导入"}}},
			{Key: k, Code: office, Progress: &jixiao.Progress{Indicator: 1, AsOf: day("2024-05-01"), Value: "10个", Entered: jixiao.Stamp{By: "导入"}}},
		}
		out, err := s.AddRecords(ctx, good)
		if err != nil {
			t.Fatal(err)
		}
		trail := recordTrail(t, s, k, office)
		if len(trail) != 2 || trail[0].Object != fmt.Sprintf("spending:%d", out[0].Spending.ID) ||
			trail[1].Object != fmt.Sprintf("progress:%d", out[1].Progress.ID) || trail[0].Actor != "导入" ||
			trail[0].Seq+1 != trail[1].Seq {
			t.Fatalf("batch trail %+v", trail)
		}
		if n, err := s.VerifyAudit(ctx); n != 0 || err != nil {
			t.Fatalf("trail after batch: %d %v", n, err)
		}
	})
}

// Every save of a self-evaluation is in the trail with the evaluation
// before and after in the exchange shape; an evaluator's score override
// shows with its reason; a refused save leaves nothing.
func TestAuditOfEvaluation(t *testing.T) {
	forEachEngine(t, func(t *testing.T, s *Store) {
		saveExample(t, s)
		if _, err := s.SaveEvaluation(ctx, fixture.Key, fixture.OfficeCode, fixture.OfficeEvaluation(), "张三", 0); err != nil {
			t.Fatal(err)
		}
		e := fixture.OfficeEvaluation()
		e.Actuals[1].Score, e.Actuals[1].HasScore, e.Actuals[1].Reason = jixiao.Dec(12), true, "抽查复核后认定"
		if _, err := s.SaveEvaluation(ctx, fixture.Key, fixture.OfficeCode, e, "李四", 1); err != nil {
			t.Fatal(err)
		}
		refused := fixture.OfficeEvaluation()
		refused.Actuals[0].Score, refused.Actuals[0].HasScore = jixiao.Dec(5), true // override without a reason
		if _, err := s.SaveEvaluation(ctx, fixture.Key, fixture.OfficeCode, refused, "王五", 2); err == nil {
			t.Fatal("override without a reason accepted")
		}

		trail := recordTrail(t, s, fixture.Key, fixture.OfficeCode)
		if len(trail) != 2 {
			t.Fatalf("evaluation trail %+v", trail)
		}
		h, err := s.EvaluationHistory(ctx, fixture.Key, fixture.OfficeCode)
		if err != nil || len(h) != 2 {
			t.Fatalf("history %d %v", len(h), err)
		}
		for i, a := range trail {
			if a.Action != AuditEvaluationSave || a.Actor != h[i].By || a.Object != fmt.Sprintf("evaluation:%d", i+1) ||
				a.Before != h[i].Before || a.After != h[i].After {
				t.Errorf("entry %d: %+v\nhistory %+v", i+1, a, h[i])
			}
		}
		if trail[0].Actor != "张三" || trail[0].Before != "" || trail[1].Actor != "李四" || trail[1].Before != trail[0].After {
			t.Errorf("before/after chain: %+v", trail)
		}
		var before, after jsondoc.Evaluation
		if json.Unmarshal([]byte(trail[1].Before), &before) != nil || json.Unmarshal([]byte(trail[1].After), &after) != nil {
			t.Fatalf("not the exchange shape: %s / %s", trail[1].Before, trail[1].After)
		}
		if before.Actuals[1].Score != "" || after.Actuals[1].Score != "12" || after.Actuals[1].Reason != "抽查复核后认定" ||
			after.AdjustedBudgetFen != 10_360_000 || after.ExecutedFen == nil || *after.ExecutedFen != 9_800_000 ||
			after.EnteredBy != "李四" || before.EnteredBy != "张三" {
			t.Errorf("override not visible: before %s\nafter %s", trail[1].Before, trail[1].After)
		}
		if n, err := s.VerifyAudit(ctx); n != 0 || err != nil {
			t.Fatalf("trail after evaluations: %d %v", n, err)
		}
	})
}
