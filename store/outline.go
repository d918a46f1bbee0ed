package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"jixiao"
)

// Outline is what a department's page shows of its document, read
// without the goal tables or records: the head, part one, each project's
// row (code, name, money, purpose, goal, version; no plan, indicators or
// records) and the stored review.
type Outline struct {
	Doc *jixiao.Document
	// Projects holds the stored review of each of Doc.Projects, in the
	// same order, without findings.
	Projects []StoredReview
	// Review is the document as a whole: counts over every finding and
	// the first LeadingFindings errors and warnings.
	Review StoredReview
}

// Outline reads document k's outline in one read transaction: a few
// queries, none per project. A document stored before reviews were kept
// is reviewed and its review stored first.
func (s *Store) Outline(ctx context.Context, k jixiao.Key) (*Outline, error) {
	o, err := s.outline(ctx, k)
	if errors.Is(err, errNotReviewed) {
		if err := s.ensureReviewed(ctx, k); err != nil {
			return nil, err
		}
		o, err = s.outline(ctx, k)
	}
	return o, err
}

func (s *Store) outline(ctx context.Context, k jixiao.Key) (*Outline, error) {
	tx, h, err := s.beginRead(ctx, k)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	c := newChunk(ctx, tx, []head{h}, false)
	c.overall()
	c.readProjects()
	if c.err != nil {
		return nil, readErr(k, c.err)
	}
	d := c.docs[0]
	rs, err := readReview(ctx, tx, h.id, `CASE WHEN seq = 0 THEN findings ELSE '' END`, "")
	if err != nil {
		return nil, readErr(k, err)
	}
	if !reviewMatches(rs, d) {
		return nil, errNotReviewed
	}
	o := &Outline{Doc: d, Projects: make([]StoredReview, len(d.Projects)), Review: *rs[0]}
	for i := range d.Projects {
		o.Projects[i] = *rs[i+1]
	}
	return o, nil
}

// reviewMatches reports whether the stored review rows are those of d's
// projects: one for the document and one per project, by code. They are
// written with the goals, so they always are once written.
func reviewMatches(rs map[int]*StoredReview, d *jixiao.Document) bool {
	if rs[0] == nil || len(rs) != len(d.Projects)+1 {
		return false
	}
	for i := range d.Projects {
		if r := rs[i+1]; r == nil || r.Code != d.Projects[i].Code {
			return false
		}
	}
	return true
}

// readHead reads document k's row, or an error wrapping jixiao.ErrNotFound.
func readHead(ctx context.Context, q querier, k jixiao.Key) (head, error) {
	h, err := scanHead(q.QueryRowContext(ctx, `SELECT `+headColumns+`
FROM documents d JOIN units u ON u.code = d.unit_code
WHERE d.unit_code = $1 AND d.year = $2`, k.Unit, k.Year))
	if errors.Is(err, sql.ErrNoRows) {
		return h, fmt.Errorf("单位 %s %d 年度的绩效目标：%w", k.Unit, k.Year, jixiao.ErrNotFound)
	}
	if err != nil {
		return h, readErr(k, err)
	}
	return h, nil
}

// ProjectReview is one project's goal table with its stored review, as
// its page shows it.
type ProjectReview struct {
	// Doc is the document's head (unit, year, preset, version) with the
	// one project, its plan and indicators, without records; no project
	// when the document has none with the code.
	Doc *jixiao.Document
	// Number is the project's 1-based position in the document.
	Number int
	Review StoredReview
}

// ProjectOf reads the project with the code of document k and its stored
// review by key, without the rest of the document: a few queries on one
// project's rows. It returns an error wrapping jixiao.ErrNotFound when
// the document does not exist, and a ProjectReview whose Doc has no
// project when the document has no such project.
func (s *Store) ProjectOf(ctx context.Context, k jixiao.Key, code string) (*ProjectReview, error) {
	pr, err := s.projectOf(ctx, k, code)
	if errors.Is(err, errNotReviewed) {
		if err := s.ensureReviewed(ctx, k); err != nil {
			return nil, err
		}
		pr, err = s.projectOf(ctx, k, code)
	}
	return pr, err
}

