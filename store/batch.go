package store

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"
)

// batch collects rows for one table and inserts them with prepared
// multi-row statements: a full statement for every rows rows (the
// dialect's batchRows), and one for the rest. A batch made by newIDBatch
// also gives every row the id the database numbers it with.
type batch struct {
	ctx   context.Context
	tx    *sql.Tx
	rows  int
	head  string // INSERT INTO t (a, b, c) VALUES
	cols  int
	anon  bool // parameters written ? rather than $N (dialect.anonParams)
	args  []any
	stmts map[int]*sql.Stmt // by number of rows
	// dep, when set, is flushed first: its rows are the parents of ours.
	dep *batch
	// For batches that number their rows: tail is the RETURNING clause
	// (empty when the engine's LastInsertId is used, one row per
	// statement), dsts where each queued row's id goes, keys each row's
	// two key columns, by which returned rows are matched to queued ones
	// (a multi-row INSERT's RETURNING order is not promised).
	numbered bool
	tail     string
	dsts     []*int64
	keys     [][2]int64
	// copy, when set, loads the rows with COPY instead of INSERT; a
	// numbered batch then takes its ids from the table's sequence first.
	copy        *copier
	table       string
	columns     []string
	copyColumns []string // columns, with id first for a numbered batch
	// ids, when set, takes n numbers ahead from the table's id sequence
	// (PostgreSQL: nextval; SQLite: sqlite_sequence), so that a numbered
	// batch numbers its rows as they are queued and inserts them many to
	// a statement (or one COPY) with their ids, nothing handed back.
	ids func(table string, n int) ([]int64, error)
	// idFirst says the batch's first column is id, filled by addID from
	// pool (an INSERT batch with ids reserved; a COPY batch keeps its ids
	// in copyIDs instead).
	idFirst bool
	// pool holds ids taken from the sequence ahead (reserve) that a
	// numbered batch with ids gives its rows as they are queued; copyIDs
	// are the queued rows' ids of a COPY batch.
	pool, copyIDs []int64
}

// copyRows is how many rows a COPY batch holds before it loads them.
const copyRows = 5000

// copier loads rows with PostgreSQL's COPY on the connection of the
// transaction, so that they are part of it: a COPY is one round trip
// for any number of rows, and the server's cheapest way in.
type copier struct {
	ctx  context.Context
	conn *sql.Conn
	tx   *sql.Tx
	seqs map[string]string // table → its id column's sequence
}

func (c *copier) load(table string, cols []string, rows [][]any) error {
	return c.conn.Raw(func(dc any) error {
		pc, ok := dc.(*stdlib.Conn)
		if !ok {
			return fmt.Errorf("COPY %s: 连接不是 PostgreSQL 连接", table)
		}
		_, err := pc.Conn().CopyFrom(c.ctx, pgx.Identifier{table}, cols, pgx.CopyFromRows(rows))
		return err
	})
}

// ids takes n numbers from the sequence of the table's id column, in
// increasing order.
//
// The sequence is looked up once: pg_get_serial_sequence in the select
// list would be evaluated again for every number, a catalog lookup each,
// which cost more than the numbers themselves.
func (c *copier) ids(table string, n int) ([]int64, error) {
	seq, ok := c.seqs[table]
	if !ok {
		if err := c.tx.QueryRowContext(c.ctx, `SELECT pg_get_serial_sequence($1, 'id')`, table).Scan(&seq); err != nil {
			return nil, err
		}
		if c.seqs == nil {
			c.seqs = map[string]string{}
		}
		c.seqs[table] = seq
	}
	rows, err := c.tx.QueryContext(c.ctx, `SELECT nextval($1::regclass) FROM generate_series(1, $2)`, seq, n)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	ids := make([]int64, 0, n)
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if len(ids) != n {
		return nil, fmt.Errorf("%s: 要 %d 个编号，得到 %d 个", table, n, len(ids))
	}
	slices.Sort(ids)
	return ids, nil
}

