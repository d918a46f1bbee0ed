package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"jixiao"
	"jixiao/auth"
	"jixiao/workflow"
)

// The review state of each unit's year (package workflow says which moves
// exist and who may make them), its history with the reviewers' comments,
// and the adjustments (调整) that let approved goals change.

// ErrGoalsLocked says the goals were approved and a change needs an
// adjustment first.
var ErrGoalsLocked = errors.New("绩效目标已审核通过，修改须先登记调整（写明调整原因）")

// Transition is one recorded move of a track.
type Transition struct {
	ID      int64
	Key     jixiao.Key
	Track   workflow.Track
	From    workflow.State
	To      workflow.State
	Actor   string
	At      time.Time
	Comment string
}

// WorkflowState returns where the unit's year stands on the track; a
// track never moved is workflow.Draft.
func (s *Store) WorkflowState(ctx context.Context, k jixiao.Key, track workflow.Track) (workflow.State, error) {
	st, err := workflowState(ctx, s.read, k, track)
	if err != nil {
		return "", fmt.Errorf("读取单位 %s %d 年度的审核状态失败：%w", k.Unit, k.Year, err)
	}
	return st, nil
}

func workflowState(ctx context.Context, q querier, k jixiao.Key, track workflow.Track) (workflow.State, error) {
	var st string
	err := q.QueryRowContext(ctx, `SELECT state FROM workflow_state WHERE unit_code = $1 AND year = $2 AND track = $3`,
		k.Unit, k.Year, string(track)).Scan(&st)
	if errors.Is(err, sql.ErrNoRows) {
		return workflow.Draft, nil
	}
	return stateOrDraft(st), err
}

// stateOrDraft reads a stored state; no row (or an empty one) is a draft.
func stateOrDraft(st string) workflow.State {
	if st == "" {
		return workflow.Draft
	}
	return workflow.State(st)
}

// lockUnit takes the lock SaveDocuments takes first (the unit's row), so
// that a move and a save of the same unit queue up instead of crossing,
// and checks the unit's document of the year exists.
func (s *Store) lockUnit(ctx context.Context, tx *sql.Tx, k jixiao.Key) error {
	q := `SELECT code FROM units WHERE code = $1`
	if s.d.name == "postgres" {
		q += ` FOR UPDATE`
	}
	var code string
	err := tx.QueryRowContext(ctx, q, k.Unit).Scan(&code)
	if err == nil {
		err = tx.QueryRowContext(ctx, `SELECT unit_code FROM documents WHERE unit_code = $1 AND year = $2`, k.Unit, k.Year).Scan(&code)
	}
	if errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("单位 %s %d 年度的绩效目标：%w", k.Unit, k.Year, jixiao.ErrNotFound)
	}
	return err
}

// Transition moves the unit's year on the track to the state, as user by
// with the comment (required for a return), after checking inside the
// transaction that the move exists from the current state and that by may
// make it (workflow.Check). The move and the comment are recorded and
// audited.
func (s *Store) Transition(ctx context.Context, k jixiao.Key, track workflow.Track, to workflow.State, by *auth.User, comment string) error {
	return s.inTx(ctx, "变更审核状态", func(tx *sql.Tx) error {
		if err := s.lockUnit(ctx, tx, k); err != nil {
			return err
		}
		from, err := workflowState(ctx, tx, k, track)
		if err != nil {
			return err
		}
		if err := workflow.Check(by, k.Unit, track, from, to, comment); err != nil {
			return &checkError{err}
		}
		at := formatInstant(now())
		if _, err := tx.ExecContext(ctx, `INSERT INTO workflow_state (unit_code, year, track, state, updated_at, updated_by)
VALUES ($1, $2, $3, $4, $5, $6)
ON CONFLICT (unit_code, year, track) DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at,
updated_by = excluded.updated_by`, k.Unit, k.Year, string(track), string(to), at, by.Name); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO workflow_transitions (unit_code, year, track, from_state, to_state,
actor, at, comment) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
			k.Unit, k.Year, string(track), string(from), string(to), by.Name, at, comment); err != nil {
			return err
		}
		if err := bumpRevision(ctx, tx, k); err != nil {
			return err
		}
		return appendAudit(ctx, tx, AuditEntry{Actor: by.Name, Action: AuditTransition, Unit: k.Unit, Year: k.Year,
			Object: string(track),
			Before: toJSON(map[string]string{"state": string(from)}),
			After:  toJSON(map[string]string{"state": string(to), "comment": comment})})
	})
}

// checkError is a refusal of the rules, passed to the caller as it is.
type checkError struct{ err error }

func (e *checkError) Error() string { return e.err.Error() }
func (e *checkError) Unwrap() error { return e.err }

