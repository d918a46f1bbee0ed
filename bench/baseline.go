package bench

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
)

// csvFiles keeps the baseline's rows on disk, one CSV file per table, so
// a province never sits in memory as text.
type csvFiles struct {
	dir   string
	files map[string]*os.File
}

func newCSVFiles(dir string) (*csvFiles, error) {
	c := &csvFiles{dir: dir, files: map[string]*os.File{}}
	for _, t := range baselineTables {
		f, err := os.Create(filepath.Join(dir, t.name+".csv"))
		if err != nil {
			c.close()
			return nil, err
		}
		c.files[t.name] = f
	}
	return c, nil
}

func (c *csvFiles) write(batch map[string][]byte) error {
	for name, b := range batch {
		if _, err := c.files[name].Write(b); err != nil {
			return err
		}
	}
	return nil
}

func (c *csvFiles) close() {
	for _, f := range c.files {
		f.Close()
	}
}

func (c *csvFiles) path(table string) string { return filepath.Join(c.dir, table+".csv") }

// sqliteShell is the path of the sqlite3 command-line shell, or "".
func sqliteShell() string {
	p, err := exec.LookPath("sqlite3")
	if err != nil {
		return ""
	}
	return p
}

// sqliteShellVersion is the shell's version line, or "".
func sqliteShellVersion() string {
	p := sqliteShell()
	if p == "" {
		return ""
	}
	out, err := exec.Command(p, "--version").Output()
	if err != nil {
		return ""
	}
	f := strings.Fields(string(out))
	if len(f) == 0 {
		return ""
	}
	return f[0]
}

// sqliteImport loads the CSV files into equivalent tables of a new
// database file with the sqlite3 shell's .import, with the store's own
// pragmas (WAL, synchronous NORMAL), and returns the time the shell took.
func sqliteImport(ctx context.Context, files *csvFiles, dbPath string) (time.Duration, error) {
	shell := sqliteShell()
	var script strings.Builder
	script.WriteString("PRAGMA journal_mode=WAL;\nPRAGMA synchronous=NORMAL;\n")
	for _, t := range baselineTables {
		fmt.Fprintf(&script, "CREATE TABLE %s (%s);\n", t.name, t.ddl)
	}
	script.WriteString("BEGIN;\n")
	for _, t := range baselineTables {
		fmt.Fprintf(&script, ".import --csv %s %s\n", files.path(t.name), t.name)
	}
	script.WriteString("COMMIT;\n")
	cmd := exec.CommandContext(ctx, shell, "-bail", dbPath)
	cmd.Stdin = strings.NewReader(script.String())
	start := time.Now()
	out, err := cmd.CombinedOutput()
	d := time.Since(start)
	if err != nil || len(strings.TrimSpace(strings.ReplaceAll(string(out), "wal", ""))) > 0 {
		return 0, fmt.Errorf("sqlite3 .import 失败：%v %s", err, out)
	}
	return d, nil
}

// postgresCopy loads the CSV files into equivalent tables of a fresh
// schema with COPY … FROM STDIN, one transaction, and returns the time.
func postgresCopy(ctx context.Context, files *csvFiles, dsn, schema string) (time.Duration, error) {
	conn, err := pgx.Connect(ctx, dsn)
	if err != nil {
		return 0, err
	}
	defer conn.Close(ctx)
	if _, err := conn.Exec(ctx, "CREATE SCHEMA "+schema); err != nil {
		return 0, err
	}
	for _, t := range baselineTables {
		if _, err := conn.Exec(ctx, fmt.Sprintf("CREATE TABLE %s.%s (%s)", schema, t.name, t.ddl)); err != nil {
			return 0, err
		}
	}
	start := time.Now()
	tx, err := conn.Begin(ctx)
	if err != nil {
		return 0, err
	}
	defer tx.Rollback(ctx)
	for _, t := range baselineTables {
		f, err := os.Open(files.path(t.name))
		if err != nil {
			return 0, err
		}
		_, err = tx.Conn().PgConn().CopyFrom(ctx, f, fmt.Sprintf("COPY %s.%s FROM STDIN (FORMAT csv)", schema, t.name))
		f.Close()
		if err != nil {
			return 0, fmt.Errorf("COPY %s: %w", t.name, err)
		}
	}
	if err := tx.Commit(ctx); err != nil {
		return 0, err
	}
	return time.Since(start), nil
}

// readOnce reads every row of every table a document is made of once
// with a plain SELECT of the columns loading a document reads (readColumns),
// each scanned: the least any computation over all documents must pay to
// see the data.
func readOnce(ctx context.Context, db *sql.DB) (time.Duration, int64, error) {
	start := time.Now()
	var n int64
	for _, t := range readColumns {
		rows, err := db.QueryContext(ctx, "SELECT "+t.ddl+" FROM "+t.name)
		if err != nil {
			return 0, 0, err
		}
		cols, _ := rows.Columns()
		vals := make([]any, len(cols))
		raw := make([]sql.RawBytes, len(cols))
		for i := range raw {
			vals[i] = &raw[i]
		}
		for rows.Next() {
			if err := rows.Scan(vals...); err != nil {
				rows.Close()
				return 0, 0, err
			}
			n++
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return 0, 0, err
		}
	}
	return time.Since(start), n, nil
}
