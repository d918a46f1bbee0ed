package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"jixiao"
)

// querier is what loading needs: the read pool, or the transaction that is
// about to replace the document.
type querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// Document returns the stored document for the unit and year with all its
// projects, indicators and records in source order, or jixiao.ErrNotFound.
func (s *Store) Document(ctx context.Context, k jixiao.Key) (*jixiao.Document, error) {
	// One read transaction, so the document is read as of one moment even
	// while a writer replaces it.
	opts := s.d.readTx
	tx, err := s.read.BeginTx(ctx, &opts)
	if err != nil {
		return nil, fmt.Errorf("读取文件 %s 失败：%w", k, err)
	}
	defer tx.Rollback()
	d, _, err := load(ctx, tx, k, true)
	if err != nil {
		return nil, err
	}
	if d == nil {
		return nil, fmt.Errorf("单位 %s %d 年度的绩效目标：%w", k.Unit, k.Year, jixiao.ErrNotFound)
	}
	return d, nil
}

// stored is what saving needs to know of a stored document besides its
// content: its row id, and its projects' row ids and versions by code.
type stored struct {
	id       int64
	projects map[string]storedProject
}

type storedProject struct{ id, version int64 }

// load reads the document k, or returns nil when there is none. Records are
// read only when asked: replacing a document does not need them.
func load(ctx context.Context, q querier, k jixiao.Key, records bool) (*jixiao.Document, *stored, error) {
	d := &jixiao.Document{}
	st := &stored{projects: map[string]storedProject{}}
	var preset string
	err := q.QueryRowContext(ctx, `
SELECT d.id, u.code, u.name, d.year, d.preset, d.version
FROM documents d JOIN units u ON u.code = d.unit_code
WHERE d.unit_code = $1 AND d.year = $2`, k.Unit, k.Year).
		Scan(&st.id, &d.Unit.Code, &d.Unit.Name, &d.Year, &preset, &d.Version)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil, nil
	}
	if err != nil {
		return nil, nil, readErr(k, err)
	}
	d.Preset = jixiao.Preset(preset)
	l := loader{ctx: ctx, q: q, k: k, doc: st.id, d: d, index: map[int64]int{}}
	l.overall()
	l.projects(st)
	l.plans()
	l.indicators()
	if records {
		l.spending()
		l.progress()
		l.evaluations()
		l.actuals()
	}
	if l.err != nil {
		return nil, nil, l.err
	}
	return d, st, nil
}

func readErr(k jixiao.Key, err error) error {
	return fmt.Errorf("读取单位 %s %d 年度的绩效目标失败：%w", k.Unit, k.Year, err)
}

// loader reads one document table by table: one query per table, never one
// per project or indicator.
type loader struct {
	ctx   context.Context
	q     querier
	k     jixiao.Key
	doc   int64
	d     *jixiao.Document
	index map[int64]int // project row id → position in d.Projects
	err   error
}

// each runs the query with the document id and calls scan for every row,
// remembering the first error.
func (l *loader) each(query string, scan func(*sql.Rows) error) {
	if l.err != nil {
		return
	}
	rows, err := l.q.QueryContext(l.ctx, query, l.doc)
	if err != nil {
		l.err = readErr(l.k, err)
		return
	}
	defer rows.Close()
	for rows.Next() {
		if err := scan(rows); err != nil {
			l.err = readErr(l.k, err)
			return
		}
	}
	if err := rows.Err(); err != nil {
		l.err = readErr(l.k, err)
	}
}

// project returns the project of the row id.
func (l *loader) project(id int64) (*jixiao.Project, error) {
	i, ok := l.index[id]
	if !ok {
		return nil, fmt.Errorf("记录指向不存在的项目 %d", id)
	}
	return &l.d.Projects[i], nil
}

