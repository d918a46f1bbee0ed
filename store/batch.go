package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
)

// batch collects rows for one table and inserts them with prepared
// multi-row statements: a full statement for every rows rows (the
// dialect's batchRows), and one for the rest.
type batch struct {
	ctx   context.Context
	tx    *sql.Tx
	rows  int
	head  string // INSERT INTO t (a, b, c) VALUES
	cols  int
	args  []any
	stmts map[int]*sql.Stmt // by number of rows
}

func newBatch(ctx context.Context, tx *sql.Tx, rows int, table string, cols ...string) *batch {
	return &batch{
		ctx:   ctx,
		tx:    tx,
		rows:  max(rows, 1),
		head:  "INSERT INTO " + table + " (" + strings.Join(cols, ", ") + ") VALUES ",
		cols:  len(cols),
		stmts: map[int]*sql.Stmt{},
	}
}

// add queues one row; it inserts when a statement's worth is queued.
func (b *batch) add(row ...any) error {
	if len(row) != b.cols {
		return fmt.Errorf("%s: %d values for %d columns", b.head, len(row), b.cols)
	}
	b.args = append(b.args, row...)
	if len(b.args) == b.rows*b.cols {
		return b.flush()
	}
	return nil
}

// flush inserts the queued rows.
func (b *batch) flush() error {
	n := len(b.args) / b.cols
	if n == 0 {
		return nil
	}
	st, ok := b.stmts[n]
	if !ok {
		var q strings.Builder
		q.WriteString(b.head)
		p := 1
		for r := range n {
			if r > 0 {
				q.WriteString(", ")
			}
			q.WriteByte('(')
			for c := range b.cols {
				if c > 0 {
					q.WriteString(", ")
				}
				fmt.Fprintf(&q, "$%d", p)
				p++
			}
			q.WriteByte(')')
		}
		var err error
		if st, err = b.tx.PrepareContext(b.ctx, q.String()); err != nil {
			return err
		}
		b.stmts[n] = st
	}
	_, err := st.ExecContext(b.ctx, b.args...)
	b.args = b.args[:0]
	return err
}

func (b *batch) close() {
	for _, st := range b.stmts {
		st.Close()
	}
}