func newBatch(ctx context.Context, tx *sql.Tx, rows int, table string, cols ...string) *batch {
	return &batch{
		ctx:         ctx,
		tx:          tx,
		rows:        max(rows, 1),
		head:        "INSERT INTO " + table + " (" + strings.Join(cols, ", ") + ") VALUES ",
		cols:        len(cols),
		stmts:       map[int]*sql.Stmt{},
		table:       table,
		columns:     cols,
		copyColumns: cols,
	}
}

// newCopyBatch is a batch that loads its rows with COPY; numbered says
// the table has an auto-numbered id whose numbers go to addID's dsts.
func newCopyBatch(ctx context.Context, c *copier, numbered bool, table string, cols ...string) *batch {
	b := newBatch(ctx, c.tx, copyRows, table, cols...)
	b.copy, b.numbered = c, numbered
	if numbered {
		b.copyColumns = append([]string{"id"}, cols...)
		b.ids = c.ids
	}
	return b
}

// newReservedBatch is a batch for a table with an auto-numbered id whose
// rows take their ids from numbers reserved ahead by ids, and go rows to
// a statement with the id as their first column: on SQLite, one writer
// at a time, this costs one statement per table for the numbers instead
// of one statement per row for LastInsertId.
func newReservedBatch(ctx context.Context, tx *sql.Tx, rows int, ids func(string, int) ([]int64, error),
	table string, cols ...string) *batch {
	b := newBatch(ctx, tx, rows, table, append([]string{"id"}, cols...)...)
	b.table, b.columns = table, cols
	b.ids, b.idFirst = ids, true
	return b
}

// sqliteIDs reserves n numbers of an AUTOINCREMENT table inside the
// writing transaction: SQLite numbers a new row one above the larger of
// the table's largest id and its sqlite_sequence entry, and keeps the
// largest number ever used there; raising the entry by n keeps the n
// numbers above for this transaction, never to be given again even if
// some go unused (as PostgreSQL's sequences do).
func sqliteIDs(ctx context.Context, tx *sql.Tx) func(table string, n int) ([]int64, error) {
	return func(table string, n int) ([]int64, error) {
		if _, err := tx.ExecContext(ctx, `INSERT INTO sqlite_sequence (name, seq)
SELECT $1, 0 WHERE NOT EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = $1)`, table); err != nil {
			return nil, err
		}
		var last int64
		if err := tx.QueryRowContext(ctx, `UPDATE sqlite_sequence
SET seq = max(seq, (SELECT coalesce(max(id), 0) FROM `+table+`)) + $2 WHERE name = $1 RETURNING seq`,
			table, n).Scan(&last); err != nil {
			return nil, err
		}
		ids := make([]int64, n)
		for i := range ids {
			ids[i] = last - int64(n) + 1 + int64(i)
		}
		return ids, nil
	}
}

