package store

import (
	"errors"
	"jixiao/internal/fixture"
	"strings"
	"sync"
	"testing"

	"jixiao"
)

func saveExample(t *testing.T, s *Store) {
	t.Helper()
	d := fixture.Example(t)
	save(t, s, d)
}

func TestSaveEvaluation(t *testing.T) {
	forEachEngine(t, func(t *testing.T, s *Store) {
		saveExample(t, s)
		if v, err := s.EvaluationVersion(ctx, fixture.Key, fixture.OfficeCode); err != nil || v != 0 {
			t.Fatalf("version before any save: %d %v", v, err)
		}
		got, err := s.SaveEvaluation(ctx, fixture.Key, fixture.OfficeCode, fixture.OfficeEvaluation(), "张三", 0)
		if err != nil {
			t.Fatal(err)
		}
		if got.Entered.By != "张三" || got.Entered.At.IsZero() {
			t.Errorf("stamp %+v", got.Entered)
		}
		d := read(t, s, fixture.Key)
		p, _ := d.Project(fixture.OfficeCode)
		if p.Evaluation == nil || len(p.Evaluation.Actuals) != 7 || p.Evaluation.Actuals[1].Reason == "" ||
			p.Evaluation.Executed != 9_800_000 || !p.Evaluation.HasExecuted || p.Evaluation.Entered.By != "张三" {
			t.Fatalf("stored %+v", p.Evaluation)
		}

		// A score override with its reason, by another evaluator.
		e := fixture.OfficeEvaluation()
		e.Actuals[1].Score, e.Actuals[1].HasScore, e.Actuals[1].Reason = jixiao.Dec(12), true, "抽查复核后认定"
		if _, err := s.SaveEvaluation(ctx, fixture.Key, fixture.OfficeCode, e, "李四", 1); err != nil {
			t.Fatal(err)
		}
		h, err := s.EvaluationHistory(ctx, fixture.Key, fixture.OfficeCode)
		if err != nil || len(h) != 2 {
			t.Fatalf("history %d, %v", len(h), err)
		}
		if h[0].Version != 1 || h[0].By != "张三" || h[0].Before != "" || !strings.Contains(h[0].After, `"value":"90%"`) {
			t.Errorf("first change %+v", h[0])
		}
		if h[1].Version != 2 || h[1].By != "李四" || h[1].Before != h[0].After ||
			!strings.Contains(h[1].After, `"score":"12","reason":"抽查复核后认定"`) {
			t.Errorf("second change %+v", h[1])
		}
		if v, _ := s.EvaluationVersion(ctx, fixture.Key, fixture.OfficeCode); v != 2 {
			t.Errorf("version %d", v)
		}
	})
}

// Two evaluators save from pages showing the same version: the second is
// refused with ErrConflict and the first one's evaluation stays.
func TestSaveEvaluationConflict(t *testing.T) {
	forEachEngine(t, func(t *testing.T, s *Store) {
		saveExample(t, s)
		first := fixture.OfficeEvaluation()
		if _, err := s.SaveEvaluation(ctx, fixture.Key, fixture.OfficeCode, first, "张三", 0); err != nil {
			t.Fatal(err)
		}
		stale := fixture.OfficeEvaluation()
		stale.Actuals[0].Value = "9个"
		_, err := s.SaveEvaluation(ctx, fixture.Key, fixture.OfficeCode, stale, "李四", 0)
		if !errors.Is(err, jixiao.ErrConflict) || !strings.Contains(err.Error(), "数据已被他人修改") {
			t.Fatalf("stale save: %v", err)
		}
		p, _ := read(t, s, fixture.Key).Project(fixture.OfficeCode)
		if p.Evaluation.Actuals[0].Value != "10个" || p.Evaluation.Entered.By != "张三" {
			t.Errorf("stale save changed the evaluation: %+v", p.Evaluation)
		}

		// Saving at once from the same version: exactly one wins.
		var wg sync.WaitGroup
		errs := make([]error, 4)
		for i := range errs {
			wg.Add(1)
			go func() {
				defer wg.Done()
				_, errs[i] = s.SaveEvaluation(ctx, fixture.Key, fixture.OfficeCode, fixture.OfficeEvaluation(), "并发", 1)
			}()
		}
		wg.Wait()
		ok := 0
		for _, err := range errs {
			switch {
			case err == nil:
				ok++
			case !errors.Is(err, jixiao.ErrConflict):
				t.Errorf("concurrent save: %v", err)
			}
		}
		h, _ := s.EvaluationHistory(ctx, fixture.Key, fixture.OfficeCode)
		if ok != 1 || len(h) != 2 {
			t.Errorf("%d saves succeeded, history %d", ok, len(h))
		}
	})
}

// Evaluations the scorer cannot score are refused whole, in Chinese, and
// leave neither the evaluation nor its history changed.
func TestSaveEvaluationRefused(t *testing.T) {
	forEachEngine(t, func(t *testing.T, s *Store) {
		saveExample(t, s)
		for _, c := range []struct {
			name string
			edit func(e *jixiao.Evaluation)
			want string
		}{
			{"wrong unit", func(e *jixiao.Evaluation) { e.Actuals[1].Value = "90个" }, "完成值的单位“个”与目标单位“%”不一致"},
			{"grade on quantitative", func(e *jixiao.Evaluation) { e.Actuals[0] = jixiao.Actual{Indicator: 1, Grade: "达成"} },
				"是定量指标（目标“10个”），应填写完成值，不能评定等级“达成”"},
			{"number on qualitative", func(e *jixiao.Evaluation) { e.Actuals[4] = jixiao.Actual{Indicator: 5, Value: "95%"} },
				"是定性指标"},
			{"score outside band", func(e *jixiao.Evaluation) {
				e.Actuals[4].Score, e.Actuals[4].HasScore = jixiao.Dec(1), true
			}, "得分应在"},
			{"override without reason", func(e *jixiao.Evaluation) {
				e.Actuals[0].Score, e.Actuals[0].HasScore = jixiao.Dec(5), true
			}, "须说明理由"},
			{"unknown grade", func(e *jixiao.Evaluation) { e.Actuals[4].Grade = "优秀" }, "不在可选范围内"},
			{"no such indicator", func(e *jixiao.Evaluation) { e.Actuals[0].Indicator = 9 }, "项目只有 7 个指标"},
		} {
			e := fixture.OfficeEvaluation()
			c.edit(&e)
			_, err := s.SaveEvaluation(ctx, fixture.Key, fixture.OfficeCode, e, "张三", 0)
			if err == nil || !strings.Contains(err.Error(), c.want) || !strings.Contains(err.Error(), "办公楼运维费") {
				t.Errorf("%s: %v", c.name, err)
			}
		}
		counts, err := s.Counts(ctx)
		if err != nil || counts["evaluations"] != 0 || counts["actuals"] != 0 {
			t.Errorf("refused saves stored something: %v %v", counts, err)
		}
		if v, _ := s.EvaluationVersion(ctx, fixture.Key, fixture.OfficeCode); v != 0 {
			t.Errorf("version %d after refusals", v)
		}
		if _, err := s.SaveEvaluation(ctx, fixture.Key, "NOPE", fixture.OfficeEvaluation(), "张三", 0); !errors.Is(err, jixiao.ErrNotFound) {
			t.Errorf("unknown project: %v", err)
		}
	})
}
