package bench

import (
	"context"
	"database/sql"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"jixiao/store"
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
	return copyFiles(ctx, conn, files, func(t table) (string, string) {
		return fmt.Sprintf("COPY %s.%s FROM STDIN (FORMAT csv)", schema, t.name), t.name
	})
}

// copyFiles loads each baseline table's CSV file with the COPY statement
// query gives for it, in one transaction on conn, and returns the time;
// a failure names the table as query's second result says.
func copyFiles(ctx context.Context, conn *pgx.Conn, files *csvFiles, query func(table) (string, string)) (time.Duration, error) {
	start := time.Now()
	tx, err := conn.Begin(ctx)
	if err != nil {
		return 0, err
	}
	defer tx.Rollback(ctx)
	for _, t := range baselineTables {
		q, name := query(t)
		f, err := os.Open(files.path(t.name))
		if err != nil {
			return 0, err
		}
		_, err = tx.Conn().PgConn().CopyFrom(ctx, f, q)
		f.Close()
		if err != nil {
			return 0, fmt.Errorf("COPY %s: %w", name, err)
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
	queries := make([]string, len(readColumns))
	for i, t := range readColumns {
		queries[i] = "SELECT " + t.ddl + " FROM " + t.name
	}
	return readStep(ctx, db, queries)
}

// The second import baseline: the same CSV rows, loaded by the same bulk
// loader, into the product's own schema — the store's migrations applied
// to a fresh SQLite file or PostgreSQL schema, foreign keys, checks,
// unique keys and NOT NULL enforced — so that the report shows what the
// engine's loader pays for the schema itself beside what the product pays
// on top of it (review kept with the goals, audit trail, numbering).

// productColumn is a column of a table in the product's schema, with its
// default as CSV text for the columns the baseline's CSV lacks (the
// document counters and revision).
type productColumn struct {
	name, dflt string
}

// csvDefault turns a column default of the schema into its CSV text.
func csvDefault(d sql.NullString) string {
	s := strings.TrimSpace(d.String)
	switch {
	case !d.Valid || strings.EqualFold(s, "NULL"):
		return ""
	case strings.EqualFold(s, "FALSE"):
		return "0"
	case strings.EqualFold(s, "TRUE"):
		return "1"
	}
	s, _, _ = strings.Cut(s, "::") // PostgreSQL: ''::text
	return strings.Trim(s, "'")
}

// sqliteSchemaImport creates a database file with the product's schema
// (store.Open applies the migrations), rewrites the baseline's CSV into
// the column order of the product's tables (columns the CSV lacks take
// their defaults), and loads them with the sqlite3 shell's .import with
// foreign keys on and the store's pragmas, in one transaction. It returns
// the time the shell took.
func sqliteSchemaImport(ctx context.Context, files *csvFiles, dir string) (time.Duration, error) {
	dbPath := filepath.Join(dir, "baseline-schema.db")
	st, err := store.Open(ctx, store.Config{SQLite: dbPath})
	if err != nil {
		return 0, err
	}
	st.Close()
	db, err := sql.Open("sqlite", dbPath)
	if err != nil {
		return 0, err
	}
	defer db.Close()
	var script strings.Builder
	script.WriteString("PRAGMA foreign_keys=ON;\nPRAGMA journal_mode=WAL;\nPRAGMA synchronous=NORMAL;\nBEGIN;\n")
	for _, t := range baselineTables {
		cols, err := sqliteColumns(ctx, db, t.name)
		if err != nil {
			return 0, err
		}
		path := filepath.Join(dir, t.name+".schema.csv")
		if err := reorderCSV(files.path(t.name), path, baselineColumns(t), cols); err != nil {
			return 0, fmt.Errorf("%s: %w", t.name, err)
		}
		fmt.Fprintf(&script, ".import --csv %s %s\n", path, t.name)
	}
	script.WriteString("COMMIT;\n")
	db.Close()
	cmd := exec.CommandContext(ctx, sqliteShell(), "-bail", dbPath)
	cmd.Stdin = strings.NewReader(script.String())
	start := time.Now()
	out, err := cmd.CombinedOutput()
	d := time.Since(start)
	if err != nil || len(strings.TrimSpace(strings.ReplaceAll(string(out), "wal", ""))) > 0 {
		return 0, fmt.Errorf("sqlite3 .import（产品表结构）失败：%v %s", err, out)
	}
	return d, nil
}

func sqliteColumns(ctx context.Context, db *sql.DB, table string) ([]productColumn, error) {
	rows, err := db.QueryContext(ctx, "SELECT name, dflt_value FROM pragma_table_info(?) ORDER BY cid", table)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []productColumn
	for rows.Next() {
		var c productColumn
		var d sql.NullString
		if err := rows.Scan(&c.name, &d); err != nil {
			return nil, err
		}
		c.dflt = csvDefault(d)
		out = append(out, c)
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("产品表结构里没有表 %s", table)
	}
	return out, rows.Err()
}

// baselineColumns are the column names of a baseline table, in its order.
func baselineColumns(t table) []string {
	var out []string
	for _, def := range strings.Split(t.ddl, ",") {
		f := strings.Fields(def)
		if len(f) < 2 || f[0] == "PRIMARY" || f[0] == "UNIQUE" || strings.HasPrefix(f[0], "(") || strings.HasSuffix(f[0], ")") {
			continue
		}
		out = append(out, f[0])
	}
	return out
}

// reorderCSV writes the CSV file from, whose columns are have, to file
// to with the columns want, in want's order: a column of want that have
// lacks takes its default.
func reorderCSV(from, to string, have []string, want []productColumn) error {
	at := map[string]int{}
	for i, c := range have {
		at[c] = i
	}
	for _, c := range have {
		found := false
		for _, w := range want {
			found = found || w.name == c
		}
		if !found {
			return fmt.Errorf("产品表结构没有列 %s", c)
		}
	}
	in, err := os.Open(from)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.Create(to)
	if err != nil {
		return err
	}
	defer out.Close()
	r, w := csv.NewReader(in), csv.NewWriter(out)
	r.ReuseRecord = true
	row := make([]string, len(want))
	for {
		rec, err := r.Read()
		if err != nil {
			if errors.Is(err, io.EOF) {
				break
			}
			return err
		}
		for i, c := range want {
			if j, ok := at[c.name]; ok {
				row[i] = rec[j]
			} else {
				row[i] = c.dflt
			}
		}
		if err := w.Write(row); err != nil {
			return err
		}
	}
	w.Flush()
	if err := w.Error(); err != nil {
		return err
	}
	return out.Close()
}

// postgresSchemaCopy creates schema (the caller drops it) with the
// product's tables (store.Open applies the migrations) and loads the baseline's CSV files into them
// with COPY … (columns) FROM STDIN, one transaction, foreign keys checked
// as always. NOT NULL text columns read an empty field as ” rather than
// NULL (FORCE_NOT_NULL), as the store writes them. It returns the time
// the COPYs took.
func postgresSchemaCopy(ctx context.Context, files *csvFiles, dsn, schema string) (time.Duration, error) {
	sdsn, _, err := pgSchema(ctx, dsn, schema)
	if err != nil {
		return 0, err
	}
	st, err := store.Open(ctx, store.Config{Postgres: sdsn})
	if err != nil {
		return 0, err
	}
	st.Close()
	conn, err := pgx.Connect(ctx, dsn)
	if err != nil {
		return 0, err
	}
	defer conn.Close(ctx)
	notNull := map[string]map[string]bool{}
	rows, err := conn.Query(ctx, `SELECT table_name, column_name FROM information_schema.columns
WHERE table_schema = $1 AND is_nullable = 'NO'`, schema)
	if err != nil {
		return 0, err
	}
	for rows.Next() {
		var t, c string
		if err := rows.Scan(&t, &c); err != nil {
			return 0, err
		}
		if notNull[t] == nil {
			notNull[t] = map[string]bool{}
		}
		notNull[t][c] = true
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return 0, err
	}
	return copyFiles(ctx, conn, files, func(t table) (string, string) {
		cols := baselineColumns(t)
		var force []string
		for _, c := range cols {
			if notNull[t.name][c] {
				force = append(force, c)
			}
		}
		q := fmt.Sprintf("COPY %s.%s (%s) FROM STDIN (FORMAT csv", schema, t.name, strings.Join(cols, ", "))
		if len(force) > 0 {
			q += ", FORCE_NOT_NULL (" + strings.Join(force, ", ") + ")"
		}
		return q + ")", t.name + "（产品表结构）"
	})
}

// importSchema adds the import figure against the product-schema
// baseline: rate rows/s of SaveDocuments for n rows, beside the same
// loader into the product's own tables.
func (b *run) importSchema(ctx context.Context, engine string, rate float64, n int64, took time.Duration) error {
	f := Figure{Engine: engine, Key: "import_schema", Label: "批量导入 Bulk import (SaveDocuments) 对产品表结构 vs product schema",
		Value: rate, Unit: "rows/s", Target: "≥ 0.5 × baseline",
		Note: fmt.Sprintf("%d 行 rows, %.2f s", n, took.Seconds())}
	var base time.Duration
	var err error
	switch engine {
	case "sqlite":
		f.BaselineLabel = "sqlite3 .import (CSV) 产品表结构，外键开 product schema, FKs on"
		base, err = sqliteSchemaImport(ctx, b.files, b.o.Dir)
	case "postgres":
		f.BaselineLabel = "COPY FROM STDIN (CSV) 产品表结构 product schema"
		schema := b.pgBaseline + "_schema"
		defer dropSchema(b.o.Postgres, schema)
		base, err = postgresSchemaCopy(ctx, b.files, b.o.Postgres, schema)
	}
	if err != nil {
		return err
	}
	b.r.add(importBaseline(f, n, base))
	b.say("%s 基线导入（产品表结构）baseline import, product schema %.2f 秒", engine, base.Seconds())
	if engine == "sqlite" {
		return b.importEmbedded(ctx, rate, n, took)
	}
	return nil
}

// importBaseline completes an import figure with the baseline's rate for
// the same n rows loaded in base, the ratio and the ≥ 0.5 × verdict.
func importBaseline(f Figure, n int64, base time.Duration) Figure {
	f.Baseline = float64(n) / base.Seconds()
	f.Ratio = f.Value / f.Baseline
	f.OK = f.Ratio >= 0.5
	f.Note += fmt.Sprintf("; 基线 baseline %.2f s", base.Seconds())
	return f
}

// importEmbedded reports the import beside the same rows loaded through
// the embedded engine alone (sqliteEmbeddedImport): for reference, no
// target; it says how much of the gap to the shell is the engine.
func (b *run) importEmbedded(ctx context.Context, rate float64, n int64, took time.Duration) error {
	base, err := sqliteEmbeddedImport(ctx, b.files, b.o.Dir)
	if err != nil {
		return err
	}
	f := importBaseline(Figure{Engine: "sqlite", Key: "import_embedded",
		Label: "批量导入 Bulk import (SaveDocuments) 对内嵌引擎 vs embedded engine", Value: rate, Unit: "rows/s",
		BaselineLabel: "内嵌 SQLite 逐表多行 INSERT embedded SQLite, multi-row INSERT per table",
		Note:          fmt.Sprintf("%d 行 rows, %.2f s", n, took.Seconds())}, n, base)
	f.Note += "；参考，无目标 reference only"
	f.OK = true
	b.r.add(f)
	b.say("sqlite 基线导入（内嵌引擎）baseline import, embedded engine %.2f 秒", base.Seconds())
	return nil
}
