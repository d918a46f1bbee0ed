package store

import (
	"errors"
	"path/filepath"
	"reflect"
	"regexp"
	"runtime"
	"slices"
	"sync/atomic"
	"testing"
	"time"

	"jixiao"
	"jixiao/internal/testdb"
)

// stream hands docs out in batches of the given sizes, then the end.
func stream(docs []*jixiao.Document, sizes ...int) func() ([]*jixiao.Document, error) {
	return func() ([]*jixiao.Document, error) {
		if len(docs) == 0 {
			return nil, nil
		}
		n := len(docs)
		if len(sizes) > 0 {
			n, sizes = min(sizes[0], n), sizes[1:]
		}
		b := docs[:n]
		docs = docs[n:]
		return b, nil
	}
}

// freshConfig is another empty database of cfg's engine.
func freshConfig(t *testing.T, cfg Config) Config {
	if cfg.Postgres != "" {
		return Config{Postgres: testdb.PostgresSchema(t)}
	}
	return Config{SQLite: filepath.Join(t.TempDir(), "other.db")}
}

// enteredAt is the stamp the store gives records entered without one, as
// the audit trail's images spell it.
var enteredAt = regexp.MustCompile(`"entered_at":"[^"]*"`)

// trail is the audit log without what depends on the moment of writing:
// the entries' instants and hashes, and the stamps of records saved
// without one (two saves a second apart stamp them differently).
func trail(t *testing.T, s *Store) []AuditEntry {
	t.Helper()
	es, err := s.AuditLog(ctx, AuditFilter{})
	if err != nil {
		t.Fatal(err)
	}
	for i := range es {
		e := &es[i]
		e.At, e.Hash, e.PrevHash = time.Time{}, "", ""
		e.Before = enteredAt.ReplaceAllString(e.Before, `"entered_at":""`)
		e.After = enteredAt.ReplaceAllString(e.After, `"entered_at":""`)
	}
	return es
}

// A streamed save stores what SaveDocuments stores of the same documents
// in one call — every document, the same record ids, the same audit
// trail, in the same order — whatever the batches, and with the trail
// written in parts (a queue limit of one byte writes it after every
// batch) its chain still verifies. The documents handed out are left as
// they were.
func TestSaveStreamAsSaveDocuments(t *testing.T) {
	forEachConfig(t, func(t *testing.T, cfg Config) {
		one, streamed := openTest(t, cfg), openTest(t, freshConfig(t, cfg))
		save(t, one, genDocs(7, 6)...)

		defer func(n int) { auditQueueBytes = n }(auditQueueBytes)
		auditQueueBytes = 1
		docs := genDocs(7, 6)
		var saved []jixiao.Change
		err := streamed.SaveStream(ctx, "tester", stream(docs, 3, 1, 2, 5), func(d *jixiao.Document, c jixiao.Change) {
			if d != docs[len(saved)] {
				t.Errorf("saved called with document %s out of order", d.Key())
			}
			saved = append(saved, c)
		})
		if err != nil {
			t.Fatal(err)
		}
		if len(saved) != len(docs) {
			t.Fatalf("saved called %d times for %d documents", len(saved), len(docs))
		}
		for i, d := range docs {
			if !saved[i].New {
				t.Errorf("%s: change %+v, want a new document", d.Key(), saved[i])
			}
			if !reflect.DeepEqual(d, genDocs(7, 6)[i]) {
				t.Errorf("%s: the streamed document was written to", d.Key())
			}
			want, got := read(t, one, d.Key()), read(t, streamed, d.Key())
			// Stamps the store gives records without one are the moment
			// of the save.
			for pi := range got.Projects {
				g, w := &got.Projects[pi], &want.Projects[pi]
				for ri := range g.Spending {
					if g.Spending[ri].Entered.By != w.Spending[ri].Entered.By {
						t.Fatalf("%s: spending stamped by %q, SaveDocuments by %q", d.Key(), g.Spending[ri].Entered.By, w.Spending[ri].Entered.By)
					}
					g.Spending[ri].Entered.At = w.Spending[ri].Entered.At
				}
				for ri := range g.Progress {
					g.Progress[ri].Entered.At = w.Progress[ri].Entered.At
				}
				if g.Evaluation != nil && w.Evaluation != nil {
					g.Evaluation.Entered.At = w.Evaluation.Entered.At
				}
			}
			sameDoc(t, got, want)
		}
		if got, want := trail(t, streamed), trail(t, one); !reflect.DeepEqual(got, want) {
			t.Errorf("streamed audit trail (%d entries) differs from SaveDocuments' (%d)", len(got), len(want))
		}
		if broken, err := streamed.VerifyAudit(ctx); err != nil || broken != 0 {
			t.Errorf("audit chain of the streamed save: broken at %d, %v", broken, err)
		}
	})
}

