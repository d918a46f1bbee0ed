package web

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strconv"

	"jixiao"
	"jixiao/review"
	"jixiao/store"
)

// docView is a stored document with its review, as the review,
// evaluation and export pages need it. The department, project and
// monitoring pages make one of what they read instead (store.Outline,
// ProjectOf, MonitorInputs): part of the document, and no Report.
type docView struct {
	Doc    *jixiao.Document
	Report review.Report
	// Base is the document's URL path, /units/{unit}/{year}.
	Base string
	// key is the document and revision the view was made from.
	key docKey
}

// docKey names one document at one revision: what a page computes from
// it may be shown again while the store reports the same revision.
type docKey struct {
	key jixiao.Key
	rev store.Revision
}

// loadDocument reads the document named by the {unit} and {year} path
// values and reviews it. It answers 404 itself when there is none.
func (s *server) loadDocument(w http.ResponseWriter, r *http.Request) (*docView, bool) {
	dk, ok := s.docRevision(w, r)
	if !ok {
		return nil, false
	}
	return s.docView(w, r, dk)
}

// docRevision reads the current revision of the document named by the
// path, with one indexed read. It answers 404 itself when there is none.
func (s *server) docRevision(w http.ResponseWriter, r *http.Request) (docKey, bool) {
	unit := r.PathValue("unit")
	year, err := strconv.Atoi(r.PathValue("year"))
	if err != nil || year < 1900 || year > 9999 {
		s.notFound(w, r, fmt.Sprintf("年度“%s”不是有效的年份。", r.PathValue("year")))
		return docKey{}, false
	}
	k := jixiao.Key{Unit: unit, Year: year}
	if dk, ok := prefetchedRevision(r, k); ok {
		return dk, true
	}
	rev, err := s.st.Revision(r.Context(), k)
	if err != nil {
		s.failed(w, r, err, fmt.Sprintf("没有单位“%s”%d年度的绩效目标。", unit, year))
		return docKey{}, false
	}
	return docKey{key: k, rev: rev}, true
}

// docView returns the document at revision dk.rev with its review, from
// the cache or loaded and reviewed once for every request that asks at
// the same time. The revision was read before the document, so what is
// loaded is at least that new, and every write raises the revision:
// after a write no request finds the older view again. The view is shared
// and must not be changed.
func (s *server) docView(w http.ResponseWriter, r *http.Request, dk docKey) (*docView, bool) {
	ctx := context.WithoutCancel(r.Context()) // a load others wait for outlives one client leaving
	dv, err := s.docs.get(dk, func() (*docView, error) {
		doc, err := s.st.Document(ctx, dk.key)
		if err != nil {
			return nil, err
		}
		return &docView{
			Doc:    doc,
			Report: review.Review(doc, review.DefaultConfig()),
			Base:   docPath(doc.Key()),
			key:    dk,
		}, nil
	})
	if err != nil {
		s.failed(w, r, err, fmt.Sprintf("没有单位“%s”%d年度的绩效目标。", dk.key.Unit, dk.key.Year))
		return nil, false
	}
	return dv, true
}

// docPath is the URL path of a document's page.
func docPath(k jixiao.Key) string {
	return fmt.Sprintf("/units/%s/%d", pathEscape(k.Unit), k.Year)
}

// projectPath is the URL path of a project's goal table.
func projectPath(k jixiao.Key, code string) string {
	return docPath(k) + "/projects/" + pathEscape(code)
}

// counts tallies findings by severity.
type counts struct{ Errors, Warnings, Infos int }

func (c *counts) add(sev review.Severity) {
	switch sev {
	case review.Error:
		c.Errors++
	case review.Warning:
		c.Warnings++
	default:
		c.Infos++
	}
}

// pathEscape escapes one path segment.
func pathEscape(s string) string { return url.PathEscape(s) }
