package store

import (
	"errors"
	"strings"
	"testing"

	"jixiao"
)

// A reviewer's remark is saved against the version the page showed: a
// second reviewer saving from the same version is refused and changes
// nothing; a remark on a project the document lacks, or too long, is
// refused as invalid; each save raises the document's revision and goes
// to the audit trail, and an empty text clears the remark.
func TestSaveRemark(t *testing.T) {
	forEachEngine(t, func(t *testing.T, s *Store) {
		d := sampleDoc("414001", 2024)
		save(t, s, d)
		k, code := d.Key(), d.Projects[0].Code
		rev := func() int64 {
			r, err := s.Revision(ctx, k)
			if err != nil {
				t.Fatal(err)
			}
			return r.N
		}
		before := rev()
		m, err := s.SaveRemark(ctx, k, Remark{Project: code, Text: "产出指标偏少，请补充数量指标。"}, 0, "王审核")
		if err != nil {
			t.Fatal(err)
		}
		if m.Version != 1 || m.By != "王审核" || m.At.IsZero() {
			t.Errorf("saved %+v", m)
		}
		if rev() == before {
			t.Error("the document's revision did not rise")
		}
		if _, err := s.SaveRemark(ctx, k, Remark{Project: code, Text: "另一位审核人的意见"}, 0, "李审核"); !errors.Is(err, jixiao.ErrConflict) {
			t.Fatalf("a save from a stale page: %v, want ErrConflict", err)
		}
		if _, err := s.SaveRemark(ctx, k, Remark{Text: "整体尚可。"}, 0, "王审核"); err != nil {
			t.Fatal(err)
		}
		got, err := s.Remarks(ctx, k)
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != 2 || got[code].Text != "产出指标偏少，请补充数量指标。" || got[""].Text != "整体尚可。" {
			t.Fatalf("remarks %+v", got)
		}
		for _, bad := range []struct{ code, text string }{{"不存在的项目", "x"}, {code, strings.Repeat("长", MaxRemark+1)}} {
			if _, err := s.SaveRemark(ctx, k, Remark{Project: bad.code, Text: bad.text}, 1, "王审核"); !errors.Is(err, ErrInvalid) {
				t.Errorf("%q: %v, want ErrInvalid", bad.code, err)
			}
		}
		if _, err := s.SaveRemark(ctx, jixiao.Key{Unit: "999999", Year: 2024}, Remark{Text: "x"}, 0, "王审核"); !errors.Is(err, jixiao.ErrNotFound) {
			t.Errorf("a document not on file: %v", err)
		}
		if m, err := s.SaveRemark(ctx, k, Remark{Project: code}, 1, "王审核"); err != nil || m.Version != 2 {
			t.Fatalf("clearing: %+v %v", m, err)
		}
		got, _ = s.Remarks(ctx, k)
		if got[code].Text != "" || got[code].Version != 2 {
			t.Errorf("after clearing: %+v", got[code])
		}
		trail, err := s.AuditLog(ctx, AuditFilter{Unit: k.Unit, Year: k.Year, Project: code})
		if err != nil {
			t.Fatal(err)
		}
		var remarks []AuditEntry
		for _, e := range trail {
			if e.Action == AuditRemark {
				remarks = append(remarks, e)
			}
		}
		if len(remarks) != 2 || remarks[0].Before != "" || !strings.Contains(remarks[0].After, "产出指标偏少") ||
			!strings.Contains(remarks[1].Before, "产出指标偏少") || remarks[1].After != "" {
			t.Errorf("audit entries %+v", remarks)
		}
		if broken, err := s.VerifyAudit(ctx); broken != 0 || err != nil {
			t.Errorf("audit chain: %d %v", broken, err)
		}
	})
}

// A reviewer grades a project themselves beside the remark: stored and
// read back, in the trail's image; a grade that is not a grade, or one
// given to the document as a whole, is refused.
func TestRemarkGrade(t *testing.T) {
	forEachEngine(t, func(t *testing.T, s *Store) {
		d := sampleDoc("414001", 2024)
		save(t, s, d)
		k, code := d.Key(), d.Projects[0].Code
		if _, err := s.SaveRemark(ctx, k, Remark{Project: code, Grade: "中"}, 0, "王审核"); err != nil {
			t.Fatal(err)
		}
		got, _ := s.Remarks(ctx, k)
		if got[code].Grade != "中" || got[code].Text != "" {
			t.Errorf("stored %+v", got[code])
		}
		for _, bad := range []Remark{{Project: code, Grade: "甲"}, {Grade: "优", Text: "整体"}} {
			if _, err := s.SaveRemark(ctx, k, bad, 1, "王审核"); !errors.Is(err, ErrInvalid) {
				t.Errorf("%+v: %v, want ErrInvalid", bad, err)
			}
		}
		trail, _ := s.AuditLog(ctx, AuditFilter{Unit: k.Unit, Year: k.Year, Project: code})
		if last := trail[len(trail)-1]; last.Action != AuditRemark || !strings.Contains(last.After, `"grade":"中"`) {
			t.Errorf("trail %+v", last)
		}
	})
}
