package store

import (
	"context"
	"jixiao/internal/testdb"
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
		f(t, Config{Postgres: testdb.PostgresSchema(t)})
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