func (l *loader) overall() {
	o := &l.d.Overall
	l.each(`SELECT heading FROM goal_sections WHERE document_id = $1 ORDER BY seq`, func(r *sql.Rows) error {
		var g jixiao.GoalSection
		if err := r.Scan(&g.Heading); err != nil {
			return err
		}
		o.Goals = append(o.Goals, g)
		return nil
	})
	l.each(`SELECT section_seq, text FROM goal_items WHERE document_id = $1 ORDER BY section_seq, seq`, func(r *sql.Rows) error {
		var sec int
		var text string
		if err := r.Scan(&sec, &text); err != nil {
			return err
		}
		if sec < 1 || sec > len(o.Goals) {
			return fmt.Errorf("目标条目指向不存在的第 %d 个总体目标", sec)
		}
		o.Goals[sec-1].Items = append(o.Goals[sec-1].Items, text)
		return nil
	})
	l.each(`SELECT project, text FROM project_goals WHERE document_id = $1 ORDER BY seq`, func(r *sql.Rows) error {
		var g jixiao.ProjectGoal
		if err := r.Scan(&g.Project, &g.Text); err != nil {
			return err
		}
		o.ProjectGoals = append(o.ProjectGoals, g)
		return nil
	})
	l.each(`SELECT heading, text FROM measures WHERE document_id = $1 ORDER BY seq`, func(r *sql.Rows) error {
		var m jixiao.Measure
		if err := r.Scan(&m.Heading, &m.Text); err != nil {
			return err
		}
		o.Measures = append(o.Measures, m)
		return nil
	})
}

func (l *loader) projects(st *stored) {
	l.each(`
SELECT id, code, name, budget, fiscal, other, purpose, goal, version
FROM projects WHERE document_id = $1 ORDER BY seq`, func(r *sql.Rows) error {
		var id int64
		var p jixiao.Project
		if err := r.Scan(&id, &p.Code, &p.Name, &p.Budget, &p.Fiscal, &p.Other, &p.Purpose, &p.Goal, &p.Version); err != nil {
			return err
		}
		l.index[id] = len(l.d.Projects)
		st.projects[p.Code] = storedProject{id, p.Version}
		l.d.Projects = append(l.d.Projects, p)
		return nil
	})
}

func (l *loader) plans() {
	l.each(`
SELECT x.project_id, x.by_date, x.percent
FROM plan_points x JOIN projects p ON p.id = x.project_id
WHERE p.document_id = $1 ORDER BY x.project_id, x.seq`, func(r *sql.Rows) error {
		var id int64
		var by sql.NullString
		var c jixiao.Checkpoint
		if err := r.Scan(&id, &by, &c.Percent); err != nil {
			return err
		}
		p, err := l.project(id)
		if err != nil {
			return err
		}
		if c.By, err = scanDate(by); err != nil {
			return err
		}
		p.Plan = append(p.Plan, c)
		return nil
	})
}

func (l *loader) indicators() {
	l.each(`
SELECT x.project_id, x.level1, x.level2, x.level3, x.description, x.value, x.basis,
       x.target_kind, x.target_op, x.target_number, x.target_unit, x.target_date,
       x.target_direction, x.target_flag, x.weight
FROM indicators x JOIN projects p ON p.id = x.project_id
WHERE p.document_id = $1 ORDER BY x.project_id, x.seq`, func(r *sql.Rows) error {
		var id int64
		var in jixiao.Indicator
		var kind, dir string
		var date sql.NullString
		t := &in.Target
		if err := r.Scan(&id, &in.Level1, &in.Level2, &in.Level3, &in.Description, &in.Value, &in.Basis,
			&kind, &t.Op, &t.Number, &t.Unit, &date, &dir, &t.Flag, &in.Weight); err != nil {
			return err
		}
		t.Kind, t.Direction = jixiao.TargetKind(kind), jixiao.Direction(dir)
		p, err := l.project(id)
		if err != nil {
			return err
		}
		if t.Date, err = scanDate(date); err != nil {
			return err
		}
		p.Indicators = append(p.Indicators, in)
		return nil
	})
}

