package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"reflect"
	"testing"

	"jixiao"
	"jixiao/gen"
)

// genDocs is a small generated province: n units of m projects with
// records of every kind.
func genDocs(n, m int) []*jixiao.Document {
	return gen.Province(gen.Options{Units: n, ProjectsPerUnit: m, Seed: 7})
}

// EachDocument hands out exactly what Document returns, for every
// document the filter selects, in the order of Documents, and the counters
// on the documents row agree with the documents.
func TestEachDocument(t *testing.T) {
	forEachEngine(t, func(t *testing.T, s *Store) {
		docs := genDocs(6, 7)
		other := sampleDoc(docs[0].Unit.Code, docs[0].Year-1) // a second year of the first unit
		if _, err := s.SaveDocuments(ctx, append(docs, other), "test"); err != nil {
			t.Fatal(err)
		}
		sums, err := s.Documents(ctx)
		if err != nil {
			t.Fatal(err)
		}
		var keys []jixiao.Key
		err = s.EachDocument(ctx, Filter{}, func(d *jixiao.Document) error {
			keys = append(keys, d.Key())
			want, err := s.Document(ctx, d.Key())
			if err != nil {
				return err
			}
			if !reflect.DeepEqual(d, want) {
				return fmt.Errorf("%s: EachDocument differs from Document", d.Key())
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		if len(keys) != len(sums) {
			t.Fatalf("EachDocument gave %d documents, Documents lists %d", len(keys), len(sums))
		}
		for i, m := range sums {
			if keys[i] != m.Key {
				t.Errorf("document %d: EachDocument %s, Documents %s", i, keys[i], m.Key)
			}
			d, err := s.Document(ctx, m.Key)
			if err != nil {
				t.Fatal(err)
			}
			var ind int
			var budget jixiao.Fen
			for _, p := range d.Projects {
				ind += len(p.Indicators)
				budget += p.Budget
			}
			if m.Projects != len(d.Projects) || m.Indicators != ind || m.Budget != budget {
				t.Errorf("%s: summary %d projects %d indicators %d fen, document %d %d %d",
					m.Key, m.Projects, m.Indicators, m.Budget, len(d.Projects), ind, budget)
			}
		}

		var got []jixiao.Key
		collect := func(d *jixiao.Document) error { got = append(got, d.Key()); return nil }
		if err := s.EachDocument(ctx, Filter{Unit: docs[0].Unit.Code}, collect); err != nil {
			t.Fatal(err)
		}
		if want := []jixiao.Key{docs[0].Key(), other.Key()}; !reflect.DeepEqual(got, want) {
			t.Errorf("unit filter: %v, want %v", got, want)
		}
		got = nil
		if err := s.EachDocument(ctx, Filter{Unit: docs[0].Unit.Code, Year: other.Year}, collect); err != nil {
			t.Fatal(err)
		}
		if want := []jixiao.Key{other.Key()}; !reflect.DeepEqual(got, want) {
			t.Errorf("unit and year filter: %v, want %v", got, want)
		}
		got = nil
		if err := s.EachDocument(ctx, Filter{Year: 1990}, collect); err != nil || len(got) != 0 {
			t.Errorf("no document of 1990: %v, %v", got, err)
		}

		stop := errors.New("stop")
		n := 0
		err = s.EachDocument(ctx, Filter{}, func(*jixiao.Document) error { n++; return stop })
		if err != stop || n != 1 {
			t.Errorf("an error from fn: %v after %d documents, want it returned after 1", err, n)
		}
	})
}

// The counters follow a replacement that removes projects and changes
// budgets and indicators.
func TestCountersFollowReplacement(t *testing.T) {
	forEachEngine(t, func(t *testing.T, s *Store) {
		d := genDocs(1, 5)[0]
		for i := range d.Projects {
			d.Projects[i].Spending, d.Projects[i].Progress, d.Projects[i].Evaluation = nil, nil, nil
		}
		if _, err := s.SaveDocuments(ctx, []*jixiao.Document{d}, "test"); err != nil {
			t.Fatal(err)
		}
		d2 := genDocs(1, 5)[0]
		d2.Projects = d2.Projects[:3]
		for i := range d2.Projects {
			d2.Projects[i].Spending, d2.Projects[i].Progress, d2.Projects[i].Evaluation = nil, nil, nil
		}
		d2.Projects[0].Budget += 1234
		d2.Projects[1].Indicators = d2.Projects[1].Indicators[:1]
		if _, err := s.SaveDocuments(ctx, []*jixiao.Document{d2}, "test"); err != nil {
			t.Fatal(err)
		}
		sums, err := s.Documents(ctx)
		if err != nil || len(sums) != 1 {
			t.Fatal(sums, err)
		}
		var ind int
		var budget jixiao.Fen
		for _, p := range d2.Projects {
			ind += len(p.Indicators)
			budget += p.Budget
		}
		if m := sums[0]; m.Projects != 3 || m.Indicators != ind || m.Budget != budget {
			t.Errorf("summary %d projects %d indicators %d fen, want 3 %d %d", m.Projects, m.Indicators, m.Budget, ind, budget)
		}
	})
}

// Reading a generated province of 20 units × 50 projects with its records,
// document by document and with EachDocument.
func BenchmarkEachDocument(b *testing.B) {
	benchEngines(b, func(b *testing.B, cfg Config) {
		s := openTest(b, cfg)
		docs := genDocs(20, 50)
		if _, err := s.SaveDocuments(context.Background(), docs, "bench"); err != nil {
			b.Fatal(err)
		}
		b.Run("Each", func(b *testing.B) {
			for b.Loop() {
				n := 0
				if err := s.EachDocument(ctx, Filter{}, func(*jixiao.Document) error { n++; return nil }); err != nil || n != 20 {
					b.Fatal(n, err)
				}
			}
		})
		b.Run("Document", func(b *testing.B) {
			for b.Loop() {
				for _, d := range docs {
					if _, err := s.Document(ctx, d.Key()); err != nil {
						b.Fatal(err)
					}
				}
			}
		})
	})
}

// Saving generated documents with their records, ten to a transaction, as
// the scale bench imports a province.
func BenchmarkSaveGenerated(b *testing.B) {
	benchEngines(b, func(b *testing.B, cfg Config) {
		s := openTest(b, cfg)
		o := gen.Options{Units: 100000, ProjectsPerUnit: 50, Seed: 3}
		i := 0
		for b.Loop() {
			var docs []*jixiao.Document
			for range 10 {
				docs = append(docs, gen.Unit(o, i))
				i++
			}
			if _, err := s.SaveDocuments(ctx, docs, "bench"); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// A walk long enough for several chunks on both readers hands out what
// Document returns, in order, and sees every document as of its start:
// a document saved again during the walk comes out as it was before.
func TestEachDocumentChunksOneSnapshot(t *testing.T) {
	forEachEngine(t, func(t *testing.T, s *Store) {
		docs := genDocs(30, 12)
		if _, err := s.SaveDocuments(ctx, docs, "test"); err != nil {
			t.Fatal(err)
		}
		sums, err := s.Documents(ctx)
		if err != nil {
			t.Fatal(err)
		}
		before := map[jixiao.Key]*jixiao.Document{}
		for _, m := range sums {
			if before[m.Key], err = s.Document(ctx, m.Key); err != nil {
				t.Fatal(err)
			}
		}
		last := sums[len(sums)-1].Key
		changed, err := s.Document(ctx, last) // a copy of its own: saving may write into it
		if err != nil {
			t.Fatal(err)
		}
		changed.Projects = changed.Projects[:len(changed.Projects)-1]
		var keys []jixiao.Key
		err = s.EachDocument(ctx, Filter{}, func(d *jixiao.Document) error {
			if len(keys) == 0 {
				if _, err := s.SaveDocuments(ctx, []*jixiao.Document{changed}, "test"); err != nil {
					return err
				}
			}
			keys = append(keys, d.Key())
			if !reflect.DeepEqual(d, before[d.Key()]) {
				return fmt.Errorf("%s: EachDocument differs from the document at the start of the walk", d.Key())
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		if len(keys) != len(sums) {
			t.Fatalf("EachDocument gave %d documents, Documents lists %d", len(keys), len(sums))
		}
		for i, m := range sums {
			if keys[i] != m.Key {
				t.Errorf("document %d: EachDocument %s, Documents %s", i, keys[i], m.Key)
			}
		}
		now, err := s.Document(ctx, last)
		if err != nil || len(now.Projects) != len(changed.Projects) {
			t.Errorf("the save during the walk did not take: %v", err)
		}
		n := 0
		stop := errors.New("stop")
		if err := s.EachDocument(ctx, Filter{}, func(*jixiao.Document) error {
			n++
			if n == 20 {
				return stop
			}
			return nil
		}); err != stop || n != 20 {
			t.Errorf("an error from fn in a later chunk: %v after %d documents", err, n)
		}
	})
}

// The second read transaction of a walk sees what the first sees, even
// when a write commits before the second has read anything.
func TestTwinSeesOneSnapshot(t *testing.T) {
	forEachEngine(t, func(t *testing.T, s *Store) {
		docs := genDocs(2, 5)
		if _, err := s.SaveDocuments(ctx, docs, "test"); err != nil {
			t.Fatal(err)
		}
		opts := s.d.readTx
		tx, err := s.read.BeginTx(ctx, &opts)
		if err != nil {
			t.Fatal(err)
		}
		defer tx.Rollback()
		second, err := s.twin(ctx, tx)
		if err != nil || second == nil {
			t.Fatalf("no second transaction: %v", err)
		}
		defer second.Rollback()
		changed, err := s.Document(ctx, docs[0].Key())
		if err != nil {
			t.Fatal(err)
		}
		changed.Projects = changed.Projects[:2]
		if _, err := s.SaveDocuments(ctx, []*jixiao.Document{changed}, "test"); err != nil {
			t.Fatal(err)
		}
		for i, q := range []*sql.Tx{second, tx} {
			var n int
			if err := q.QueryRowContext(ctx, `SELECT COUNT(*) FROM projects`).Scan(&n); err != nil {
				t.Fatal(err)
			}
			if n != 10 {
				t.Errorf("transaction %d sees %d projects, want the 10 of before the save", i+1, n)
			}
		}
	})
}
