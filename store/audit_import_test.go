package store

import (
	"jixiao/internal/fixture"
	"strings"
	"testing"

	"jixiao"
)

// An import that carries records replaces them in the open: the trail
// shows what was replaced, and an evaluation replaced by an import is a
// new version, so a page opened before the import gets a conflict.
func TestImportedRecordsAreAudited(t *testing.T) {
	forEachEngine(t, func(t *testing.T, s *Store) {
		saveExample(t, s)
		if _, err := s.SaveEvaluation(ctx, fixture.Key, fixture.OfficeCode, fixture.OfficeEvaluation(), "张三", 0); err != nil {
			t.Fatal(err)
		}
		if _, err := s.AddSpending(ctx, fixture.Key, fixture.OfficeCode, jixiao.Spending{Date: jixiao.NewDate(2024, 3, 1), Amount: 1_000_000, Note: "电费", Entered: jixiao.Stamp{By: "张三"}}); err != nil {
			t.Fatal(err)
		}

		d := read(t, s, fixture.Key)
		p, _ := d.Project(fixture.OfficeCode)
		e := fixture.OfficeEvaluation()
		e.Reason = "导入的自评"
		p.Evaluation = &e
		p.Spending = []jixiao.Spending{{Date: jixiao.NewDate(2024, 4, 1), Amount: 2_000_000, Note: "导入的电费"}}
		p.Progress = nil
		if _, err := s.SaveDocuments(ctx, []*jixiao.Document{d}, "导入人"); err != nil {
			t.Fatal(err)
		}

		if v, err := s.EvaluationVersion(ctx, fixture.Key, fixture.OfficeCode); err != nil || v != 2 {
			t.Fatalf("evaluation version after the import: %d %v, want 2", v, err)
		}
		if _, err := s.SaveEvaluation(ctx, fixture.Key, fixture.OfficeCode, fixture.OfficeEvaluation(), "李四", 1); err == nil {
			t.Fatal("a save from a page opened before the import must conflict")
		}
		log, err := s.AuditLog(ctx, AuditFilter{Unit: fixture.Key.Unit, Year: fixture.Key.Year, Project: fixture.OfficeCode})
		if err != nil {
			t.Fatal(err)
		}
		var sawSpending, sawEval bool
		for _, a := range log {
			switch {
			case a.Action == AuditSpendingImport && a.Actor == "导入人":
				sawSpending = strings.Contains(a.Before, "电费") && strings.Contains(a.After, "导入的电费")
			case a.Action == AuditEvaluationSave && a.Actor == "导入人":
				sawEval = strings.Contains(a.After, "导入的自评") && a.Before != ""
			}
		}
		if !sawSpending || !sawEval {
			t.Fatalf("import not in the trail (spending %v, evaluation %v): %+v", sawSpending, sawEval, log)
		}
		if n, err := s.VerifyAudit(ctx); err != nil || n != 0 {
			t.Fatalf("audit chain: %d %v", n, err)
		}
	})
}
