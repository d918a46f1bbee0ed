package store

import (
	"context"
	"database/sql"

	"jixiao"
)

// MonitorInputs reads what monitoring document k as of date d needs,
// aggregated in the database instead of loading every record: the head
// and each project's row, plan and indicator count; the spending up to d
// summed per project (records inside the fiscal year up to d, a record
// that another replaces not counted, as monitor.Spent counts); and per
// indicator the latest progress report as of d (latest date, then latest
// entered; replaced reports left out, as monitor.Latest picks), with that
// indicator's cells. The returned document is shaped for the monitor
// package's functions and for nothing else: each project carries one
// spending record holding its total (dated the first day of the year),
// only the latest progress reports, and indicators whose cells are set
// only where a report was picked. monitor.Document on it gives every
// project's budget, spending, expected and actual progress, deviation,
// light and reasons as on the fully loaded document.
func (s *Store) MonitorInputs(ctx context.Context, k jixiao.Key, d jixiao.Date) (*jixiao.Document, error) {
	opts := s.d.readTx
	tx, err := s.read.BeginTx(ctx, &opts)
	if err != nil {
		return nil, readErr(k, err)
	}
	defer tx.Rollback()
	h, err := readHead(ctx, tx, k)
	if err != nil {
		return nil, err
	}
	c := newChunk(ctx, tx, []head{h}, false)
	c.readProjects()
	c.plans()
	doc := c.docs[0]
	// Indicator counts, from the primary key's index.
	c.each(`SELECT project_id, COUNT(*) FROM indicators WHERE project_id IN (`+projectsIn+`) GROUP BY project_id`, func(r *sql.Rows) error {
		var id, n int64
		if err := r.Scan(&id, &n); err != nil {
			return err
		}
		p, err := c.project(id)
		if err == nil {
			p.Indicators = make([]jixiao.Indicator, n)
		}
		return err
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
SELECT l.project_id, l.id, l.indicator, l.as_of, l.value, l.cause, l.likelihood, l.measures, `+indicatorColumns+`
FROM (
	SELECT r.project_id, r.id, r.indicator, r.as_of, r.value, r.cause, r.likelihood, r.measures,
	       ROW_NUMBER() OVER (PARTITION BY r.project_id, r.indicator
	                          ORDER BY COALESCE(r.as_of, '') DESC, r.id DESC) AS n
	FROM progress r
	WHERE r.project_id IN (`+projectsIn+`) AND (r.as_of IS NULL OR r.as_of <= $2)
	  AND NOT EXISTS (SELECT 1 FROM progress x WHERE x.project_id = r.project_id AND x.replaces = r.id)
) l JOIN indicators i ON i.project_id = l.project_id AND i.seq = l.indicator
WHERE l.n = 1
ORDER BY l.project_id, l.indicator`, func(r *sql.Rows) error {
		var pid, n int64
		var g jixiao.Progress
		var asOf sql.NullString
		var in jixiao.Indicator
		if err := scanIndicator(r, &in, &pid, &g.ID, &n, &asOf, &g.Value, &g.Cause, &g.Likelihood, &g.Measures); err != nil {
			return err
		}
		p, err := c.project(pid)
		if err != nil {
			return err
		}
		if g.AsOf, err = scanDate(asOf); err != nil {
			return err
		}
		g.Indicator = int(n)
		if g.Indicator >= 1 && g.Indicator <= len(p.Indicators) {
			p.Indicators[g.Indicator-1] = in
			p.Progress = append(p.Progress, g)
		}
		return nil
	})
	if c.err != nil {
		return nil, readErr(k, c.err)
	}
	return doc, nil
}
