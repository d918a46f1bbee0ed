package store

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"runtime/debug"
	"slices"
	"strings"
	"sync"

	"jixiao"
	"jixiao/review"
)

// LeadingFindings is how many of a document's errors and warnings, in
// document order, its stored review keeps for the document as a whole:
// enough for a return comment that lists twenty and says there are more.
const LeadingFindings = 21

// StoredReview is what the stored review says of one project, or of the
// document as a whole: the project's grade (from review.Report.Projects),
// its indicator count, and the findings about it (by review.About) with
// their counts by severity. For the document as a whole Grade and Code
// are empty, the counts are over every finding and Findings holds the
// first LeadingFindings errors and warnings in document order.
type StoredReview struct {
	Code                    string
	Grade                   string
	Indicators              int
	Errors, Warnings, Infos int
	Findings                []review.Finding
}

// reviewRows reviews document d with the default settings and returns
// the rows kept of it: the document as a whole first (seq 0), then each
// project in order (seq = position). The review depends only on the goal
// tables and part one, never on records, so the rows stay current until
// the goals are saved again.
func reviewRows(d *jixiao.Document) []StoredReview {
	rep := review.Review(d, review.DefaultConfig())
	rows := make([]StoredReview, 1+len(d.Projects))
	all := &rows[0]
	all.Indicators = d.IndicatorCount()
	for _, f := range rep.Findings {
		tally(all, f.Severity)
		if f.Severity != review.Info && len(all.Findings) < LeadingFindings {
			all.Findings = append(all.Findings, f)
		}
	}
	// Each finding goes to the projects review.About says it is about,
	// found through maps rather than by comparing every pair, since a
	// province's import reviews every document it saves.
	byCode := make(map[string]int, len(d.Projects))
	byName := make(map[string][]int, len(d.Projects))
	for i := range d.Projects {
		p := &d.Projects[i]
		r := &rows[i+1]
		r.Code, r.Indicators = p.Code, len(p.Indicators)
		if i < len(rep.Projects) {
			r.Grade = rep.Projects[i].Grade
		}
		byCode[p.Code] = i
		n := jixiao.NormName(p.Name)
		byName[n] = append(byName[n], i)
	}
	for _, f := range rep.Findings {
		if f.Project == "" {
			continue
		}
		about := byName[jixiao.NormName(f.Project)]
		if i, ok := byCode[f.Project]; ok && !slices.Contains(about, i) {
			about = append(slices.Clip(about), i)
			slices.Sort(about)
		}
		for _, i := range about {
			r := &rows[i+1]
			tally(r, f.Severity)
			r.Findings = append(r.Findings, f)
		}
	}
	return rows
}

func tally(r *StoredReview, sev review.Severity) {
	switch sev {
	case review.Error:
		r.Errors++
	case review.Warning:
		r.Warnings++
	default:
		r.Infos++
	}
}

const reviewColumns = "document_id, seq, code, grade, indicators, errors, warnings, infos, findings, rules"

// reviewRules identifies the review that made stored results: the rules'
// ids, severities and texts, the default settings, and the build of the
// program (its VCS revision, when the build records one), so that a
// release whose review differs never shows results of the one before.
// Results with another fingerprint count as missing and are made again
// when a page first needs them.
var reviewRules = sync.OnceValue(func() string {
	h := sha256.New()
	for _, r := range review.Rules() {
		fmt.Fprintf(h, "%s\x00%s\x00%s\x00%s\x00%s\x00", r.ID, r.Severity, r.Title, r.Basis, r.Detail)
	}
	fmt.Fprintf(h, "%#v\x00", review.DefaultConfig())
	if bi, ok := debug.ReadBuildInfo(); ok {
		for _, s := range bi.Settings {
			if s.Key == "vcs.revision" || s.Key == "vcs.modified" {
				fmt.Fprintf(h, "%s=%s\x00", s.Key, s.Value)
			}
		}
	}
	return hex.EncodeToString(h.Sum(nil))[:16]
})

// reviewed is the stored review of a document as rows ready to insert:
// each row with its findings as JSON.
type reviewed struct {
	rows     []StoredReview
	findings []string
}

// reviewDocument reviews d and writes each row's findings as json.Marshal
// does ("[]" for none): what writeReview stores.
func reviewDocument(d *jixiao.Document) reviewed {
	rows := reviewRows(d)
	out := reviewed{rows: rows, findings: make([]string, len(rows))}
	var js []byte
	for i := range rows {
		js = appendFindings(js[:0], rows[i].Findings)
		out.findings[i] = string(js)
	}
	return out
}

// reviewAhead reviews documents on a goroutine of its own, at most two
// documents ahead of the writer that takes them in order, so that a save
// of many documents reviews the next ones while the database stores the
// one before: on a machine with a core to spare the review then costs
// the import little of its time.
type reviewAhead struct {
	out  []chan reviewed
	room chan struct{}
	done chan struct{}
	wg   sync.WaitGroup
}

