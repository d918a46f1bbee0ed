package store

import (
	"errors"
	"jixiao/internal/fixture"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"jixiao"
)

// office is the example's 办公楼运维费: budget 10.36万元, four indicators
// (first 10个, ≥95%, 2024年12月31日, 10.36万元).
const office = "13022524P00260210037A"

func exampleStore(t *testing.T, s *Store) jixiao.Key {
	t.Helper()
	d := fixture.Example(t)
	save(t, s, d)
	return d.Key()
}

func day(s string) jixiao.Date {
	d, err := jixiao.ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

func TestAddSpendingAndCorrection(t *testing.T) {
	forEachEngine(t, func(t *testing.T, s *Store) {
		k := exampleStore(t, s)
		before := time.Now().UTC().Add(-time.Second)
		a, err := s.AddSpending(ctx, k, office, jixiao.Spending{Date: day("2024-03-15"), Amount: 2_000_000, Note: "电费",
			Entered: jixiao.Stamp{By: "张三"}})
		if err != nil {
			t.Fatal(err)
		}
		if a.ID == 0 || a.Entered.By != "张三" || a.Entered.At.Before(before) || a.Amount != 2_000_000 {
			t.Fatalf("stored %+v", a)
		}
		b, err := s.AddSpending(ctx, k, office, jixiao.Spending{Date: day("2024-03-20"), Amount: 1_500_000, Replaces: a.ID,
			Entered: jixiao.Stamp{By: "李四"}})
		if err != nil {
			t.Fatal(err)
		}
		p, _ := read(t, s, k).Project(office)
		if len(p.Spending) != 2 || !reflect.DeepEqual(p.Spending[0], a) || !reflect.DeepEqual(p.Spending[1], b) {
			t.Fatalf("history = %+v, want %+v then %+v", p.Spending, a, b)
		}
		// The corrected record no longer counts towards the budget: 8.86 more fits exactly.
		if _, err := s.AddSpending(ctx, k, office, jixiao.Spending{Date: day("2024-04-01"), Amount: 8_860_000}); err != nil {
			t.Fatalf("spending up to the budget refused: %v", err)
		}
		g, err := s.AddProgress(ctx, k, office, jixiao.Progress{Indicator: 2, AsOf: day("2024-07-31"), Value: "96%",
			Cause: "其他", Likelihood: "确定能", Measures: "按期巡检", Entered: jixiao.Stamp{By: "王五"}})
		if err != nil {
			t.Fatal(err)
		}
		if g.ID == 0 || g.Entered.By != "王五" {
			t.Fatalf("progress stored as %+v", g)
		}
		p, _ = read(t, s, k).Project(office)
		if len(p.Progress) != 1 || !reflect.DeepEqual(p.Progress[0], g) {
			t.Fatalf("progress = %+v", p.Progress)
		}
	})
}

func TestBadRecordsRefused(t *testing.T) {
	forEachEngine(t, func(t *testing.T, s *Store) {
		k := exampleStore(t, s)
		ok, err := s.AddSpending(ctx, k, office, jixiao.Spending{Date: day("2024-02-01"), Amount: 10_000_000})
		if err != nil {
			t.Fatal(err)
		}
		before := counts(t, s)
		spend := []struct {
			name string
			r    jixiao.Spending
			want string
		}{
			{"negative", jixiao.Spending{Date: day("2024-05-01"), Amount: -100}, "不能为负数"},
			{"zero", jixiao.Spending{Date: day("2024-05-01")}, "应大于0"},
			{"no date", jixiao.Spending{Amount: 100}, "请填写支出日期"},
			{"other year", jixiao.Spending{Date: day("2025-01-02"), Amount: 100}, "不在2024年度内"},
			{"over budget", jixiao.Spending{Date: day("2024-05-01"), Amount: 360_001}, "超过预算数10.36万元"},
			{"unknown replaces", jixiao.Spending{Date: day("2024-05-01"), Amount: 100, Replaces: ok.ID + 1000}, "不存在"},
		}
		for _, c := range spend {
			_, err := s.AddSpending(ctx, k, office, c.r)
			if !errors.Is(err, ErrInvalid) || !strings.Contains(err.Error(), c.want) || !strings.Contains(err.Error(), "办公楼运维费") {
				t.Errorf("%s: error %v, want one containing %q and the project's name", c.name, err, c.want)
			}
		}
		prog := []struct {
			name string
			r    jixiao.Progress
			want string
		}{
			{"unknown indicator", jixiao.Progress{Indicator: 50, AsOf: day("2024-07-31"), Value: "1个"}, "第50个指标不存在"},
			{"malformed value", jixiao.Progress{Indicator: 2, AsOf: day("2024-07-31"), Value: "很好"}, "完成值“很好”"},
			{"date outside", jixiao.Progress{Indicator: 1, AsOf: day("2023-12-31"), Value: "5个"}, "不在2024年度内"},
			{"bad cause", jixiao.Progress{Indicator: 1, AsOf: day("2024-07-31"), Value: "5个", Cause: "天气"}, "不在可选项内"},
			{"unknown replaces", jixiao.Progress{Indicator: 1, AsOf: day("2024-07-31"), Value: "5个", Replaces: 999999}, "不存在"},
		}
		for _, c := range prog {
			_, err := s.AddProgress(ctx, k, office, c.r)
			if !errors.Is(err, ErrInvalid) || !strings.Contains(err.Error(), c.want) {
				t.Errorf("%s: error %v, want one containing %q", c.name, err, c.want)
			}
		}
		if _, err := s.AddSpending(ctx, k, "NO-SUCH", jixiao.Spending{Date: day("2024-05-01"), Amount: 1}); err == nil ||
			!strings.Contains(err.Error(), "没有项目编码为“NO-SUCH”") {
			t.Errorf("unknown project: %v", err)
		}
		if _, err := s.AddSpending(ctx, jixiao.Key{Unit: "999", Year: 2024}, office,
			jixiao.Spending{Date: day("2024-05-01"), Amount: 1}); !errors.Is(err, jixiao.ErrNotFound) {
			t.Errorf("unknown document: %v", err)
		}
		if after := counts(t, s); !reflect.DeepEqual(after, before) {
			t.Errorf("counts changed by refused records: %v → %v", before, after)
		}
	})
}

// A batch is all or nothing, and each entry is checked with the ones
// before it in: two entries that fit alone but not together are refused.
func TestAddRecordsAllOrNothing(t *testing.T) {
	forEachEngine(t, func(t *testing.T, s *Store) {
		k := exampleStore(t, s)
		before := counts(t, s)
		_, err := s.AddRecords(ctx, []Entry{
			{Key: k, Code: office, Progress: &jixiao.Progress{Indicator: 1, AsOf: day("2024-06-30"), Value: "10个"}},
			{Key: k, Code: office, Spending: &jixiao.Spending{Date: day("2024-05-01"), Amount: 6_000_000}},
			{Key: k, Code: office, Spending: &jixiao.Spending{Date: day("2024-06-01"), Amount: 6_000_000}},
		})
		var ee *EntryError
		if !errors.As(err, &ee) || ee.Index != 2 || !strings.Contains(err.Error(), "超过预算数") {
			t.Fatalf("error = %v, want the third entry refused for the budget", err)
		}
		if after := counts(t, s); !reflect.DeepEqual(after, before) {
			t.Fatalf("a refused batch changed counts: %v → %v", before, after)
		}
		out, err := s.AddRecords(ctx, []Entry{
			{Key: k, Code: office, Progress: &jixiao.Progress{Indicator: 1, AsOf: day("2024-06-30"), Value: "10个"}},
			{Key: k, Code: office, Spending: &jixiao.Spending{Date: day("2024-05-01"), Amount: 6_000_000}},
		})
		if err != nil || out[0].Progress.ID == 0 || out[1].Spending.ID == 0 {
			t.Fatalf("AddRecords = %+v, %v", out, err)
		}
		after := counts(t, s)
		if after["spending"] != before["spending"]+1 || after["progress"] != before["progress"]+1 {
			t.Fatalf("counts %v → %v", before, after)
		}
	})
}

// Concurrent entries that each fit the budget but not together: exactly
// the ones that fit are stored.
func TestConcurrentSpendingCannotExceedBudget(t *testing.T) {
	forEachConfig(t, func(t *testing.T, cfg Config) {
		s1 := openTest(t, cfg)
		s2 := openTest(t, cfg)
		k := exampleStore(t, s1)
		var wg sync.WaitGroup
		errs := make([]error, 8)
		for i := range errs {
			wg.Add(1)
			go func() {
				defer wg.Done()
				s := s1
				if i%2 == 1 {
					s = s2
				}
				_, errs[i] = s.AddSpending(ctx, k, office, jixiao.Spending{Date: day("2024-05-01"), Amount: 3_000_000})
			}()
		}
		wg.Wait()
		ok := 0
		for _, err := range errs {
			switch {
			case err == nil:
				ok++
			case !strings.Contains(err.Error(), "超过预算数"):
				t.Errorf("unexpected error: %v", err)
			}
		}
		p, _ := read(t, s1, k).Project(office)
		if ok != 3 || len(p.Spending) != 3 {
			t.Fatalf("%d entries accepted, %d stored; want 3 of 3.00万元 within 10.36万元", ok, len(p.Spending))
		}
	})
}
