package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"jixiao"
	"jixiao/jsondoc"
	"jixiao/score"
)

// EvaluationChange is one saved version of a project's self-evaluation, as
// the append-only history keeps it, so that every figure and every score
// override can be traced to who entered it and when.
type EvaluationChange struct {
	Version int64
	By      string
	At      time.Time
	// Before and After are the evaluation as JSON in the exchange format's
	// "evaluation" shape (FORMAT.md); Before is "" for the first save.
	Before, After string
}

// SaveEvaluation stores project code's year-end self-evaluation e in one
// transaction and appends it to the project's evaluation history and to
// the audit trail (before and after, by by). It
// refuses, with the scorer's Chinese message, an evaluation that cannot be
// scored (wrong unit, a grade on a quantitative indicator, a number on a
// qualitative one, a score outside its band, an override without a reason).
// expectVersion is the evaluation version the caller's page showed
// (EvaluationVersion; 0 when there was none): if someone saved since,
// the save is refused with jixiao.ErrConflict and nothing changes. The
// stored evaluation is returned with its stamp; its version is
// expectVersion + 1.
func (s *Store) SaveEvaluation(ctx context.Context, k jixiao.Key, code string, e jixiao.Evaluation, by string, expectVersion int64) (jixiao.Evaluation, error) {
	tx, err := s.write.BeginTx(ctx, nil)
	if err != nil {
		return jixiao.Evaluation{}, fmt.Errorf("开始保存自评失败：%w", err)
	}
	defer tx.Rollback()
	// The unit's lock first, as SaveDocuments and Transition take it, then
	// the project's, then the audit trail's: one order for every writer.
	if err := s.lockUnit(ctx, tx, k); err != nil {
		return jixiao.Evaluation{}, err
	}
	id, err := projectID(ctx, tx, k, code)
	if err != nil {
		return jixiao.Evaluation{}, err
	}
	// An update that changes nothing takes the project's row lock on
	// PostgreSQL, so two saves of one evaluation queue up and the second
	// sees the first's version. SQLite's writer is exclusive already.
	if _, err := tx.ExecContext(ctx, `UPDATE projects SET version = version WHERE id = $1`, id); err != nil {
		return jixiao.Evaluation{}, fmt.Errorf("保存自评失败：%w", err)
	}
	current, err := evaluationVersion(ctx, tx, id)
	if err != nil {
		return jixiao.Evaluation{}, err
	}
	if current != expectVersion {
		return jixiao.Evaluation{}, fmt.Errorf("项目 %s 的自评已由他人保存（第 %d 版，页面上是第 %d 版）：%w",
			code, current, expectVersion, jixiao.ErrConflict)
	}
	doc, _, err := load(ctx, tx, k, true)
	if err != nil {
		return jixiao.Evaluation{}, err
	}
	if doc == nil {
		return jixiao.Evaluation{}, fmt.Errorf("单位 %s %d 年度的绩效目标：%w", k.Unit, k.Year, jixiao.ErrNotFound)
	}
	p, ok := doc.Project(code)
	if !ok {
		return jixiao.Evaluation{}, fmt.Errorf("项目 %s：%w", code, jixiao.ErrNotFound)
	}
	before := p.Evaluation
	e.Actuals = append([]jixiao.Actual(nil), e.Actuals...)
	e.Entered = jixiao.Stamp{By: by, At: now()}
	p.Evaluation = &e
	if err := validateRecords(p); err != nil {
		return jixiao.Evaluation{}, fmt.Errorf("项目“%s”：%w", p.Name, err)
	}
	if _, err := score.Project(p, k.Year, score.DefaultConfig()); err != nil {
		return jixiao.Evaluation{}, err
	}

	if _, err := tx.ExecContext(ctx, `DELETE FROM actuals WHERE project_id = $1`, id); err != nil {
		return jixiao.Evaluation{}, fmt.Errorf("保存自评失败：%w", err)
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM evaluations WHERE project_id = $1`, id); err != nil {
		return jixiao.Evaluation{}, fmt.Errorf("保存自评失败：%w", err)
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO evaluations (project_id, adjusted_budget, executed, has_executed, reason, entered_by, entered_at)
VALUES ($1, $2, $3, $4, $5, $6, $7)`, id, int64(e.AdjustedBudget), int64(e.Executed), e.HasExecuted, e.Reason,
		e.Entered.By, formatInstant(e.Entered.At)); err != nil {
		return jixiao.Evaluation{}, fmt.Errorf("保存自评失败：%w", err)
	}
	for i, a := range e.Actuals {
		if _, err := tx.ExecContext(ctx, `INSERT INTO actuals (project_id, seq, indicator, value, grade, score, has_score, reason, source)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`, id, i+1, a.Indicator, a.Value, a.Grade, int64(a.Score), a.HasScore,
			a.Reason, a.Source); err != nil {
			return jixiao.Evaluation{}, fmt.Errorf("保存自评第 %d 个实际完成值失败：%w", i+1, err)
		}
	}
	if err := evaluationHistory(ctx, tx, k, code, id, current+1, before, &e, by); err != nil {
		return jixiao.Evaluation{}, err
	}
	if err := bumpRevision(ctx, tx, k); err != nil {
		return jixiao.Evaluation{}, err
	}
	if err := tx.Commit(); err != nil {
		return jixiao.Evaluation{}, fmt.Errorf("提交自评失败：%w", err)
	}
	return e, nil
}

