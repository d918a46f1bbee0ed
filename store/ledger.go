package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"jixiao"
	"jixiao/ledger"
)

// Audit actions of the work records.
const (
	AuditLedgerAdd      = "ledger.add"      // work records entered or imported
	AuditLedgerWithdraw = "ledger.withdraw" // a work record withdrawn
	AuditLedgerClose    = "ledger.close"    // a work record's closing date (and outcome) entered
	AuditLedgerCorrect  = "ledger.correct"  // a work record corrected
	AuditLedgerMeasure  = "ledger.measure"  // an indicator bound to a measure, or unbound
)

// MaxWorkRecords is the most records one add may carry: a county's year
// of sampling is a few thousand batches.
const MaxWorkRecords = 20000

// WorkRecords returns the work records of document k by date, then by
// the order they were entered.
func (s *Store) WorkRecords(ctx context.Context, k jixiao.Key) ([]ledger.Record, error) {
	rows, err := s.read.QueryContext(ctx, `SELECT w.id, w.kind, w.done_on, w.ref, w.subject, w.item, w.outcome, w.note, w.closed_on, w.entered_by, w.entered_at
FROM work_records w JOIN documents d ON d.id = w.document_id
WHERE d.unit_code = $1 AND d.year = $2 ORDER BY w.done_on, w.id`, k.Unit, k.Year)
	if err != nil {
		return nil, fmt.Errorf("读取工作台账失败：%w", err)
	}
	defer rows.Close()
	var out []ledger.Record
	for rows.Next() {
		r, err := scanWorkRecord(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// AddWorkRecords adds records to document k's ledger, by user by, all or
// none: a record that fails ledger.Record.Check is refused with an
// *EntryError naming it and marked ErrInvalid, and nothing is added. It
// returns the records as stored, with their ids.
func (s *Store) AddWorkRecords(ctx context.Context, k jixiao.Key, records []ledger.Record, by string) ([]ledger.Record, error) {
	if len(records) == 0 {
		return nil, invalid{fmt.Errorf("没有要录入的台账记录")}
	}
	if len(records) > MaxWorkRecords {
		return nil, invalid{fmt.Errorf("一次录入 %d 条台账记录，超过上限 %d 条，请分批录入", len(records), MaxWorkRecords)}
	}
	at := now()
	out := make([]ledger.Record, len(records))
	for i, r := range records {
		r = r.Normalize()
		r.ID, r.Entered = 0, jixiao.Stamp{By: by, At: at}
		if err := r.Check(k.Year); err != nil {
			return nil, &EntryError{Index: i, Err: invalid{err}}
		}
		out[i] = r
	}
	tx, doc, err := s.ledgerTx(ctx, k)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	ins, err := tx.PrepareContext(ctx, `INSERT INTO work_records (document_id, kind, done_on, ref, subject, item, outcome, note, closed_on, entered_by, entered_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id`)
	if err != nil {
		return nil, fmt.Errorf("录入台账失败：%w", err)
	}
	defer ins.Close()
	for i := range out {
		r := &out[i]
		if err := ins.QueryRowContext(ctx, doc, r.Kind, r.Date.String(), r.Ref, r.Subject, r.Item, r.Outcome, r.Note,
			r.Closed.String(), by, formatInstant(at)).Scan(&r.ID); err != nil {
			return nil, fmt.Errorf("录入台账失败：%w", err)
		}
	}
	object := fmt.Sprintf("ledger:%d", out[0].ID)
	if len(out) > 1 {
		object = fmt.Sprintf("ledger:%d-%d", out[0].ID, out[len(out)-1].ID)
	}
	images := make([]map[string]any, len(out))
	for i, r := range out {
		images[i] = recordImage(r)
	}
	if err := s.finishLedger(ctx, tx, k, AuditEntry{Actor: by, Action: AuditLedgerAdd, Unit: k.Unit, Year: k.Year,
		Object: object, After: toJSON(images)}); err != nil {
		return nil, err
	}
	return out, nil
}

// WithdrawWorkRecord removes record id from document k's ledger, by user
// by; the audit trail keeps what it said. A record the document does not
// have is ErrNotFound.
func (s *Store) WithdrawWorkRecord(ctx context.Context, k jixiao.Key, id int64, by string) error {
	tx, doc, err := s.ledgerTx(ctx, k)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	r, err := workRecord(ctx, tx, k, doc, id)
	if err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM work_records WHERE id = $1`, id); err != nil {
		return fmt.Errorf("撤销台账记录失败：%w", err)
	}
	return s.finishLedger(ctx, tx, k, AuditEntry{Actor: by, Action: AuditLedgerWithdraw, Unit: k.Unit, Year: k.Year,
		Object: fmt.Sprintf("ledger:%d", id), Before: toJSON([]map[string]any{recordImage(r)})})
}

// CloseWorkRecord records that record id of document k's ledger was
// closed on closed (its lab result, published result or decision) with
// outcome ("" keeps the record's), by user by; a record closed already
// has its closing corrected. The audit trail keeps the record before and
// after. A record the document does not have is ErrNotFound; a date or
// outcome the record cannot have is ErrInvalid.
func (s *Store) CloseWorkRecord(ctx context.Context, k jixiao.Key, id int64, closed jixiao.Date, outcome, by string) (ledger.Record, error) {
	if closed.IsZero() {
		return ledger.Record{}, invalid{fmt.Errorf("缺少办结（出结果）日期")}
	}
	return s.changeWorkRecord(ctx, k, id, by, AuditLedgerClose, func(r ledger.Record) ledger.Record {
		r.Closed = closed
		if outcome != "" {
			r.Outcome = outcome
		}
		return r
	})
}

// CorrectWorkRecord replaces what record id of document k's ledger says
// with r (its id and who entered it stay), by user by: a typing error is
// put right without losing the record's place or its closing. The audit
// trail keeps the record before and after. Errors as CloseWorkRecord.
func (s *Store) CorrectWorkRecord(ctx context.Context, k jixiao.Key, id int64, r ledger.Record, by string) (ledger.Record, error) {
	return s.changeWorkRecord(ctx, k, id, by, AuditLedgerCorrect, func(old ledger.Record) ledger.Record {
		r = r.Normalize()
		r.ID, r.Entered = old.ID, old.Entered
		return r
	})
}

// changeWorkRecord rewrites record id as change makes it, checked, with
// the audit entry of action.
func (s *Store) changeWorkRecord(ctx context.Context, k jixiao.Key, id int64, by, action string, change func(ledger.Record) ledger.Record) (ledger.Record, error) {
	tx, doc, err := s.ledgerTx(ctx, k)
	if err != nil {
		return ledger.Record{}, err
	}
	defer tx.Rollback()
	old, err := workRecord(ctx, tx, k, doc, id)
	if err != nil {
		return ledger.Record{}, err
	}
	r := change(old)
	if err := r.Check(k.Year); err != nil {
		return ledger.Record{}, invalid{err}
	}
	if _, err := tx.ExecContext(ctx, `UPDATE work_records SET kind = $1, done_on = $2, ref = $3, subject = $4, item = $5, outcome = $6,
note = $7, closed_on = $8 WHERE id = $9`, r.Kind, r.Date.String(), r.Ref, r.Subject, r.Item, r.Outcome, r.Note, r.Closed.String(), id); err != nil {
		return ledger.Record{}, fmt.Errorf("修改台账记录失败：%w", err)
	}
	return r, s.finishLedger(ctx, tx, k, AuditEntry{Actor: by, Action: action, Unit: k.Unit, Year: k.Year,
		Object: fmt.Sprintf("ledger:%d", id), Before: toJSON([]map[string]any{recordImage(old)}), After: toJSON([]map[string]any{recordImage(r)})})
}

// workRecord reads record id of document doc inside a write.
func workRecord(ctx context.Context, tx *sql.Tx, k jixiao.Key, doc, id int64) (ledger.Record, error) {
	rows, err := tx.QueryContext(ctx, `SELECT id, kind, done_on, ref, subject, item, outcome, note, closed_on, entered_by, entered_at
FROM work_records WHERE id = $1 AND document_id = $2`, id, doc)
	if err != nil {
		return ledger.Record{}, fmt.Errorf("读取台账记录失败：%w", err)
	}
	defer rows.Close()
	if !rows.Next() {
		if err := rows.Err(); err != nil {
			return ledger.Record{}, fmt.Errorf("读取台账记录失败：%w", err)
		}
		return ledger.Record{}, fmt.Errorf("单位 %s %d 年度的工作台账中没有第 %d 号记录：%w", k.Unit, k.Year, id, jixiao.ErrNotFound)
	}
	return scanWorkRecord(rows)
}

// scanWorkRecord reads one row of the columns WorkRecords selects.
func scanWorkRecord(rows *sql.Rows) (ledger.Record, error) {
	var r ledger.Record
	var on, closed, at string
	if err := rows.Scan(&r.ID, &r.Kind, &on, &r.Ref, &r.Subject, &r.Item, &r.Outcome, &r.Note, &closed, &r.Entered.By, &at); err != nil {
		return r, fmt.Errorf("读取工作台账失败：%w", err)
	}
	var err error
	if r.Date, err = jixiao.ParseDate(on); err != nil {
		return r, err
	}
	if closed != "" {
		if r.Closed, err = jixiao.ParseDate(closed); err != nil {
			return r, err
		}
	}
	if r.Entered.At, err = parseInstant(at); err != nil {
		return r, err
	}
	return r, nil
}

// Measures returns document k's indicators bound to ledger measures, by
// project code and position.
func (s *Store) Measures(ctx context.Context, k jixiao.Key) ([]ledger.Binding, error) {
	rows, err := s.read.QueryContext(ctx, `SELECT m.project_code, m.indicator, m.name, m.kind, m.subjects, m.outcomes, m.share, m.on_time, m.base, m.entered_by, m.entered_at
FROM indicator_measures m JOIN documents d ON d.id = m.document_id
WHERE d.unit_code = $1 AND d.year = $2 ORDER BY m.project_code, m.indicator`, k.Unit, k.Year)
	if err != nil {
		return nil, fmt.Errorf("读取指标取数设置失败：%w", err)
	}
	defer rows.Close()
	var out []ledger.Binding
	for rows.Next() {
		var b ledger.Binding
		var subjects, share, onTime int
		var outcomes, at string
		if err := rows.Scan(&b.Project, &b.Indicator, &b.Name, &b.Measure.Kind, &subjects, &outcomes, &share, &onTime, &b.Measure.Base, &b.Entered.By, &at); err != nil {
			return nil, fmt.Errorf("读取指标取数设置失败：%w", err)
		}
		b.Measure.Subjects, b.Measure.Share, b.Measure.OnTime, b.Measure.Outcomes = subjects != 0, share != 0, onTime != 0, splitLines(outcomes)
		if b.Entered.At, err = parseInstant(at); err != nil {
			return nil, err
		}
		out = append(out, b)
	}
	return out, rows.Err()
}

// SetMeasure binds indicator b.Indicator of project b.Project in
// document k to b.Measure, by user by, replacing any binding it had; a
// measure with no kind unbinds it. The binding takes the indicator's
// current 三级指标 as its Name. A project or indicator the document does
// not have, or a measure that fails its Check, is refused with
// ErrInvalid.
func (s *Store) SetMeasure(ctx context.Context, k jixiao.Key, b ledger.Binding, by string) (ledger.Binding, error) {
	unbind := b.Measure.Kind == ""
	if !unbind {
		if err := b.Measure.Check(); err != nil {
			return ledger.Binding{}, invalid{err}
		}
	}
	tx, doc, err := s.ledgerTx(ctx, k)
	if err != nil {
		return ledger.Binding{}, err
	}
	defer tx.Rollback()
	err = tx.QueryRowContext(ctx, `SELECT i.level3 FROM indicators i JOIN projects p ON p.id = i.project_id
WHERE p.document_id = $1 AND p.code = $2 AND i.seq = $3`, doc, b.Project, b.Indicator).Scan(&b.Name)
	if errors.Is(err, sql.ErrNoRows) {
		return ledger.Binding{}, invalid{fmt.Errorf("单位 %s %d 年度的绩效目标中没有项目“%s”的第 %d 个指标", k.Unit, k.Year, b.Project, b.Indicator)}
	}
	if err != nil {
		return ledger.Binding{}, fmt.Errorf("保存指标取数设置失败：%w", err)
	}
	var old ledger.Measure
	var subjects, share, onTime int
	var outcomes string
	err = tx.QueryRowContext(ctx, `SELECT kind, subjects, share, on_time, base, outcomes FROM indicator_measures
WHERE document_id = $1 AND project_code = $2 AND indicator = $3`, doc, b.Project, b.Indicator).Scan(&old.Kind, &subjects, &share, &onTime, &old.Base, &outcomes)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return ledger.Binding{}, fmt.Errorf("保存指标取数设置失败：%w", err)
	}
	old.Subjects, old.Share, old.OnTime, old.Outcomes = subjects != 0, share != 0, onTime != 0, splitLines(outcomes)
	b.Entered = jixiao.Stamp{By: by, At: now()}
	if _, err := tx.ExecContext(ctx, `DELETE FROM indicator_measures WHERE document_id = $1 AND project_code = $2 AND indicator = $3`,
		doc, b.Project, b.Indicator); err != nil {
		return ledger.Binding{}, fmt.Errorf("保存指标取数设置失败：%w", err)
	}
	entry := AuditEntry{Actor: by, Action: AuditLedgerMeasure, Unit: k.Unit, Year: k.Year, Project: b.Project,
		Object: fmt.Sprintf("indicator:%d", b.Indicator), Before: measureImage(b.Name, old)}
	if !unbind {
		if _, err := tx.ExecContext(ctx, `INSERT INTO indicator_measures (document_id, project_code, indicator, name, kind, subjects, outcomes, share, on_time, base, entered_by, entered_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`, doc, b.Project, b.Indicator, b.Name, b.Measure.Kind, boolInt(b.Measure.Subjects),
			strings.Join(b.Measure.Outcomes, "\n"), boolInt(b.Measure.Share), boolInt(b.Measure.OnTime), b.Measure.Base, by, formatInstant(b.Entered.At)); err != nil {
			return ledger.Binding{}, fmt.Errorf("保存指标取数设置失败：%w", err)
		}
		entry.After = measureImage(b.Name, b.Measure)
	}
	if entry.Before == "" && entry.After == "" {
		return b, nil // unbinding what was not bound changes nothing
	}
	return b, s.finishLedger(ctx, tx, k, entry)
}

// CopyMeasures gives document to the bindings of document from whose
// project and indicator it has at the same position under the same
// 三级指标, by user by, and returns how many it copied: next year's draft
// (package rollover) counts its indicators from the ledger as this
// year's did. Bindings to already has are kept.
func (s *Store) CopyMeasures(ctx context.Context, from, to jixiao.Key, by string) (int, error) {
	bindings, err := s.Measures(ctx, from)
	if err != nil {
		return 0, err
	}
	if len(bindings) == 0 {
		return 0, nil
	}
	tx, doc, err := s.ledgerTx(ctx, to)
	if err != nil {
		return 0, err
	}
	defer tx.Rollback()
	at := formatInstant(now())
	var entries []AuditEntry
	for _, b := range bindings {
		res, err := tx.ExecContext(ctx, `INSERT INTO indicator_measures (document_id, project_code, indicator, name, kind, subjects, outcomes, share, on_time, base, entered_by, entered_at)
SELECT p.document_id, p.code, i.seq, i.level3, CAST($2 AS TEXT), CAST($3 AS INTEGER), CAST($4 AS TEXT), CAST($5 AS INTEGER), CAST($11 AS INTEGER), CAST($12 AS BIGINT), CAST($6 AS TEXT), CAST($7 AS TEXT)
FROM projects p JOIN indicators i ON i.project_id = p.id
WHERE p.document_id = $1 AND p.code = $8 AND i.seq = $9 AND i.level3 = $10
AND NOT EXISTS (SELECT 1 FROM indicator_measures m WHERE m.document_id = $1 AND m.project_code = $8 AND m.indicator = $9)`,
			doc, b.Measure.Kind, boolInt(b.Measure.Subjects), strings.Join(b.Measure.Outcomes, "\n"), boolInt(b.Measure.Share), by, at,
			b.Project, b.Indicator, b.Name, boolInt(b.Measure.OnTime), b.Measure.Base)
		if err != nil {
			return 0, fmt.Errorf("复制指标取数设置失败：%w", err)
		}
		if n, _ := res.RowsAffected(); n == 1 {
			entries = append(entries, AuditEntry{Actor: by, Action: AuditLedgerMeasure, Unit: to.Unit, Year: to.Year, Project: b.Project,
				Object: fmt.Sprintf("indicator:%d", b.Indicator), After: measureImage(b.Name, b.Measure)})
		}
	}
	if len(entries) == 0 {
		return 0, nil
	}
	if err := bumpRevision(ctx, tx, to); err != nil {
		return 0, err
	}
	if err := appendAudit(ctx, tx, entries...); err != nil {
		return 0, err
	}
	if err := tx.Commit(); err != nil {
		return 0, fmt.Errorf("提交指标取数设置失败：%w", err)
	}
	return len(entries), nil
}

// ledgerTx begins a write of document k's ledger, holding the unit's
// lock, and returns the document's row id.
func (s *Store) ledgerTx(ctx context.Context, k jixiao.Key) (*sql.Tx, int64, error) {
	tx, err := s.write.BeginTx(ctx, nil)
	if err != nil {
		return nil, 0, fmt.Errorf("开始写入工作台账失败：%w", err)
	}
	if err := s.lockUnit(ctx, tx, k); err != nil {
		tx.Rollback()
		return nil, 0, err
	}
	var doc int64
	if err := tx.QueryRowContext(ctx, `SELECT id FROM documents WHERE unit_code = $1 AND year = $2`, k.Unit, k.Year).Scan(&doc); err != nil {
		tx.Rollback()
		return nil, 0, fmt.Errorf("写入工作台账失败：%w", err)
	}
	return tx, doc, nil
}

// finishLedger raises the document's revision, so that its pages count
// the change at once, records the audit entry and commits.
func (s *Store) finishLedger(ctx context.Context, tx *sql.Tx, k jixiao.Key, e AuditEntry) error {
	if err := bumpRevision(ctx, tx, k); err != nil {
		return err
	}
	if err := appendAudit(ctx, tx, e); err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("提交工作台账失败：%w", err)
	}
	return nil
}

// recordImage is a work record as the audit trail keeps it.
func recordImage(r ledger.Record) map[string]any {
	image := map[string]any{"id": r.ID, "kind": r.Kind, "date": r.Date.String(), "subject": r.Subject}
	for name, v := range map[string]string{"ref": r.Ref, "item": r.Item, "outcome": r.Outcome, "note": r.Note, "closed": r.Closed.String()} {
		if v != "" {
			image[name] = v
		}
	}
	return image
}

// measureImage is a binding as the audit trail keeps it: the indicator
// and what it counts in words; "" for no binding.
func measureImage(indicator string, m ledger.Measure) string {
	if m.Kind == "" {
		return ""
	}
	return toJSON(map[string]string{"indicator": indicator, "measure": m.Label()})
}

// splitLines is the list packed one per line in a column, nil for "".
func splitLines(s string) []string {
	if s == "" {
		return nil
	}
	return strings.Split(s, "\n")
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}
