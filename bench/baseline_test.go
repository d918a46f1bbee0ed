package bench

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/csv"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"jixiao/gen"
	"jixiao/internal/pgdsn"
)

// The product-schema baseline loads every CSV row into the product's own
// tables, foreign keys on, on both engines: the same number of rows per
// table as the CSV holds, and the columns the CSV lacks at their defaults.
func TestSchemaBaselineLoadsEveryRow(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	files, err := newCSVFiles(dir)
	if err != nil {
		t.Fatal(err)
	}
	rows := newCSVRows()
	want := map[string]int64{}
	for _, d := range gen.Province(gen.Options{Units: 3, ProjectsPerUnit: 4, Seed: 9}) {
		rows.add(d)
	}
	batch := rows.flush()
	if err := files.write(batch); err != nil {
		t.Fatal(err)
	}
	files.close()
	for name, b := range batch {
		recs, err := csv.NewReader(bytes.NewReader(b)).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		want[name] = int64(len(recs))
	}
	check := func(t *testing.T, db *sql.DB) {
		for _, tb := range baselineTables {
			var n int64
			if err := db.QueryRowContext(ctx, "SELECT COUNT(*) FROM "+tb.name).Scan(&n); err != nil {
				t.Fatal(err)
			}
			if n != want[tb.name] || n == 0 {
				t.Errorf("%s: %d rows, the CSV has %d", tb.name, n, want[tb.name])
			}
		}
		var counters int64
		if err := db.QueryRowContext(ctx, "SELECT COUNT(*) FROM documents WHERE project_count = 0 AND revision = 0").Scan(&counters); err != nil || counters != want["documents"] {
			t.Errorf("documents at default counters: %d of %d, %v", counters, want["documents"], err)
		}
	}
	t.Run("sqlite", func(t *testing.T) {
		if sqliteShell() == "" {
			t.Skip("sqlite3 shell absent")
		}
		if _, err := sqliteSchemaImport(ctx, files, dir); err != nil {
			t.Fatal(err)
		}
		db, err := sql.Open("sqlite", filepath.Join(dir, "baseline-schema.db")+"?_pragma=foreign_keys(1)")
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		check(t, db)
		var broken int
		if err := db.QueryRowContext(ctx, "SELECT COUNT(*) FROM pragma_foreign_key_check").Scan(&broken); err != nil || broken != 0 {
			t.Errorf("foreign key check: %d, %v", broken, err)
		}
	})
	t.Run("postgres", func(t *testing.T) {
		dsn := os.Getenv("JIXIAO_TEST_POSTGRES")
		if dsn == "" {
			t.Skip("PostgreSQL not configured: set JIXIAO_TEST_POSTGRES")
		}
		schema := fmt.Sprintf("bench_schema_base_%d", os.Getpid())
		defer dropSchema(dsn, schema)
		if _, err := postgresSchemaCopy(ctx, files, dsn, schema); err != nil {
			t.Fatal(err)
		}
		db, err := sql.Open("pgx", pgdsn.WithSearchPath(dsn, schema))
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		check(t, db)
		// The foreign keys are the product's: a payment of no project is refused.
		if _, err := db.ExecContext(ctx, "INSERT INTO spending (project_id, seq, amount) VALUES (999999, 1, 1)"); err == nil {
			t.Error("the product schema took a payment of no project")
		}
	})
}
