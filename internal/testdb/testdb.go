// Package testdb gives tests a fresh database of every engine the product
// runs on: an SQLite file in the test's temporary directory, and — when
// JIXIAO_TEST_POSTGRES names a server — a PostgreSQL schema of its own,
// dropped when the test ends. With JIXIAO_REQUIRE_POSTGRES=1 (as in CI) a
// missing server fails the test instead of skipping it.
package testdb

import (
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"jixiao/internal/pgdsn"
	"os"
	"path/filepath"
	"testing"

	_ "github.com/jackc/pgx/v5/stdlib" // the "pgx" driver
)

// Engine is one database to run a test on.
type Engine struct {
	Name     string // "sqlite" or "postgres"
	SQLite   string // file path, for sqlite
	Postgres string // DSN, for postgres
}

// Each runs f as a subtest on a fresh database of every engine.
func Each(t *testing.T, f func(t *testing.T, e Engine)) {
	t.Helper()
	t.Run("sqlite", func(t *testing.T) {
		f(t, Engine{Name: "sqlite", SQLite: filepath.Join(t.TempDir(), "jixiao.db")})
	})
	t.Run("postgres", func(t *testing.T) {
		f(t, Engine{Name: "postgres", Postgres: PostgresSchema(t)})
	})
}

// PostgresSchema creates an empty schema for the test and returns a DSN
// whose search_path is that schema.
func PostgresSchema(t testing.TB) string {
	t.Helper()
	dsn := os.Getenv("JIXIAO_TEST_POSTGRES")
	if dsn == "" {
		if os.Getenv("JIXIAO_REQUIRE_POSTGRES") == "1" {
			t.Fatal("PostgreSQL required (JIXIAO_REQUIRE_POSTGRES=1) but JIXIAO_TEST_POSTGRES is not set")
		}
		t.Skip("PostgreSQL not configured: set JIXIAO_TEST_POSTGRES")
	}
	b := make([]byte, 6)
	rand.Read(b)
	schema := "test_" + hex.EncodeToString(b)
	admin, err := sql.Open("pgx", dsn)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := admin.Exec(`CREATE SCHEMA ` + schema); err != nil {
		admin.Close()
		t.Fatalf("CREATE SCHEMA: %v", err)
	}
	t.Cleanup(func() {
		defer admin.Close()
		if _, err := admin.Exec(`DROP SCHEMA ` + schema + ` CASCADE`); err != nil {
			t.Errorf("DROP SCHEMA %s: %v", schema, err)
		}
	})
	return pgdsn.WithSearchPath(dsn, schema)
}
