package bench

import (
	"context"
	"database/sql"
	"fmt"
	"jixiao"
	"slices"
	"strings"
	"time"

	"jixiao/store"
)

// computeStep is one of the walks over every stored document that Run
// times: what the walk reads of each document, and what its baseline
// reads.
type computeStep struct {
	key, label string
	// parts is what the walk asks EachDocument for (Filter.Parts).
	parts store.Parts
	// reads are the baseline's SELECTs, each read once, every column
	// scanned into reused sql.RawBytes as readOnce does: exactly the
	// rows and columns the step's result depends on. Nil for load, whose
	// baseline is readOnce (every column a document is made of).
	reads []string
}

// computeSteps are the walks in the order Run times them.
//
// Review reads part one and the goal tables (no records, not the
// projects' purpose and goal texts, which no rule reads). Monitoring
// reads each project's name, budget, plan, indicators' names and
// targets, and every payment's and progress report's figures (every
// payment counts: a correction dated after the monitoring date still
// hides the payment it corrects). Scoring reads only projects with a
// self-evaluation: their names and budgets, indicators with levels and
// weights, the evaluation and its actual values, and the payments of
// those whose execution is not given (taken from the payments).
var computeSteps = []computeStep{
	{key: "load", label: "载入全部文档 Load every document"},
	{key: "review", label: "审核全部 Review everything", parts: store.ForReview, reads: []string{
		`SELECT code, name FROM units`,
		`SELECT id, unit_code, year, preset FROM documents`,
		`SELECT document_id, heading FROM goal_sections`,
		`SELECT document_id, section_seq, text FROM goal_items`,
		`SELECT document_id, project, text FROM project_goals`,
		`SELECT document_id, heading, text FROM measures`,
		`SELECT id, document_id, code, name, budget, fiscal, other FROM projects`,
		`SELECT project_id, by_date, percent FROM plan_points`,
		`SELECT project_id, level1, level2, level3, description, value, basis, target_kind, target_op,
       target_number, target_unit, target_date, target_direction, target_flag FROM indicators`,
	}},
	{key: "monitor", label: "监控全部 Monitor everything", parts: store.ForMonitor, reads: []string{
		`SELECT id, year FROM documents`,
		`SELECT id, document_id, code, name, budget FROM projects`,
		`SELECT project_id, by_date, percent FROM plan_points`,
		`SELECT project_id, level3, value, target_kind, target_op, target_number, target_unit, target_date,
       target_direction, target_flag FROM indicators`,
		`SELECT project_id, id, paid_on, amount, replaces FROM spending`,
		`SELECT project_id, id, indicator, as_of, value, cause, likelihood, measures, replaces FROM progress`,
	}},
	{key: "score", label: "评分全部 Score everything", parts: store.ForScore, reads: []string{
		`SELECT id, year FROM documents`,
		`SELECT id, document_id, code, name, budget FROM projects WHERE id IN (SELECT project_id FROM evaluations)`,
		`SELECT project_id, level1, level2, level3, value, target_kind, target_op, target_number, target_unit,
       target_date, target_direction, target_flag, weight
FROM indicators WHERE project_id IN (SELECT project_id FROM evaluations)`,
		`SELECT project_id, adjusted_budget, executed, has_executed, reason FROM evaluations`,
		`SELECT project_id, indicator, value, grade, score, has_score, reason FROM actuals`,
		`SELECT project_id, id, paid_on, amount, replaces FROM spending
WHERE project_id IN (SELECT project_id FROM evaluations WHERE NOT has_executed)`,
	}},
}

// monitorAsOf is the day the monitoring step monitors every generated
// document as of (they are all of its year).
var monitorAsOf = jixiao.Date{Y: 2024, M: 9, D: 30}

// stepFilter is what a step's walk asks EachDocument for: the parts it
// reads, and for monitoring and scoring the day spending is summed to in
// the database (Filter.SpentTo; scoring counts the year's payments).
func stepFilter(step string) store.Filter {
	var f store.Filter
	for _, s := range computeSteps {
		if s.key == step {
			f.Parts = s.parts
		}
	}
	switch step {
	case "monitor":
		f.Year, f.SpentTo = monitorAsOf.Y, monitorAsOf
	case "score":
		f.Year, f.SpentTo = monitorAsOf.Y, jixiao.YearEnd(monitorAsOf.Y)
	}
	return f
}

// computeRepeats is how many times each step and its baseline are timed,
// one after the other in turn; the medians are reported, so that one
// disturbed timing on a shared machine does not decide a figure.
const computeRepeats = 3

// median is the middle of the durations (they are sorted in place).
func median(d []time.Duration) time.Duration {
	slices.Sort(d)
	return d[len(d)/2]
}

