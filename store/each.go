package store

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"fmt"
	"strconv"
	"strings"
	"time"

	"jixiao"
)

// Filter selects documents for EachDocument; zero fields select all.
type Filter struct {
	Unit string // unit code
	Year int
	// Parts are the parts of each document to read; zero reads all of
	// them. See ForReview, ForMonitor and ForScore.
	Parts Parts
	// SpentTo, when set, shapes the documents for monitor.Document as of
	// that day, as MonitorInputs does, and for score.Document when it is
	// the year's last day (scoring takes the year's execution from the
	// payments up to then): each project's spending is one record holding
	// its total up to the day, summed in the database, and of the
	// progress reports only those dated up to the day and the corrections
	// are read. The documents serve those computations and no other use.
	// Year must be SpentTo's year.
	SpentTo jixiao.Date
}

// check refuses a filter that cannot be read.
func (f Filter) check() error {
	if !f.SpentTo.IsZero() && f.Year != f.SpentTo.Y {
		return fmt.Errorf("按日期 %s 汇总支出时只能读取 %d 年度的绩效目标（Filter.Year 为 %d）", f.SpentTo, f.SpentTo.Y, f.Year)
	}
	return nil
}

// chunkProjects is about how many projects EachDocument reads at once at
// most: a few documents, so that a province is read in few queries (one
// per table per chunk) while memory holds a few chunks, never the
// province. firstChunkProjects is the size of the first chunks, so that fn
// starts early; chunks double from it.
// On PostgreSQL chunks grow to pgChunkProjects: every query is a round
// trip and a plan, so fewer, larger chunks read a province faster.
const (
	chunkProjects      = 500
	pgChunkProjects    = 2000
	firstChunkProjects = 100
)

// EachDocument calls fn with every stored document the filter selects, by
// unit code, newest year first, each with all its projects, indicators and
// records, as Document would return it. It exists for computations over
// many documents (review, monitoring, scoring of a whole province): every
// table is read once per chunk of documents instead of once per document,
// all as of one moment, and only a few chunks are in memory at a time.
// fn may keep the document it is given. An error from fn stops the walk
// and is returned as it is.
//
// Chunks are read ahead of fn on two goroutines, each in a read
// transaction of its own that sees the same snapshot (see twin): while fn
// works through chunk n, chunks n+1 and n+2 are read, so on a machine with
// a core to spare a computation costs about the larger of reading and
// computing instead of their sum. fn is called on the caller's goroutine,
// one document at a time, in order.
//
// Under a soft memory limit the garbage collector's target is raised
// while walks run (see batchGC); Filter.Parts leaves out what a
// computation does not read.
func (s *Store) EachDocument(ctx context.Context, f Filter, fn func(*jixiao.Document) error) error {
	if err := f.check(); err != nil {
		return err
	}
	defer batchGC()()
	if s.d.name == "postgres" {
		return s.eachPG(ctx, f, fn)
	}
	opts := s.d.readTx
	tx, err := s.read.BeginTx(ctx, &opts)
	if err != nil {
		return fmt.Errorf("读取绩效目标失败：%w", err)
	}
	defer tx.Rollback()
	// The second transaction's snapshot is fixed before the first reads
	// anything on SQLite, so both see the documents listed below.
	second, err := s.twin(ctx, tx)
	if err != nil {
		return fmt.Errorf("读取绩效目标失败：%w", err)
	}
	if second != nil {
		defer second.Rollback()
	}
	heads, err := s.heads(ctx, tx, f)
	if err != nil {
		return fmt.Errorf("读取绩效目标失败：%w", err)
	}
	readers := []querier{tx}
	if second != nil {
		readers = append(readers, second)
	}
	// Chunk k is read by reader k mod len(readers) and handed over on that
	// reader's channel; fn takes them in order. The channels are
	// unbuffered, so a reader holds at most the one chunk it has read.
	bounds := chunkBounds(heads, len(readers), chunkProjects)
	rctx, cancel := context.WithCancel(ctx)
	chans := make([]chan readChunk, len(readers))
	for r := range readers {
		chans[r] = make(chan readChunk)
		go func(r int) {
			defer close(chans[r])
			for k := r; k < len(bounds); k += len(readers) {
				c := newChunk(rctx, readers[r], heads[bounds[k][0]:bounds[k][1]], true)
				c.byArray, c.parts = s.d.name == "postgres", f.Parts.normal()
				c.spentFrom, c.spentTo = jixiao.YearStart(f.Year), f.SpentTo
				err := c.read()
				select {
				case chans[r] <- readChunk{c.docs, err}:
				case <-rctx.Done():
					return
				}
				if err != nil {
					return
				}
			}
		}(r)
	}
	// The readers stop (and close their channels) before the deferred
	// rollbacks end the transactions they read in.
	defer func() {
		cancel()
		for _, ch := range chans {
			for range ch {
			}
		}
	}()
	return hand(ctx, len(bounds), chans, fn)
}