// EvaluationVersion returns how many times project code's evaluation has
// been saved: the version a page must send back with SaveEvaluation.
func (s *Store) EvaluationVersion(ctx context.Context, k jixiao.Key, code string) (int64, error) {
	id, err := projectID(ctx, s.read, k, code)
	if err != nil {
		return 0, err
	}
	return evaluationVersion(ctx, s.read, id)
}

// EvaluationHistory returns every saved version of project code's
// evaluation, oldest first.
func (s *Store) EvaluationHistory(ctx context.Context, k jixiao.Key, code string) ([]EvaluationChange, error) {
	id, err := projectID(ctx, s.read, k, code)
	if err != nil {
		return nil, err
	}
	rows, err := s.read.QueryContext(ctx, `SELECT version, changed_by, changed_at, before_json, after_json
FROM evaluation_history WHERE project_id = $1 ORDER BY version`, id)
	if err != nil {
		return nil, fmt.Errorf("读取自评历史失败：%w", err)
	}
	defer rows.Close()
	var out []EvaluationChange
	for rows.Next() {
		var c EvaluationChange
		var at string
		if err := rows.Scan(&c.Version, &c.By, &at, &c.Before, &c.After); err != nil {
			return nil, fmt.Errorf("读取自评历史失败：%w", err)
		}
		if c.At, err = parseInstant(at); err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("读取自评历史失败：%w", err)
	}
	return out, nil
}

// projectID finds the row id of project code in document k.
func projectID(ctx context.Context, q querier, k jixiao.Key, code string) (int64, error) {
	var id int64
	err := q.QueryRowContext(ctx, `SELECT p.id FROM projects p JOIN documents d ON d.id = p.document_id
WHERE d.unit_code = $1 AND d.year = $2 AND p.code = $3`, k.Unit, k.Year, code).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, fmt.Errorf("单位 %s %d 年度的绩效目标中没有项目 %s：%w", k.Unit, k.Year, code, jixiao.ErrNotFound)
	}
	if err != nil {
		return 0, readErr(k, err)
	}
	return id, nil
}

func evaluationVersion(ctx context.Context, q querier, project int64) (int64, error) {
	var v int64
	if err := q.QueryRowContext(ctx, `SELECT COALESCE(MAX(version), 0) FROM evaluation_history WHERE project_id = $1`,
		project).Scan(&v); err != nil {
		return 0, fmt.Errorf("读取自评版本失败：%w", err)
	}
	return v, nil
}

// AuditEvaluationSave is the audit action of a saved self-evaluation:
// before and after are the evaluation in the exchange shape, so that an
// evaluator's own score (an override) and its reason show in the trail.
const AuditEvaluationSave = "evaluation.save"

// evaluationJSON writes e in the exchange format's "evaluation" shape
// (FORMAT.md), so the history and the trail read like an export; nil is "".
func evaluationJSON(e *jixiao.Evaluation) string {
	if e == nil {
		return ""
	}
	return toJSON(jsondoc.EvaluationJSON(e))
}

// evaluationHistory keeps version of project code's evaluation (id: the
// project's row) in the evaluation history and the audit trail, inside the
// transaction that saves it — by the evaluation page or by an import.
func evaluationHistory(ctx context.Context, tx *sql.Tx, k jixiao.Key, code string, id, version int64, before, after *jixiao.Evaluation, by string) error {
	if _, err := tx.ExecContext(ctx, `INSERT INTO evaluation_history (project_id, version, changed_by, changed_at, before_json, after_json)
VALUES ($1, $2, $3, $4, $5, $6)`, id, version, by, formatInstant(after.Entered.At), evaluationJSON(before), evaluationJSON(after)); err != nil {
		return fmt.Errorf("记录自评历史失败：%w", err)
	}
	return appendAudit(ctx, tx, evaluationAudit(k, code, version, before, after, by))
}

// evaluationAudit is the trail entry of project code's evaluation changing
// from before (nil: none) to after, saved as version.
func evaluationAudit(k jixiao.Key, code string, version int64, before, after *jixiao.Evaluation, by string) AuditEntry {
	return AuditEntry{Actor: by, Action: AuditEvaluationSave, Unit: k.Unit, Year: k.Year, Project: code,
		Object: fmt.Sprintf("evaluation:%d", version), Before: evaluationJSON(before), After: evaluationJSON(after)}
}
