package bench

import (
	"context"
	"database/sql"
	"encoding/csv"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// embeddedRowsPerInsert is how many rows one INSERT of the embedded
// reference carries, as the store's SQLite writer does.
const embeddedRowsPerInsert = 32

// sqliteEmbeddedImport loads the CSV files into the bare baseline tables
// of a new file through the SQLite engine the product embeds (the pure-Go
// translation, by database/sql), with the store's pragmas, in one
// transaction: each file read with encoding/csv, its rows bound as text to
// one prepared INSERT of embeddedRowsPerInsert rows. Nothing of the
// product runs. It separates what the engine the product embeds costs from
// what the product adds: the sqlite3 shell is the same engine compiled
// from C.
func sqliteEmbeddedImport(ctx context.Context, files *csvFiles, dir string) (time.Duration, error) {
	path := filepath.Join(dir, "baseline-embedded.db")
	db, err := sql.Open("sqlite", "file:"+path+"?_pragma=journal_mode(WAL)&_pragma=synchronous(NORMAL)")
	if err != nil {
		return 0, err
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	for _, t := range baselineTables {
		if _, err := db.ExecContext(ctx, fmt.Sprintf("CREATE TABLE %s (%s)", t.name, t.ddl)); err != nil {
			return 0, err
		}
	}
	start := time.Now()
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return 0, err
	}
	defer tx.Rollback()
	for _, t := range baselineTables {
		if err := embeddedLoad(ctx, tx, files.path(t.name), t); err != nil {
			return 0, fmt.Errorf("%s: %w", t.name, err)
		}
	}
	if err := tx.Commit(); err != nil {
		return 0, err
	}
	return time.Since(start), nil
}

// embeddedLoad inserts one CSV file's rows into table t.
func embeddedLoad(ctx context.Context, tx *sql.Tx, path string, t table) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.ReuseRecord = true
	names := baselineColumns(t)
	cols := len(names)
	insert := func(n int) (*sql.Stmt, error) {
		row := "(" + strings.TrimSuffix(strings.Repeat("?,", cols), ",") + ")"
		q := fmt.Sprintf("INSERT INTO %s (%s) VALUES %s", t.name, strings.Join(names, ", "),
			strings.TrimSuffix(strings.Repeat(row+",", n), ","))
		return tx.PrepareContext(ctx, q)
	}
	full, err := insert(embeddedRowsPerInsert)
	if err != nil {
		return err
	}
	defer full.Close()
	args := make([]any, 0, cols*embeddedRowsPerInsert)
	n := 0
	flush := func(st *sql.Stmt) error {
		_, err := st.ExecContext(ctx, args...)
		args, n = args[:0], 0
		return err
	}
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return err
		}
		for _, v := range rec {
			args = append(args, v)
		}
		if n++; n == embeddedRowsPerInsert {
			if err := flush(full); err != nil {
				return err
			}
		}
	}
	if n == 0 {
		return nil
	}
	last, err := insert(n)
	if err != nil {
		return err
	}
	defer last.Close()
	return flush(last)
}