// chunkBounds splits heads into the chunks of a walk on the given number
// of readers, growing to most projects: [first, end) of each chunk.
func chunkBounds(heads []head, readers int, most int64) [][2]int {
	var bounds [][2]int
	limit := int64(firstChunkProjects)
	for i, k := 0, 0; i < len(heads); k++ {
		n := take(heads[i:], limit)
		bounds = append(bounds, [2]int{i, i + n})
		i += n
		if k+1 >= readers {
			limit = min(2*limit, most)
		}
	}
	return bounds
}

// hand gives fn the documents of the chunks in order, chunk k from
// channel k mod len(chans).
func hand(ctx context.Context, chunks int, chans []chan readChunk, fn func(*jixiao.Document) error) error {
	for k := range chunks {
		rc, ok := <-chans[k%len(chans)]
		if !ok {
			return fmt.Errorf("读取绩效目标失败：%w", ctx.Err())
		}
		if rc.err != nil {
			return fmt.Errorf("读取绩效目标失败：%w", rc.err)
		}
		for _, d := range rc.docs {
			if err := fn(d); err != nil {
				return err
			}
		}
	}
	return nil
}

// headsQuery is the query of the documents f selects, in walking order.
func headsQuery(f Filter) (string, []any) {
	query := `SELECT ` + headColumns + ` FROM documents d JOIN units u ON u.code = d.unit_code WHERE 1 = 1`
	var args []any
	if f.Unit != "" {
		args = append(args, f.Unit)
		query += ` AND d.unit_code = $` + strconv.Itoa(len(args))
	}
	if f.Year != 0 {
		args = append(args, f.Year)
		query += ` AND d.year = $` + strconv.Itoa(len(args))
	}
	return query + ` ORDER BY d.unit_code, d.year DESC`, args
}

// heads lists the selected documents' rows.
func (s *Store) heads(ctx context.Context, q querier, f Filter) ([]head, error) {
	query, args := headsQuery(f)
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	return scanHeads(rows)
}

// scanHeads reads the rows of headsQuery, from either driver.
func scanHeads(rows interface {
	Next() bool
	Scan(...any) error
	Err() error
}) ([]head, error) {
	var heads []head
	for rows.Next() {
		h, err := scanHead(rows)
		if err != nil {
			return nil, err
		}
		heads = append(heads, h)
	}
	return heads, rows.Err()
}

// twin begins a second read transaction that sees exactly what tx sees, or
// returns nil when none can be had at once (the walk then reads on tx
// alone, which is only slower).
//
// On PostgreSQL tx exports its snapshot and the second imports it (SET
// TRANSACTION SNAPSHOT), the documented way for parallel readers to agree.
// On SQLite (WAL) a read transaction's snapshot is fixed by its first
// read; both first reads happen while this store holds the database's
// write lock (BEGIN IMMEDIATE on the writer connection, released at once),
// so no write can commit between them. The lock is only tried for a short
// while: when a writer holds it, the walk goes on with tx alone.
func (s *Store) twin(ctx context.Context, tx *sql.Tx) (*sql.Tx, error) {
	opts := s.d.readTx
	switch s.d.name {
	case "postgres":
		var snap string
		if err := tx.QueryRowContext(ctx, `SELECT pg_export_snapshot()`).Scan(&snap); err != nil {
			return nil, err
		}
		if snap == "" || strings.Trim(snap, "0123456789ABCDEFabcdef-") != "" {
			return nil, fmt.Errorf("快照标识“%s”无法识别", snap)
		}
		second, err := s.read.BeginTx(ctx, &opts)
		if err != nil {
			return nil, nil
		}
		if _, err := second.ExecContext(ctx, `SET TRANSACTION SNAPSHOT '`+snap+`'`); err != nil {
			second.Rollback()
			return nil, nil
		}
		return second, nil
	case "sqlite":
		lctx, cancel := context.WithTimeout(ctx, 50*time.Millisecond)
		defer cancel()
		w, err := s.write.Conn(lctx)
		if err != nil {
			return nil, nil
		}
		defer w.Close()
		if _, err := w.ExecContext(lctx, `BEGIN IMMEDIATE`); err != nil {
			return nil, nil
		}
		defer func() {
			if _, err := w.ExecContext(context.Background(), `ROLLBACK`); err != nil {
				// Never hand a connection with the lock still held back
				// to the writers: drop it.
				w.Raw(func(any) error { return driver.ErrBadConn })
			}
		}()
		second, err := s.read.BeginTx(ctx, &opts)
		if err != nil {
			return nil, nil
		}
		var n int64
		for _, t := range []*sql.Tx{tx, second} {
			if err := t.QueryRowContext(ctx, `SELECT COUNT(*) FROM units`).Scan(&n); err != nil {
				second.Rollback()
				return nil, err
			}
		}
		return second, nil
	}
	return nil, nil
}

// readChunk is a chunk's documents as a reader hands them over.
type readChunk struct {
	docs []*jixiao.Document
	err  error
}

// take is how many of heads make the next chunk: at least one document,
// then as many as fit in limit projects, at most 500 (the IN list).
func take(heads []head, limit int64) int {
	n, projects := 0, int64(0)
	for n < len(heads) && (n == 0 || projects+heads[n].projects <= limit) && n < 500 {
		projects += heads[n].projects
		n++
	}
	return n
}
