package store

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"os"
	"path/filepath"
	"testing"
)

// forEachEngine runs f on a fresh, migrated store of every engine: SQLite
// on a file in t.TempDir(), and PostgreSQL in a schema of its own when
// JIXIAO_TEST_POSTGRES holds a DSN.
func forEachEngine(t *testing.T, f func(t *testing.T, s *Store)) {
	t.Helper()
	forEachConfig(t, func(t *testing.T, cfg Config) {
		f(t, openTest(t, cfg))
	})
}

// forEachConfig runs f with the configuration of a fresh database of every
// engine, for tests that open it themselves (several times, or twice at once).
func forEachConfig(t *testing.T, f func(t *testing.T, cfg Config)) {
	t.Helper()
	t.Run("sqlite", func(t *testing.T) {
		f(t, Config{SQLite: filepath.Join(t.TempDir(), "jixiao.db")})
	})
	t.Run("postgres", func(t *testing.T) {
		f(t, Config{Postgres: postgresSchema(t)})
	})
}

// openTest opens the store and closes it when the test ends.
func openTest(t testing.TB, cfg Config) *Store {
	t.Helper()
	s, err := Open(context.Background(), cfg)
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// postgresSchema creates an empty schema for the test and returns the DSN
// that works in it; the schema is dropped when the test ends.
func postgresSchema(t testing.TB) string {
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
	return WithSearchPath(dsn, schema)
}