// Transitions returns the recorded moves of the unit's year on the track,
// oldest first: the review history with its comments.
func (s *Store) Transitions(ctx context.Context, k jixiao.Key, track workflow.Track) ([]Transition, error) {
	rows, err := s.read.QueryContext(ctx, `SELECT id, from_state, to_state, actor, at, comment FROM workflow_transitions
WHERE unit_code = $1 AND year = $2 AND track = $3 ORDER BY id`, k.Unit, k.Year, string(track))
	if err != nil {
		return nil, fmt.Errorf("读取审核记录失败：%w", err)
	}
	defer rows.Close()
	var out []Transition
	for rows.Next() {
		t := Transition{Key: k, Track: track}
		var from, to, at string
		if err := rows.Scan(&t.ID, &from, &to, &t.Actor, &at, &t.Comment); err != nil {
			return nil, fmt.Errorf("读取审核记录失败：%w", err)
		}
		t.From, t.To = workflow.State(from), workflow.State(to)
		if t.At, err = parseInstant(at); err != nil {
			return nil, err
		}
		out = append(out, t)
	}
	return out, rows.Err()
}

// Adjustment records an adjustment (调整) of the unit's approved or
// published goals with its reason, by a user allowed auth.Adjust on the
// unit; the next save that changes the goal tables uses it up. Goals not
// locked need none, and get none.
func (s *Store) Adjustment(ctx context.Context, k jixiao.Key, by *auth.User, reason string) error {
	if reason == "" {
		return errors.New("登记调整须写明调整原因")
	}
	if !auth.Can(by, auth.Adjust, k.Unit) {
		return fmt.Errorf("%s无权登记单位 %s 绩效目标的调整", by.Label(), k.Unit)
	}
	return s.inTx(ctx, "登记调整", func(tx *sql.Tx) error {
		if err := s.lockUnit(ctx, tx, k); err != nil {
			return err
		}
		st, err := workflowState(ctx, tx, k, workflow.Goals)
		if err != nil {
			return err
		}
		if !st.Locked() {
			return &checkError{fmt.Errorf("单位 %s %d 年度的绩效目标%s，可以直接修改，无需登记调整", k.Unit, k.Year, st.Label())}
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO goal_adjustments (unit_code, year, actor, at, reason)
VALUES ($1, $2, $3, $4, $5)`, k.Unit, k.Year, by.Name, formatInstant(now()), reason); err != nil {
			return err
		}
		if err := bumpRevision(ctx, tx, k); err != nil {
			return err
		}
		return appendAudit(ctx, tx, AuditEntry{Actor: by.Name, Action: AuditAdjustment, Unit: k.Unit, Year: k.Year,
			After: toJSON(map[string]string{"reason": reason, "state": string(st)})})
	})
}

// AdjustmentPending reports whether an adjustment of the unit's goals is
// recorded and not yet used by a save.
func (s *Store) AdjustmentPending(ctx context.Context, k jixiao.Key) (bool, error) {
	var n int
	err := s.read.QueryRowContext(ctx, `SELECT 1 FROM goal_adjustments WHERE unit_code = $1 AND year = $2 AND used_at = '' LIMIT 1`,
		k.Unit, k.Year).Scan(&n)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("读取调整记录失败：%w", err)
	}
	return true, nil
}

// guardGoals is SaveDocuments' check and trail for one document about to
// be written: when the goals change (a project added, removed or changed,
// or part one) while the goals are approved or published, a pending
// adjustment is used up, or the save is refused with ErrGoalsLocked; then
// the change goes to the audit trail, in the same transaction.
func (w *writer) guardGoals(old, d *jixiao.Document, c jixiao.Change) error {
	k := d.Key()
	// Part one is of the goals as much as the goal tables are.
	if !c.Unchanged() || (old != nil && !sameOverall(&old.Overall, &d.Overall)) {
		st, err := workflowState(w.ctx, w.tx, k, workflow.Goals)
		if err != nil {
			return err
		}
		if st.Locked() {
			res, err := w.tx.ExecContext(w.ctx, `UPDATE goal_adjustments SET used_at = $1 WHERE id =
(SELECT MIN(id) FROM goal_adjustments WHERE unit_code = $2 AND year = $3 AND used_at = '')`,
				formatInstant(w.at), k.Unit, k.Year)
			if err != nil {
				return err
			}
			if n, err := res.RowsAffected(); err != nil || n == 0 {
				return fmt.Errorf("%s（%s）：%w", k, st.Label(), ErrGoalsLocked)
			}
		}
	}
	return appendAudit(w.ctx, w.tx, auditDocument(old, d, c, w.by)...)
}
