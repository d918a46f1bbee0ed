package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"

	"jixiao"
)

// eachPG is EachDocument on PostgreSQL. It reads through pgx's own
// interface on two connections taken from the pool, each inside its
// connection's Raw callback: rows are decoded straight into the
// documents' fields, which at a province's size is most of what loading
// costs beyond the plain read. The two read transactions share one
// snapshot (pg_export_snapshot, SET TRANSACTION SNAPSHOT), as in twin.
func (s *Store) eachPG(ctx context.Context, f Filter, fn func(*jixiao.Document) error) error {
	first, err := s.read.Conn(ctx)
	if err != nil {
		return fmt.Errorf("读取绩效目标失败：%w", err)
	}
	defer first.Close()
	conns := []*sql.Conn{first}
	if second, err := s.read.Conn(ctx); err == nil {
		defer second.Close()
		conns = append(conns, second)
	}
	rctx, cancel := context.WithCancel(ctx)
	// The first reader lists the documents and the chunks, and passes them
	// with its snapshot to the second.
	type plan struct {
		snap   string
		heads  []head
		bounds [][2]int
	}
	plans := make(chan plan, 1)
	chans := make([]chan readChunk, len(conns))
	for r := range conns {
		chans[r] = make(chan readChunk)
	}
	var bounds [][2]int
	planned := make(chan error, 1)
	for r, conn := range conns {
		go func() {
			defer close(chans[r])
			err := conn.Raw(func(dc any) error {
				sc, ok := dc.(*stdlib.Conn)
				if !ok {
					return errors.New("连接不是 PostgreSQL 连接")
				}
				tx, err := sc.Conn().BeginTx(rctx, pgx.TxOptions{IsoLevel: pgx.RepeatableRead, AccessMode: pgx.ReadOnly})
				if err != nil {
					return err
				}
				defer tx.Rollback(context.Background())
				var p plan
				if r == 0 {
					if len(conns) > 1 {
						if err := tx.QueryRow(rctx, `SELECT pg_export_snapshot()`).Scan(&p.snap); err != nil {
							return err
						}
						if p.snap == "" || strings.Trim(p.snap, "0123456789ABCDEFabcdef-") != "" {
							return fmt.Errorf("快照标识“%s”无法识别", p.snap)
						}
					}
					if p.heads, err = headsPG(rctx, tx, f); err != nil {
						return err
					}
					p.bounds = chunkBounds(p.heads, len(conns), pgChunkProjects)
					bounds = p.bounds
					planned <- nil
					if len(conns) > 1 {
						plans <- p
					}
				} else {
					select {
					case p = <-plans:
					case <-rctx.Done():
						return rctx.Err()
					}
					if _, err := tx.Exec(rctx, `SET TRANSACTION SNAPSHOT '`+p.snap+`'`); err != nil {
						return err
					}
				}
				for k := r; k < len(p.bounds); k += len(conns) {
					c := newChunk(rctx, nil, p.heads[p.bounds[k][0]:p.bounds[k][1]], true)
					c.byArray, c.pg, c.parts = true, tx, f.Parts.normal()
					c.spentFrom, c.spentTo = jixiao.YearStart(f.Year), f.SpentTo
					err := c.read()
					select {
					case chans[r] <- readChunk{c.docs, err}:
					case <-rctx.Done():
						return nil
					}
					if err != nil {
						return nil
					}
				}
				return nil
			})
			if err != nil {
				if r == 0 {
					select {
					case planned <- err:
					default:
					}
				}
				select {
				case chans[r] <- readChunk{err: err}:
				case <-rctx.Done():
				}
			}
		}()
	}
	// The readers stop, and leave their connections' Raw callbacks, before
	// the deferred closes return the connections to the pool.
	defer func() {
		cancel()
		for _, ch := range chans {
			for range ch {
			}
		}
	}()
	if err := <-planned; err != nil {
		return fmt.Errorf("读取绩效目标失败：%w", err)
	}
	return hand(ctx, len(bounds), chans, fn)
}

// headsPG is heads on a pgx transaction.
func headsPG(ctx context.Context, tx pgx.Tx, f Filter) ([]head, error) {
	query, args := headsQuery(f)
	rows, err := tx.Query(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	return scanHeads(rows)
}
