package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"jixiao"
)

// Revision identifies one state of a stored document for caches: the
// document's row id and its revision, which every write that changes
// anything the document's pages show raises in the same transaction. Two
// reads that return the same Revision saw the same document, records,
// evaluations and workflow. The row id is part of it so that a document
// stored again under the same key after being removed never matches what
// was cached of the old one.
type Revision struct {
	Doc, N int64
}

// Revision returns the current revision of document k with one indexed
// single-row read, or an error wrapping jixiao.ErrNotFound when there is
// no such document. A page that has computed something from the document
// at this revision may show it again as long as Revision still returns
// the same value.
func (s *Store) Revision(ctx context.Context, k jixiao.Key) (Revision, error) {
	var r Revision
	st, err := s.prepared(ctx, `SELECT id, revision FROM documents WHERE unit_code = $1 AND year = $2`)
	if err == nil {
		err = st.QueryRowContext(ctx, k.Unit, k.Year).Scan(&r.Doc, &r.N)
	}
	if errors.Is(err, sql.ErrNoRows) {
		return r, fmt.Errorf("单位 %s %d 年度的绩效目标：%w", k.Unit, k.Year, jixiao.ErrNotFound)
	}
	if err != nil {
		return r, fmt.Errorf("读取单位 %s %d 年度绩效目标的修订号失败：%w", k.Unit, k.Year, err)
	}
	return r, nil
}

// Revisions is a fingerprint of every stored document's revision: their
// number, the sum of their row ids and the sum of their revisions. Every
// write raises a document's revision and revisions never fall, so a page
// computed from many documents (the year's overview) may be shown again
// while Revisions returns the same value. One read of the documents
// table, whatever its size in rows (a province has about a thousand).
func (s *Store) Revisions(ctx context.Context) (string, error) {
	var n, ids, revs int64
	err := s.read.QueryRowContext(ctx, `SELECT COUNT(*), COALESCE(SUM(id), 0), COALESCE(SUM(revision), 0) FROM documents`).Scan(&n, &ids, &revs)
	if err != nil {
		return "", fmt.Errorf("读取绩效目标的修订号失败：%w", err)
	}
	return fmt.Sprintf("%d/%d/%d", n, ids, revs), nil
}

// bumpRevision raises document k's revision. Every write that changes
// what the document's pages show calls it inside its own transaction, so
// the new revision becomes visible exactly when the change does.
func bumpRevision(ctx context.Context, tx *sql.Tx, k jixiao.Key) error {
	if _, err := tx.ExecContext(ctx, `UPDATE documents SET revision = revision + 1 WHERE unit_code = $1 AND year = $2`,
		k.Unit, k.Year); err != nil {
		return fmt.Errorf("更新单位 %s %d 年度绩效目标的修订号失败：%w", k.Unit, k.Year, err)
	}
	return nil
}

// prepared returns query prepared on the read pool, preparing it the
// first time: the statements every page view runs are parsed once, not on
// every request (database/sql prepares it again on each connection that
// needs it and keeps it there).
func (s *Store) prepared(ctx context.Context, query string) (*sql.Stmt, error) {
	if st, ok := s.stmts.Load(query); ok {
		return st.(*sql.Stmt), nil
	}
	st, err := s.read.PrepareContext(ctx, query)
	if err != nil {
		return nil, err
	}
	if prev, loaded := s.stmts.LoadOrStore(query, st); loaded {
		st.Close()
		return prev.(*sql.Stmt), nil
	}
	return st, nil
}

// scanAlso scans a row into the destinations given to Scan followed by
// extra ones, so a scanner of the leading columns (scanUser) can read a
// row that carries more.
type scanAlso struct {
	row   *sql.Row
	extra []any
}

func (s scanAlso) Scan(dest ...any) error { return s.row.Scan(append(dest, s.extra...)...) }