func (l *loader) spending() {
	l.each(`
SELECT x.project_id, x.id, x.paid_on, x.amount, x.note, x.replaces, x.entered_by, x.entered_at
FROM spending x JOIN projects p ON p.id = x.project_id
WHERE p.document_id = $1 ORDER BY x.project_id, x.seq`, func(r *sql.Rows) error {
		var pid int64
		var s jixiao.Spending
		var date sql.NullString
		var at string
		if err := r.Scan(&pid, &s.ID, &date, &s.Amount, &s.Note, &s.Replaces, &s.Entered.By, &at); err != nil {
			return err
		}
		p, err := l.project(pid)
		if err != nil {
			return err
		}
		if s.Date, err = scanDate(date); err != nil {
			return err
		}
		if s.Entered.At, err = parseInstant(at); err != nil {
			return err
		}
		p.Spending = append(p.Spending, s)
		return nil
	})
}

func (l *loader) progress() {
	l.each(`
SELECT x.project_id, x.id, x.indicator, x.as_of, x.value, x.cause, x.likelihood, x.measures,
       x.replaces, x.entered_by, x.entered_at
FROM progress x JOIN projects p ON p.id = x.project_id
WHERE p.document_id = $1 ORDER BY x.project_id, x.seq`, func(r *sql.Rows) error {
		var pid int64
		var g jixiao.Progress
		var date sql.NullString
		var at string
		if err := r.Scan(&pid, &g.ID, &g.Indicator, &date, &g.Value, &g.Cause, &g.Likelihood, &g.Measures,
			&g.Replaces, &g.Entered.By, &at); err != nil {
			return err
		}
		p, err := l.project(pid)
		if err != nil {
			return err
		}
		if g.AsOf, err = scanDate(date); err != nil {
			return err
		}
		if g.Entered.At, err = parseInstant(at); err != nil {
			return err
		}
		p.Progress = append(p.Progress, g)
		return nil
	})
}

func (l *loader) evaluations() {
	l.each(`
SELECT x.project_id, x.adjusted_budget, x.executed, x.has_executed, x.reason, x.entered_by, x.entered_at
FROM evaluations x JOIN projects p ON p.id = x.project_id
WHERE p.document_id = $1`, func(r *sql.Rows) error {
		var pid int64
		e := &jixiao.Evaluation{}
		var at string
		if err := r.Scan(&pid, &e.AdjustedBudget, &e.Executed, &e.HasExecuted, &e.Reason, &e.Entered.By, &at); err != nil {
			return err
		}
		p, err := l.project(pid)
		if err != nil {
			return err
		}
		if e.Entered.At, err = parseInstant(at); err != nil {
			return err
		}
		p.Evaluation = e
		return nil
	})
}

func (l *loader) actuals() {
	l.each(`
SELECT x.project_id, x.indicator, x.value, x.grade, x.score, x.has_score, x.reason, x.source
FROM actuals x JOIN projects p ON p.id = x.project_id
WHERE p.document_id = $1 ORDER BY x.project_id, x.seq`, func(r *sql.Rows) error {
		var pid int64
		var a jixiao.Actual
		if err := r.Scan(&pid, &a.Indicator, &a.Value, &a.Grade, &a.Score, &a.HasScore, &a.Reason, &a.Source); err != nil {
			return err
		}
		p, err := l.project(pid)
		if err != nil {
			return err
		}
		if p.Evaluation == nil {
			return fmt.Errorf("项目 %s 的实际完成值没有所属的自评", p.Code)
		}
		p.Evaluation.Actuals = append(p.Evaluation.Actuals, a)
		return nil
	})
}

// dateValue is how a Date is stored: NULL for no date, else YYYY-MM-DD.
func dateValue(d jixiao.Date) any {
	if d.IsZero() {
		return nil
	}
	return d.String()
}

func scanDate(s sql.NullString) (jixiao.Date, error) {
	if !s.Valid || s.String == "" {
		return jixiao.Date{}, nil
	}
	return jixiao.ParseDate(s.String)
}
