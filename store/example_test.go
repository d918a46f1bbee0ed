package store

import (
	"testing"

	"jixiao/example"
	"jixiao/textdoc"
)

// The customer's real document survives a trip through the database whole.
func TestExampleRoundTrip(t *testing.T) {
	forEachEngine(t, func(t *testing.T, s *Store) {
		d, err := textdoc.Read(example.Name, example.Laoting, textdoc.Options{})
		if err != nil {
			t.Fatal(err)
		}
		if len(d.Projects) != 11 || d.IndicatorCount() != 77 || d.TotalBudget() != 814_860_000 {
			t.Fatalf("example imported as %d projects, %d indicators, %d fen", len(d.Projects), d.IndicatorCount(), d.TotalBudget())
		}
		c := save(t, s, d)[0]
		if !c.New || len(c.Added) != 11 {
			t.Errorf("change = %+v", c)
		}
		got := read(t, s, d.Key())
		sameDoc(t, got, d)

		list, err := s.Documents(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if len(list) != 1 || list[0].Projects != 11 || list[0].Indicators != 77 || list[0].Budget != 814_860_000 ||
			list[0].Key != d.Key() || list[0].UnitName != d.Unit.Name {
			t.Errorf("summary = %+v", list)
		}

		again, err := textdoc.Read(example.Name, example.Laoting, textdoc.Options{})
		if err != nil {
			t.Fatal(err)
		}
		if c := save(t, s, again)[0]; !c.Unchanged() || c.Same != 11 {
			t.Errorf("importing the example again: %+v", c)
		}
	})
}
