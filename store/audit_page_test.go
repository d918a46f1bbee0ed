package store

import (
	"fmt"
	"testing"

	"jixiao/auth"
)

// TestAuditPaging: with Newest and Limit the newest entries come first;
// Before pages back from an entry, After forward, and both filter with
// the other fields.
func TestAuditPaging(t *testing.T) {
	forEachEngine(t, func(t *testing.T, s *Store) {
		for i := range 25 {
			addUser(t, s, fmt.Sprintf("u%02d", i), auth.Viewer, "414001")
		}
		seqs := func(f AuditFilter) []int64 {
			t.Helper()
			es, err := s.AuditLog(ctx, f)
			if err != nil {
				t.Fatal(err)
			}
			var out []int64
			for _, e := range es {
				out = append(out, e.Seq)
			}
			return out
		}
		check := func(name string, got []int64, want ...int64) {
			t.Helper()
			if fmt.Sprint(got) != fmt.Sprint(want) {
				t.Errorf("%s: %v, want %v", name, got, want)
			}
		}
		check("newest page", seqs(AuditFilter{Newest: true, Limit: 3}), 25, 24, 23)
		check("before 23", seqs(AuditFilter{Newest: true, Before: 23, Limit: 3}), 22, 21, 20)
		check("before 3", seqs(AuditFilter{Newest: true, Before: 3, Limit: 3}), 2, 1)
		check("after 20 oldest first", seqs(AuditFilter{After: 20, Limit: 3}), 21, 22, 23)
		check("between", seqs(AuditFilter{After: 10, Before: 14}), 11, 12, 13)
		check("object", seqs(AuditFilter{Object: "user:u07", Newest: true, Before: 100}), 8)
		check("object before it", seqs(AuditFilter{Object: "user:u07", Before: 8}))
		if all := seqs(AuditFilter{Newest: true}); len(all) != 25 || all[0] != 25 || all[24] != 1 {
			t.Errorf("all newest first: %v", all)
		}
	})
}