// A streamed save is all or nothing: an error from next after batches
// were written, or a document whose unit and year came in an earlier
// batch, leaves nothing stored, not even in the audit trail.
func TestSaveStreamAllOrNothing(t *testing.T) {
	forEachEngine(t, func(t *testing.T, s *Store) {
		unreadable := errors.New("第 3 个文件无法读取")
		docs := genDocs(4, 3)
		batches := stream(docs, 2, 2)
		calls := 0
		err := s.SaveStream(ctx, "tester", func() ([]*jixiao.Document, error) {
			if calls++; calls == 3 {
				return nil, unreadable
			}
			return batches()
		}, func(*jixiao.Document, jixiao.Change) {})
		if !errors.Is(err, unreadable) {
			t.Fatalf("SaveStream returned %v, want the error of next", err)
		}
		again := genDocs(4, 3)
		dup := genDocs(4, 3)[1]
		err = s.SaveStream(ctx, "tester", stream(append(again, dup), 3, 2), func(*jixiao.Document, jixiao.Change) {})
		if !errors.Is(err, ErrInvalid) {
			t.Fatalf("a unit and year twice across batches: %v, want ErrInvalid", err)
		}
		sums, err := s.Documents(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if len(sums) != 0 {
			t.Errorf("%d documents stored by failed streamed saves", len(sums))
		}
		if es := trail(t, s); len(es) != 0 {
			t.Errorf("%d audit entries left by failed streamed saves", len(es))
		}
	})
}

// A streamed save keeps only the batch it is writing: the documents of a
// batch written before can be collected while later ones are handed out
// (what lets a province's import run in bounded memory).
func TestSaveStreamLetsWrittenBatchesGo(t *testing.T) {
	forEachEngine(t, func(t *testing.T, s *Store) {
		docs := genDocs(6, 4)
		var gone atomic.Int32
		for _, d := range docs[:2] {
			runtime.AddCleanup(d, func(*atomic.Int32) { gone.Add(1) }, &gone)
		}
		// Batches of their own arrays: a slice of docs would keep all of
		// docs' pointers reachable.
		batches := [][]*jixiao.Document{slices.Clone(docs[:2]), slices.Clone(docs[2:4]), slices.Clone(docs[4:])}
		clear(docs)
		calls := 0
		err := s.SaveStream(ctx, "tester", func() ([]*jixiao.Document, error) {
			calls++
			if calls == 3 {
				// The first batch is written; nothing of the save holds it.
				for i := 0; i < 50 && gone.Load() < 2; i++ {
					runtime.GC()
					time.Sleep(time.Millisecond)
				}
			}
			if len(batches) == 0 {
				return nil, nil
			}
			b := batches[0]
			batches[0], batches = nil, batches[1:]
			return b, nil
		}, func(*jixiao.Document, jixiao.Change) {})
		if err != nil {
			t.Fatal(err)
		}
		if n := gone.Load(); n < 2 {
			t.Errorf("%d of the first batch's 2 documents were collected while the save went on", n)
		}
	})
}
