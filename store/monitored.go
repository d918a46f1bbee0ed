package store

import (
	"context"

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
	c := newChunk(ctx, tx, []head{h}, true)
	c.parts, c.spentFrom, c.spentTo = ForMonitor, jixiao.YearStart(h.doc.Year), d
	if err := c.read(); err != nil {
		return nil, readErr(k, err)
	}
	return c.docs[0], nil
}