func newReviewAhead(docs []*jixiao.Document) *reviewAhead {
	a := &reviewAhead{out: make([]chan reviewed, len(docs)), room: make(chan struct{}, 2), done: make(chan struct{})}
	for i := range a.out {
		a.out[i] = make(chan reviewed, 1)
	}
	a.wg.Add(1)
	go func() {
		defer a.wg.Done()
		for i, d := range docs {
			select {
			case a.room <- struct{}{}:
			case <-a.done:
				return
			}
			a.out[i] <- reviewDocument(d)
		}
	}()
	return a
}

// take returns the review of document i; every document is taken once,
// in order (or the reviewer waits).
func (a *reviewAhead) take(i int) reviewed {
	r := <-a.out[i]
	<-a.room
	return r
}

// stop ends the reviewer and waits for it: the documents may be written
// to only afterwards.
func (a *reviewAhead) stop() {
	select {
	case <-a.done:
	default:
		close(a.done)
	}
	a.wg.Wait()
}

// writeReview replaces the stored review of document row doc with r,
// through batch b (whose columns are reviewColumns); fresh says the
// document has just been inserted and has no rows to remove; flush says
// the rows go in now rather than with the writer's other queued rows.
func writeReview(ctx context.Context, tx *sql.Tx, b *batch, doc int64, r reviewed, fresh, flush bool) error {
	if !fresh {
		if _, err := tx.ExecContext(ctx, `DELETE FROM review_results WHERE document_id = $1`, doc); err != nil {
			return fmt.Errorf("更新审核结果失败：%w", err)
		}
	}
	for i := range r.rows {
		x := &r.rows[i]
		if err := b.add(doc, i, x.Code, x.Grade, x.Indicators, x.Errors, x.Warnings, x.Infos, r.findings[i], reviewRules()); err != nil {
			return fmt.Errorf("保存审核结果失败：%w", err)
		}
	}
	if !flush {
		return nil
	}
	if err := b.flush(); err != nil {
		return fmt.Errorf("保存审核结果失败：%w", err)
	}
	return nil
}

// errNotReviewed says a document has no stored review yet, or only one
// made by another review (it was stored before reviews were kept, or by a
// release whose rules differ).
var errNotReviewed = errors.New("没有保存的审核结果")

// ensureReviewed reviews document k and stores the result: documents
// stored before reviews were kept, or reviewed by another release, get
// theirs the first time a page needs it, without a rebuild step. The goals are read in the
// writing transaction, so what is stored is their review.
func (s *Store) ensureReviewed(ctx context.Context, k jixiao.Key) error {
	tx, err := s.write.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("审核单位 %s %d 年度的绩效目标失败：%w", k.Unit, k.Year, err)
	}
	defer tx.Rollback()
	if err := s.lockUnit(ctx, tx, k); err != nil {
		return err
	}
	d, st, err := load(ctx, tx, k, false)
	if err != nil {
		return err
	}
	if d == nil {
		return fmt.Errorf("单位 %s %d 年度的绩效目标：%w", k.Unit, k.Year, jixiao.ErrNotFound)
	}
	b := newBatch(ctx, tx, s.d.batchRows, "review_results", splitColumns(reviewColumns)...)
	defer b.close()
	if err := writeReview(ctx, tx, b, st.id, reviewDocument(d), false, true); err != nil {
		return err
	}
	return tx.Commit()
}

// readReview reads the stored review rows of document row doc (seq 0 is
// the document, 1…n its projects), those that where (an SQL condition on
// seq with parameters from $2) selects. findings is the SQL expression
// read for the findings column: "findings", or a CASE that skips the
// findings of rows a page does not show.
func readReview(ctx context.Context, q querier, doc int64, findings, where string, args ...any) (map[int]*StoredReview, error) {
	rows, err := q.QueryContext(ctx, `SELECT seq, code, grade, indicators, errors, warnings, infos, `+findings+`, rules
FROM review_results WHERE document_id = $1`+where, append([]any{doc}, args...)...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[int]*StoredReview{}
	var js []byte
	var rules string
	for rows.Next() {
		var seq int
		r := &StoredReview{}
		if err := rows.Scan(&seq, &r.Code, &r.Grade, &r.Indicators, &r.Errors, &r.Warnings, &r.Infos, &js, &rules); err != nil {
			return nil, err
		}
		if rules != reviewRules() {
			continue // made by another review: as good as missing
		}
		if len(js) > 2 { // not "[]" or ""
			if err := json.Unmarshal(js, &r.Findings); err != nil {
				return nil, fmt.Errorf("审核结果格式不对：%w", err)
			}
		}
		out[seq] = r
	}
	return out, rows.Err()
}

// splitColumns cuts "a, b, c" into its names.
func splitColumns(s string) []string {
	out := strings.Split(s, ",")
	for i := range out {
		out[i] = strings.TrimSpace(out[i])
	}
	return out
}