// newIDBatch is a batch for a table with an auto-numbered id whose first
// two columns are a unique key of integers. On an engine with
// LastInsertId (SQLite) each row is one statement; otherwise rows go many
// to a statement and come back with RETURNING.
func newIDBatch(ctx context.Context, tx *sql.Tx, d dialect, table string, cols ...string) *batch {
	b := newBatch(ctx, tx, d.batchRows, table, cols...)
	b.numbered = true
	if d.lastInsertID {
		b.rows = 1
	} else {
		b.tail = " RETURNING id, " + cols[0] + ", " + cols[1]
	}
	return b
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

// reserve takes n ids from the sequence for a numbered COPY batch, so
// that addID can number rows as they are queued.
func (b *batch) reserve(n int) error {
	if b.ids == nil || n <= 0 {
		return nil
	}
	ids, err := b.ids(b.table, n)
	if err != nil {
		return err
	}
	b.pool = append(b.pool, ids...)
	return nil
}

// addID queues one row of a numbered batch; *dst gets the row's id when
// the row is inserted (in a COPY batch: at once, from the ids reserved).
// k1 and k2 are the row's first two values.
func (b *batch) addID(dst *int64, k1, k2 int64, row ...any) error {
	if b.ids != nil {
		if len(b.pool) == 0 {
			if err := b.reserve(64); err != nil {
				return err
			}
		}
		*dst, b.pool = b.pool[0], b.pool[1:]
		if b.idFirst {
			if len(row)+1 != b.cols {
				return fmt.Errorf("%s: %d values for %d columns", b.head, len(row)+1, b.cols)
			}
			b.args = append(append(b.args, *dst), row...)
			if len(b.args) == b.rows*b.cols {
				return b.flush()
			}
			return nil
		}
		b.copyIDs = append(b.copyIDs, *dst)
		return b.add(row...)
	}
	b.dsts = append(b.dsts, dst)
	b.keys = append(b.keys, [2]int64{k1, k2})
	return b.add(row...)
}

// flush inserts the queued rows.
func (b *batch) flush() error {
	if b.dep != nil {
		if err := b.dep.flush(); err != nil {
			return err
		}
	}
	n := len(b.args) / b.cols
	if n == 0 {
		return nil
	}
	if b.copy != nil {
		return b.copyFlush(n)
	}
	if b.numbered || n <= 1 {
		return b.insert(n)
	}
	// Rows of a batch that is not full (a parent flushed early for its
	// children, the end of a save) go in statements of a power of two rows
	// each, so that a batch prepares few distinct statements whatever the
	// counts.
	all, args := b.args, b.args
	defer func() { b.args = all[:0] }()
	for n > 0 {
		k := b.rows
		for k > n {
			k /= 2
		}
		b.args = args[:k*b.cols]
		if err := b.insert(k); err != nil {
			return err
		}
		args = args[k*b.cols:]
		n -= k
	}
	return nil
}

// insert runs the statement of n rows over the first n queued rows and
// empties the queue.
func (b *batch) insert(n int) error {
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
				if b.anon {
					q.WriteByte('?')
				} else {
					fmt.Fprintf(&q, "$%d", p)
				}
				p++
			}
			q.WriteByte(')')
		}
		q.WriteString(b.tail)
		var err error
		if st, err = b.tx.PrepareContext(b.ctx, q.String()); err != nil {
			return err
		}
		b.stmts[n] = st
	}
	var err error
	switch {
	case !b.numbered:
		_, err = st.ExecContext(b.ctx, b.args...)
	case b.tail == "":
		var res sql.Result
		if res, err = st.ExecContext(b.ctx, b.args...); err == nil {
			*b.dsts[0], err = res.LastInsertId()
		}
	default:
		err = b.returned(st)
	}
	b.args, b.dsts, b.keys = b.args[:0], b.dsts[:0], b.keys[:0]
	return err
}

// copyFlush loads the n queued rows with COPY.
func (b *batch) copyFlush(n int) error {
	if b.numbered && len(b.copyIDs) != n {
		return fmt.Errorf("COPY %s: %d 行，%d 个编号", b.table, n, len(b.copyIDs))
	}
	rows := make([][]any, n)
	for i := range rows {
		row := b.args[i*b.cols : (i+1)*b.cols : (i+1)*b.cols]
		if b.numbered {
			row = append([]any{b.copyIDs[i]}, row...)
		}
		rows[i] = row
	}
	err := b.copy.load(b.table, b.copyColumns, rows)
	b.args, b.dsts, b.keys, b.copyIDs = b.args[:0], b.dsts[:0], b.keys[:0], b.copyIDs[:0]
	if err != nil {
		return fmt.Errorf("COPY %s: %w", b.table, err)
	}
	return nil
}

// returned runs a numbered batch's statement and hands out the ids.
func (b *batch) returned(st *sql.Stmt) error {
	want := make(map[[2]int64]*int64, len(b.dsts))
	for i, k := range b.keys {
		want[k] = b.dsts[i]
	}
	rows, err := st.QueryContext(b.ctx, b.args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	got := 0
	for rows.Next() {
		var id int64
		var k [2]int64
		if err := rows.Scan(&id, &k[0], &k[1]); err != nil {
			return err
		}
		dst, ok := want[k]
		if !ok {
			return fmt.Errorf("%s: 返回了未插入的行 %v", b.head, k)
		}
		*dst = id
		got++
	}
	if err := rows.Err(); err != nil {
		return err
	}
	if got != len(b.dsts) {
		return fmt.Errorf("%s: 插入 %d 行，返回 %d 个编号", b.head, len(b.dsts), got)
	}
	return nil
}

func (b *batch) close() {
	for _, st := range b.stmts {
		st.Close()
	}
}
