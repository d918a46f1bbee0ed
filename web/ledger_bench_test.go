package web

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"jixiao"
	"jixiao/ledger"
)

// BenchmarkLedgerPages serves the pages that count from the ledger with a
// county's year of work records on file — 5,000 records: 3,500 sampling
// batches, 1,000 inspections, 400 tip-offs, 100 equipment checks — and
// three indicators bound to them. Each iteration also serves the same
// project's self-evaluation page from a store without records, the
// baseline: "eval-x" is what the ledger costs that page once counted,
// "cold-eval-ms" its first view, which reads and counts the records, and
// "ledger-ms" the ledger page itself (first page of its list).
func BenchmarkLedgerPages(b *testing.B) {
	ctx := context.Background()
	with, without := newEnv(b, true), newEnv(b, true)
	k := jixiao.Key{Unit: exUnit, Year: exYear}
	var records []ledger.Record
	for _, n := range []struct {
		kind    string
		count   int
		outcome string
	}{{"sampling", 3500, "合格"}, {"inspection", 1000, "未发现问题"}, {"tipoff", 400, "已处置"}, {"equipment", 100, "未发现隐患"}} {
		for i := range n.count {
			d := jixiao.NewDate(exYear, time.Month(1+i%12), 1+i%28)
			records = append(records, ledger.Record{Kind: n.kind, Date: d, Ref: fmt.Sprintf("%s-%05d", n.kind, i),
				Subject: fmt.Sprintf("企业%04d", i%700), Item: "样品", Outcome: n.outcome, Closed: jixiao.DateOf(d.Time().AddDate(0, 0, 10))})
		}
	}
	if _, err := with.st.AddWorkRecords(ctx, k, records, "bench"); err != nil {
		b.Fatal(err)
	}
	for _, bd := range []ledger.Binding{
		{Project: checkCode, Indicator: 1, Measure: ledger.Measure{Kind: "sampling"}},
		{Project: tipCode, Indicator: 1, Measure: ledger.Measure{Kind: "tipoff", Outcomes: []string{"已处置"}, Share: true}},
		{Project: tipCode, Indicator: 2, Measure: ledger.Measure{Kind: "tipoff", OnTime: true, Share: true}},
	} {
		if _, err := with.st.SetMeasure(ctx, k, bd, "bench"); err != nil {
			b.Fatal(err)
		}
	}
	serve := func(e *env, path string) time.Duration {
		r := httptest.NewRequest(http.MethodGet, path, nil)
		r.AddCookie(e.session)
		w := httptest.NewRecorder()
		start := time.Now()
		e.h.ServeHTTP(w, r)
		took := time.Since(start)
		if w.Code != http.StatusOK {
			b.Fatalf("%s: %d", path, w.Code)
		}
		return took
	}
	eval := exBase + "/projects/" + tipCode + "/evaluation"
	// The first view reads and counts the records; the next ones find
	// the count cached until the next write.
	cold := serve(with, eval)
	serve(without, eval)
	var withEval, withoutEval, page time.Duration
	b.ResetTimer()
	for range b.N {
		withEval += serve(with, eval)
		withoutEval += serve(without, eval)
		page += serve(with, exBase+"/ledger")
	}
	b.ReportMetric(float64(withEval)/float64(withoutEval), "eval-x")
	b.ReportMetric(float64(page.Microseconds())/1000/float64(b.N), "ledger-ms")
	b.ReportMetric(float64(cold.Microseconds())/1000, "cold-eval-ms")
}