// compute reviews, monitors and scores every stored document in the
// worker, each step beside a plain read of the rows and columns its
// result depends on; loading every document whole is reported beside
// the read of every column a document is made of, for reference, and
// that read is given in each step's note as well. Each step and its
// baseline are timed computeRepeats times, alternately.
func (b *run) compute(ctx context.Context, engine string, p *workerProc, db *sql.DB) error {
	var fulls []time.Duration
	var n int64
	for range computeRepeats {
		d, rows, err := readOnce(ctx, db)
		if err != nil {
			return err
		}
		fulls, n = append(fulls, d), rows
	}
	full := median(fulls)
	b.say("%s 读取全部行一次 read-once %d 行 %.2f 秒", engine, n, full.Seconds())
	for _, s := range computeSteps {
		label, note := "一次读取 read once (all document columns)", ""
		var bases, tooks, bares []time.Duration
		var a answer
		for range computeRepeats {
			base := full
			if s.reads != nil {
				var rows int64
				var err error
				if base, rows, err = readStep(ctx, db, s.reads); err != nil {
					return err
				}
				label = "一次读取该步所依赖的行列 read once (the rows and columns the step depends on)"
				note = fmt.Sprintf("；基线 %d 行 rows；全部文档列一次读取 read once of all document columns %.4f s", rows, full.Seconds())
			}
			got, err := p.ask(request{Op: "compute", Step: s.key})
			if err != nil {
				return err
			}
			a = got
			bases = append(bases, base)
			tooks = append(tooks, seconds(a.Seconds))
			if s.reads != nil {
				if got, err = p.ask(request{Op: "compute", Step: s.key, Bare: true}); err != nil {
					return err
				}
				bares = append(bares, seconds(got.Seconds))
			}
		}
		base, took := median(bases), median(tooks)
		f := Figure{Engine: engine, Key: s.key, Label: s.label, Value: took.Seconds(), Unit: "s",
			Baseline: base.Seconds(), BaselineLabel: label, Ratio: took.Seconds() / base.Seconds(),
			Target: "≤ 1 × baseline", Note: fmt.Sprintf("%d 份文档 documents；%d 次中位数 median of %d", a.Docs, computeRepeats, computeRepeats)}
		f.OK = f.Ratio <= 1
		if s.reads != nil {
			f.Note += note + fmt.Sprintf("，比 ratio %.2f", took.Seconds()/full.Seconds())
		} else {
			f.Target, f.Note = "", f.Note+"；参考，无目标 reference only"
			f.OK = true
		}
		if len(a.Errors) > 0 {
			f.OK = false
			f.Note += fmt.Sprintf("; %d 份出错 errors: %v", len(a.Errors), strings.Join(a.Errors, "; "))
		}
		b.r.add(f)
		b.say("%s %s %.2f 秒，基线 baseline %.2f 秒（工作进程峰值 worker peak %.0f MB，Go %.0f MB）", engine, s.key,
			took.Seconds(), base.Seconds(), a.PeakMB, a.GoMB)
		if s.reads != nil {
			// The same walk without the computation: how much of the
			// step is reading through the product's path, and how much
			// the computation adds on top of it.
			bare := median(bares)
			b.r.add(Figure{Engine: engine, Key: s.key + "_walk", Label: s.label + "（只读取不计算 walk alone, no computing）",
				Value: bare.Seconds(), Unit: "s", Baseline: base.Seconds(), BaselineLabel: label,
				Ratio: bare.Seconds() / base.Seconds(), OK: true,
				Note: fmt.Sprintf("%d 次中位数 median of %d；计算另加 the computation adds %.2f × 基线 baseline；参考，无目标 reference only",
					computeRepeats, computeRepeats, (took.Seconds()-bare.Seconds())/base.Seconds())})
		}
	}
	return nil
}

// seconds is a worker's figure as a duration.
func seconds(s float64) time.Duration { return time.Duration(s * float64(time.Second)) }

// readStep runs each query once and scans every row into reused
// sql.RawBytes, as readOnce does, and returns the time and the rows read.
func readStep(ctx context.Context, db *sql.DB, queries []string) (time.Duration, int64, error) {
	start := time.Now()
	var n int64
	for _, q := range queries {
		rows, err := db.QueryContext(ctx, q)
		if err != nil {
			return 0, 0, err
		}
		cols, _ := rows.Columns()
		vals := make([]any, len(cols))
		raw := make([]sql.RawBytes, len(cols))
		for i := range raw {
			vals[i] = &raw[i]
		}
		for rows.Next() {
			if err := rows.Scan(vals...); err != nil {
				rows.Close()
				return 0, 0, err
			}
			n++
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return 0, 0, err
		}
	}
	return time.Since(start), n, nil
}