func (s *Store) projectOf(ctx context.Context, k jixiao.Key, code string) (*ProjectReview, error) {
	tx, h, err := s.beginRead(ctx, k)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	out := &ProjectReview{Doc: &h.doc}
	var id, budget, fiscal, other int64
	var p jixiao.Project
	err = tx.QueryRowContext(ctx, `
SELECT id, seq, name, budget, fiscal, other, purpose, goal, version
FROM projects WHERE document_id = $1 AND code = $2`, h.id, code).Scan(
		&id, &out.Number, &p.Name, &budget, &fiscal, &other, &p.Purpose, &p.Goal, &p.Version)
	if errors.Is(err, sql.ErrNoRows) {
		return out, nil
	}
	if err != nil {
		return nil, readErr(k, err)
	}
	p.Code = code
	p.Budget, p.Fiscal, p.Other = jixiao.Fen(budget), jixiao.Fen(fiscal), jixiao.Fen(other)
	if p.Plan, err = readPlan(ctx, tx, id); err != nil {
		return nil, readErr(k, err)
	}
	if p.Indicators, err = readIndicators(ctx, tx, id); err != nil {
		return nil, readErr(k, err)
	}
	rs, err := readReview(ctx, tx, h.id, "findings", " AND seq = $2", out.Number)
	if err != nil {
		return nil, readErr(k, err)
	}
	r := rs[out.Number]
	if r == nil || r.Code != code {
		return nil, errNotReviewed
	}
	out.Review = *r
	out.Doc.Projects = []jixiao.Project{p}
	return out, nil
}

// readPlan reads one project's spending plan.
func readPlan(ctx context.Context, q querier, project int64) ([]jixiao.Checkpoint, error) {
	rows, err := q.QueryContext(ctx, `SELECT by_date, percent FROM plan_points WHERE project_id = $1 ORDER BY seq`, project)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []jixiao.Checkpoint
	for rows.Next() {
		var by sql.NullString
		var percent int64
		if err := rows.Scan(&by, &percent); err != nil {
			return nil, err
		}
		d, err := scanDate(by)
		if err != nil {
			return nil, err
		}
		out = append(out, jixiao.Checkpoint{By: d, Percent: jixiao.Decimal(percent)})
	}
	return out, rows.Err()
}

// indicatorColumns are an indicator's cells and target, as scanIndicator
// reads them.
const indicatorColumns = `i.level1, i.level2, i.level3, i.description, i.value, i.basis,
       i.target_kind, i.target_op, i.target_number, i.target_unit, i.target_date,
       i.target_direction, i.target_flag, i.weight`

// readIndicators reads one project's indicators in order.
func readIndicators(ctx context.Context, q querier, project int64) ([]jixiao.Indicator, error) {
	rows, err := q.QueryContext(ctx, `SELECT `+indicatorColumns+` FROM indicators i WHERE i.project_id = $1 ORDER BY i.seq`, project)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []jixiao.Indicator
	for rows.Next() {
		var in jixiao.Indicator
		if err := scanIndicator(rows, &in); err != nil {
			return nil, err
		}
		out = append(out, in)
	}
	return out, rows.Err()
}

// scanIndicator scans indicatorColumns (after any leading destinations
// given in lead) into in.
func scanIndicator(r interface{ Scan(...any) error }, in *jixiao.Indicator, lead ...any) error {
	var number, weight int64
	var kind, dir string
	var date sql.NullString
	t := &in.Target
	if err := r.Scan(append(lead, &in.Level1, &in.Level2, &in.Level3, &in.Description, &in.Value, &in.Basis,
		&kind, &t.Op, &number, &t.Unit, &date, &dir, &t.Flag, &weight)...); err != nil {
		return err
	}
	t.Number, in.Weight = jixiao.Decimal(number), jixiao.Decimal(weight)
	t.Kind, t.Direction = jixiao.TargetKind(kind), jixiao.Direction(dir)
	var err error
	t.Date, err = scanDate(date)
	return err
}

// beginRead begins a read transaction and reads document k's row in it:
// the start of every read of part of a document, so the parts agree.
// The caller rolls the transaction back.
func (s *Store) beginRead(ctx context.Context, k jixiao.Key) (*sql.Tx, head, error) {
	opts := s.d.readTx
	tx, err := s.read.BeginTx(ctx, &opts)
	if err != nil {
		return nil, head{}, readErr(k, err)
	}
	h, err := readHead(ctx, tx, k)
	if err != nil {
		tx.Rollback()
		return nil, head{}, err
	}
	return tx, h, nil
}
