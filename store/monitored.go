package store

import (
	"context"
	"database/sql"

	"jixiao"
)

// MonitorInputs reads what monitoring document k as of date d needs,
// filtered and summed in the database instead of loading every record:
// the head; each project's row, plan and indicators (names, values and
// targets, without the other cells); the spending up to d summed per
// project (records inside the fiscal year up to d, a record that another
// replaces not counted, as monitor.Spent counts); and of the progress
// reports only those dated up to d and the corrections (which may hide
// one of them, whatever their date). The returned document is shaped for
// the monitor package's functions and for nothing else: each project
// carries one spending record holding its total, dated the first day of
// the year, and those progress reports, from which monitor.Latest picks
// each indicator's latest, applying the correction rule itself.
// monitor.Document on it gives exactly what it gives on the fully loaded
// document. Every query finds its rows through the project's index.
func (s *Store) MonitorInputs(ctx context.Context, k jixiao.Key, d jixiao.Date) (*jixiao.Document, error) {
	tx, h, err := s.beginRead(ctx, k)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	c := newChunk(ctx, tx, []head{h}, false)
	c.readProjects()
	c.plans()
	doc := c.docs[0]
	c.each(`SELECT i.project_id, i.level3, i.value, i.target_kind, i.target_op, i.target_number, i.target_unit,
       i.target_date, i.target_direction, i.target_flag
FROM indicators i WHERE i.project_id IN (`+projectsIn+`) ORDER BY i.project_id, i.seq`, func(r *sql.Rows) error {
		var id, number int64
		var kind, dir string
		var date sql.NullString
		var in jixiao.Indicator
		t := &in.Target
		if err := r.Scan(&id, &in.Level3, &in.Value, &kind, &t.Op, &number, &t.Unit, &date, &dir, &t.Flag); err != nil {
			return err
		}
		t.Number, t.Kind, t.Direction = jixiao.Decimal(number), jixiao.TargetKind(kind), jixiao.Direction(dir)
		p, err := c.project(id)
		if err != nil {
			return err
		}
		if t.Date, err = c.date(date); err != nil {
			return err
		}
		p.Indicators = append(p.Indicators, in)
		return nil
	})
	start := jixiao.YearStart(doc.Year)
	c.args = append(c.args, start.String(), d.String())
	c.each(`
SELECT s.project_id, CAST(SUM(s.amount) AS BIGINT) FROM spending s
WHERE s.project_id IN (`+projectsIn+`) AND s.paid_on >= $2 AND s.paid_on <= $3
  AND NOT EXISTS (SELECT 1 FROM spending x WHERE x.project_id = s.project_id AND x.replaces = s.id)
GROUP BY s.project_id`, func(r *sql.Rows) error {
		var id, sum int64
		if err := r.Scan(&id, &sum); err != nil {
			return err
		}
		p, err := c.project(id)
		if err == nil {
			p.Spending = []jixiao.Spending{{Date: start, Amount: jixiao.Fen(sum)}}
		}
		return err
	})
	c.args = append(c.args[:1], d.String())
	c.each(`
SELECT r.project_id, r.id, r.indicator, r.as_of, r.value, r.cause, r.likelihood, r.measures, r.replaces
FROM progress r
WHERE r.project_id IN (`+projectsIn+`) AND (r.as_of IS NULL OR r.as_of <= $2 OR r.replaces <> 0)
ORDER BY r.project_id, r.seq`, func(r *sql.Rows) error {
		var pid, n int64
		var g jixiao.Progress
		var asOf sql.NullString
		if err := r.Scan(&pid, &g.ID, &n, &asOf, &g.Value, &g.Cause, &g.Likelihood, &g.Measures, &g.Replaces); err != nil {
			return err
		}
		p, err := c.project(pid)
		if err != nil {
			return err
		}
		if g.AsOf, err = c.date(asOf); err != nil {
			return err
		}
		g.Indicator = int(n)
		p.Progress = append(p.Progress, g)
		return nil
	})
	if c.err != nil {
		return nil, readErr(k, c.err)
	}
	return doc, nil
}
