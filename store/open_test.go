package store

import (
	"database/sql"
	"reflect"
	"strings"
	"sync"
	"testing"

	"jixiao"
)

func TestReopenKeepsDataAndDoesNotMigrateAgain(t *testing.T) {
	forEachConfig(t, func(t *testing.T, cfg Config) {
		steps, err := migrations()
		if err != nil {
			t.Fatal(err)
		}
		s := openTest(t, cfg)
		d := withRecords(sampleDoc("414001", 2024))
		save(t, s, d)
		applied := migrationRows(t, s)
		if len(applied) != len(steps) {
			t.Fatalf("%d migrations recorded, %d exist", len(applied), len(steps))
		}
		before := counts(t, s)
		if err := s.Close(); err != nil {
			t.Fatal(err)
		}

		s = openTest(t, cfg)
		if again := migrationRows(t, s); !reflect.DeepEqual(again, applied) {
			t.Errorf("migrations after reopening = %v, want untouched %v", again, applied)
		}
		if after := counts(t, s); !reflect.DeepEqual(before, after) {
			t.Errorf("counts after reopening %v, want %v", after, before)
		}
		sameDoc(t, read(t, s, d.Key()), d)
	})
}

// migrationRows returns "version name applied_at" of every applied migration.
func migrationRows(t *testing.T, s *Store) []string {
	t.Helper()
	rows, err := s.read.QueryContext(ctx, `SELECT version, name, applied_at FROM schema_migrations ORDER BY version`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var v, name, at string
		if err := rows.Scan(&v, &name, &at); err != nil {
			t.Fatal(err)
		}
		out = append(out, v+" "+name+" "+at)
	}
	return out
}

func TestSplitSQL(t *testing.T) {
	got := splitSQL("-- comment\nCREATE TABLE a (\n\tx TEXT -- inline\n);\n\nCREATE INDEX b ON a (x);\n")
	want := []string{"CREATE TABLE a (\n\tx TEXT -- inline\n)", "CREATE INDEX b ON a (x)"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("splitSQL = %q, want %q", got, want)
	}
}

func TestSQLitePragmasOnEveryConnection(t *testing.T) {
	cfg := Config{SQLite: t.TempDir() + "/jixiao.db"}
	s := openTest(t, cfg)
	// Hold several read connections at once so the pool must open new ones,
	// and check each of them, and the writer.
	var conns []*sql.Conn
	for range 4 {
		c, err := s.read.Conn(ctx)
		if err != nil {
			t.Fatal(err)
		}
		conns = append(conns, c)
	}
	w, err := s.write.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	conns = append(conns, w)
	want := map[string]string{"journal_mode": "wal", "foreign_keys": "1", "busy_timeout": "10000", "synchronous": "1"}
	for i, c := range conns {
		for p, v := range want {
			var got string
			if err := c.QueryRowContext(ctx, "PRAGMA "+p).Scan(&got); err != nil {
				t.Fatal(err)
			}
			if got != v {
				t.Errorf("connection %d: %s = %s, want %s", i, p, got, v)
			}
		}
		c.Close()
	}
	// Readers cannot write, even by mistake.
	if _, err := s.read.ExecContext(ctx, `DELETE FROM units`); err == nil || !strings.Contains(err.Error(), "readonly") {
		t.Errorf("write through the read pool: %v, want refused", err)
	}
}

// Saves from several goroutines at once, and from two stores on the same
// file (as the CLI running beside the server does), all succeed: the one
// writer connection queues them, busy_timeout and IMMEDIATE transactions
// keep them from failing with "database is locked".
func TestConcurrentSaves(t *testing.T) {
	forEachConfig(t, func(t *testing.T, cfg Config) {
		a := openTest(t, cfg)
		b := openTest(t, cfg)
		const rounds = 20
		var wg sync.WaitGroup
		errs := make(chan error, 4*rounds)
		run := func(s *Store, unit string) {
			defer wg.Done()
			for i := range rounds {
				d := sampleDoc(unit, 2024)
				d.Projects[0].Budget += jixiao.Fen(i)
				if _, err := s.SaveDocuments(ctx, []*jixiao.Document{d, sampleDoc("414999", 2024)}, unit); err != nil {
					errs <- err
				}
				if _, err := s.Documents(ctx); err != nil {
					errs <- err
				}
			}
		}
		wg.Add(4)
		go run(a, "414001")
		go run(a, "414002")
		go run(b, "414003")
		go run(b, "414001")
		wg.Wait()
		close(errs)
		for err := range errs {
			t.Error(err)
		}
		list, err := a.Documents(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if len(list) != 4 {
			t.Fatalf("%d documents, want 4", len(list))
		}
		// 414001 was saved 2×rounds times by two goroutines, each counting
		// its budget up: however they interleave, at least rounds of the
		// saves changed the document.
		if got := read(t, a, jixiao.Key{Unit: "414001", Year: 2024}); got.Version < rounds {
			t.Errorf("414001 version %d after %d saves", got.Version, 2*rounds)
		}
	})
}
