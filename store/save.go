package store

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"sort"
	"time"

	"jixiao"
)

// SaveDocuments stores the documents in one transaction: all or nothing.
// A document for a unit and year already stored replaces it; the returned
// Changes (one per document, in order) say which projects were added,
// removed or changed. Projects are matched by code. A surviving project
// keeps its records unless the new project carries records of that kind
// (spending, progress, evaluation), which then replace them; a removed
// project's records go with it. The document's version increases whenever
// anything of it changes, a project's when its goal table changes. On
// success the documents given are updated in place with their versions and
// the ids and stamps of the records stored; on failure nothing is changed,
// neither in the database nor in docs.
func (s *Store) SaveDocuments(ctx context.Context, docs []*jixiao.Document, by string) ([]jixiao.Change, error) {
	if err := validate(docs); err != nil {
		return nil, err
	}
	changes := make([]jixiao.Change, 0, len(docs))
	given := false
	err := s.save(ctx, by, true, func() ([]*jixiao.Document, error) {
		if given {
			return nil, nil
		}
		given = true
		return docs, nil
	}, func(_ *jixiao.Document, c jixiao.Change) { changes = append(changes, c) })
	if err != nil {
		return nil, err
	}
	return changes, nil
}

// SaveStream stores the documents that next hands out, a batch at a time,
// in one transaction, as SaveDocuments would store them all: all or
// nothing, each document replacing the stored one of its unit and year,
// two documents of one unit and year refused wherever they come. next
// returns an empty batch at the end; an error from it (a file that does
// not read, say) undoes everything and is returned as it is. saved is
// called with each document and its Change once the document is written
// (before the commit, so what it keeps is only worth showing after
// SaveStream returns nil).
//
// It exists for imports too large to hold in memory at once — a
// province's files: only the current batch's documents are kept (unlike
// SaveDocuments, nothing is written back into them), the rows go in as
// they are queued, and the audit trail's queue is written whenever it
// holds auditQueueBytes, which on PostgreSQL holds the trail's head, and
// with it every other audited write, from then until the commit.
func (s *Store) SaveStream(ctx context.Context, by string, next func() ([]*jixiao.Document, error),
	saved func(*jixiao.Document, jixiao.Change)) error {
	seen := map[jixiao.Key]int{}
	n := 0 // documents handed out so far
	return s.save(ctx, by, false, func() ([]*jixiao.Document, error) {
		docs, err := next()
		if err != nil || len(docs) == 0 {
			return nil, err
		}
		if err := validateMore(docs, n, seen); err != nil {
			return nil, err
		}
		n += len(docs)
		return docs, nil
	}, saved)
}

// auditQueueBytes is how much audit text a streamed save queues before
// writing it: a few batches' worth (a document of 100 projects queues
// about 0.7 MB), so that small imports take the trail's head only at
// their end and a province's import stays within bounded memory.
var auditQueueBytes = 16 << 20

// save is SaveDocuments and SaveStream: one transaction storing every
// batch next hands out until an empty one, calling saved for each
// document written. writeBack says the caller's documents get their
// versions, record ids and stamps after the commit (SaveDocuments), and
// the audit trail is then written at the end only.
func (s *Store) save(ctx context.Context, by string, writeBack bool, next func() ([]*jixiao.Document, error),
	saved func(*jixiao.Document, jixiao.Change)) error {
	// One connection for the transaction, so that COPY can run on it too.
	conn, err := s.write.Conn(ctx)
	if err != nil {
		return fmt.Errorf("开始保存失败：%w", err)
	}
	defer conn.Close()
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("开始保存失败：%w", err)
	}
	defer tx.Rollback()
	// The audit trail of the whole call is written at its end (or in
	// parts, see auditQueueBytes), in a few multi-row statements.
	actx, trail := withAuditQueue(ctx, tx, s.d.anonParams)
	w := &writer{d: s.d, ctx: actx, conn: conn, tx: tx, by: by, at: now(), stream: !writeBack}
	if err := w.prepare(); err != nil {
		return err
	}
	defer w.close()
	trail.copy = w.copier
	for {
		docs, err := next()
		if err != nil {
			return err
		}
		if len(docs) == 0 {
			break
		}
		if err := w.batch(docs, saved); err != nil {
			return err
		}
		if !writeBack && trail.size >= auditQueueBytes {
			if err := trail.flush(ctx); err != nil {
				return err
			}
		}
	}
	if err := w.flush(); err != nil {
		return fmt.Errorf("保存失败：%w", err)
	}
	if err := trail.flush(ctx); err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("提交保存失败：%w", err)
	}
	for _, f := range w.after {
		f()
	}
	return nil
}

// batch writes one batch of documents, reviewing each next one while the
// one before is written.
func (w *writer) batch(docs []*jixiao.Document, saved func(*jixiao.Document, jixiao.Change)) error {
	if err := w.reserve(docs); err != nil {
		return err
	}
	if err := w.units(docs); err != nil {
		return err
	}
	w.ahead = newReviewAhead(docs)
	defer w.ahead.stop() // it reads the documents that after writes to
	for i, d := range docs {
		w.next, w.taken = i, false
		c, err := w.document(d)
		if err != nil {
			return fmt.Errorf("保存单位 %s %d 年度的绩效目标失败：%w", d.Unit.Code, d.Year, err)
		}
		if !w.taken {
			w.ahead.take(i) // unchanged: its stored review stays
		}
		saved(d, c)
	}
	return nil
}

// writer is one SaveDocuments transaction with its prepared statements.
type writer struct {
	d     dialect
	ctx   context.Context
	conn  *sql.Conn
	tx    *sql.Tx
	by    string
	at    time.Time
	stmts []*sql.Stmt
	// after holds what to write back into the caller's documents once the
	// transaction has committed.
	after []func()

	upsertUnit, insDoc, updDoc        *sql.Stmt
	updProject, delPlan, delInd       *sql.Stmt
	delSpending, delProgress, delEval *sql.Stmt
	// Every row of a document goes through a batch: many rows to a
	// statement where the engine is a round trip away (PostgreSQL), ids
	// handed back where rows need them (projects, records).
	sections, items, projectGoals, measures *batch
	projects, plans, indicators             *batch
	spending, progress, evals, actuals      *batch
	reviews                                 *batch // review_results (reviewed.go)
	history                                 *batch
	batches                                 []*batch
	// ahead, when set, reviews the documents of a SaveDocuments call in
	// order (next is the one being written, taken says its review was
	// taken); without it each document is reviewed when written.
	ahead *reviewAhead
	next  int
	taken bool
	// stream is set for SaveStream, which keeps none of its documents:
	// without it the caller's documents get their versions, record ids
	// and stamps once the transaction commits (after).
	stream bool
	// copier loads rows with COPY (PostgreSQL, SaveDocuments), or is nil.
	copier *copier
	// lazy says the batches number their rows as they are queued (COPY,
	// ids reserved from the sequences first), so a new document's rows
	// may wait in them and go in with the next documents' rows: one COPY
	// per table for many documents instead of one per document.
	lazy bool
}

func (w *writer) prepare() error {
	for _, p := range []struct {
		st  **sql.Stmt
		sql string
	}{
		{&w.upsertUnit, `INSERT INTO units (code, name) VALUES ($1, $2)
ON CONFLICT (code) DO UPDATE SET name = excluded.name`},
		{&w.insDoc, `INSERT INTO documents (unit_code, year, preset, version, created_at, updated_at, updated_by,
project_count, budget_total, indicator_count)
VALUES ($1, $2, $3, 1, $4, $4, $5, $6, $7, $8) RETURNING id`},
		{&w.updDoc, `UPDATE documents SET preset = $1, version = $2, updated_at = $3, updated_by = $4 WHERE id = $5`},
		{&w.updProject, `UPDATE projects SET seq = $1, name = $2, budget = $3, fiscal = $4, other = $5,
purpose = $6, goal = $7, version = $8 WHERE id = $9`},
		{&w.delPlan, `DELETE FROM plan_points WHERE project_id = $1`},
		{&w.delInd, `DELETE FROM indicators WHERE project_id = $1`},
		{&w.delSpending, `DELETE FROM spending WHERE project_id = $1`},
		{&w.delProgress, `DELETE FROM progress WHERE project_id = $1`},
		{&w.delEval, `DELETE FROM evaluations WHERE project_id = $1`},
	} {
		st, err := w.tx.PrepareContext(w.ctx, p.sql)
		if err != nil {
			return fmt.Errorf("准备保存语句失败：%w", err)
		}
		*p.st = st
		w.stmts = append(w.stmts, st)
	}
	// COPY needs the transaction's connection; a writer made without it
	// inserts with multi-row statements.
	var cp *copier
	var reserved func(string, int) ([]int64, error)
	switch {
	case w.d.copy && w.conn != nil:
		cp = &copier{ctx: w.ctx, conn: w.conn, tx: w.tx}
		w.copier, w.lazy = cp, true
	case w.d.reserveIDs && w.conn != nil:
		// SaveDocuments on SQLite: numbered rows take ids reserved ahead
		// and go many to a statement like the others.
		reserved = sqliteIDs(w.ctx, w.tx)
		w.lazy = true
	}
	b := func(table string, cols ...string) *batch {
		x := newBatch(w.ctx, w.tx, w.d.batchRows, table, cols...)
		x.anon = w.d.anonParams
		if cp != nil {
			x = newCopyBatch(w.ctx, cp, false, table, cols...)
		}
		w.batches = append(w.batches, x)
		return x
	}
	numbered := func(table string, cols ...string) *batch {
		x := newIDBatch(w.ctx, w.tx, w.d, table, cols...)
		switch {
		case cp != nil:
			x = newCopyBatch(w.ctx, cp, true, table, cols...)
		case reserved != nil:
			x = newReservedBatch(w.ctx, w.tx, w.d.batchRows, reserved, table, cols...)
		}
		x.anon = w.d.anonParams
		w.batches = append(w.batches, x)
		return x
	}
	w.sections = b("goal_sections", "document_id", "seq", "heading")
	w.items = b("goal_items", "document_id", "section_seq", "seq", "text")
	w.items.dep = w.sections
	w.projectGoals = b("project_goals", "document_id", "seq", "project", "text")
	w.measures = b("measures", "document_id", "seq", "heading", "text")
	w.projects = numbered("projects", "document_id", "seq", "code", "name", "budget", "fiscal", "other",
		"purpose", "goal", "version")
	w.plans = b("plan_points", "project_id", "seq", "by_date", "percent")
	w.indicators = b("indicators", "project_id", "seq", "level1", "level2", "level3",
		"description", "value", "basis", "target_kind", "target_op", "target_number", "target_unit",
		"target_date", "target_direction", "target_flag", "weight")
	w.spending = numbered("spending", "project_id", "seq", "paid_on", "amount", "note", "replaces",
		"entered_by", "entered_at")
	w.progress = numbered("progress", "project_id", "seq", "indicator", "as_of", "value", "cause",
		"likelihood", "measures", "replaces", "entered_by", "entered_at")
	w.evals = b("evaluations", "project_id", "adjusted_budget", "executed", "has_executed", "reason",
		"entered_by", "entered_at")
	w.actuals = b("actuals", "project_id", "seq", "indicator", "value", "grade", "score", "has_score",
		"reason", "source")
	w.history = b("evaluation_history", "project_id", "version", "changed_by", "changed_at", "before_json", "after_json")
	// A batch that fills up loads its rows at once: the rows they hang
	// from go first.
	for _, x := range []*batch{w.plans, w.indicators, w.spending, w.progress, w.evals} {
		x.dep = w.projects
	}
	w.actuals.dep = w.evals
	w.reviews = b("review_results", splitColumns(reviewColumns)...)
	w.history.dep = w.evals
	return nil
}

// reserve takes, for a writer that numbers rows as they are queued, as
// many ids from each numbered table's sequence as the documents can need
// (one query per table for the whole call). Ids left over are never used;
// numbers are never reused anyway.
func (w *writer) reserve(docs []*jixiao.Document) error {
	if !w.lazy {
		return nil
	}
	var projects, spending, progress int
	for _, d := range docs {
		projects += len(d.Projects)
		for i := range d.Projects {
			spending += len(d.Projects[i].Spending)
			progress += len(d.Projects[i].Progress)
		}
	}
	for _, r := range []struct {
		b *batch
		n int
	}{{w.projects, projects}, {w.spending, spending}, {w.progress, progress}} {
		if err := r.b.reserve(r.n); err != nil {
			return fmt.Errorf("保存失败：%w", err)
		}
	}
	return nil
}

func (w *writer) close() {
	for _, st := range w.stmts {
		st.Close()
	}
	for _, b := range w.batches {
		b.close()
	}
}

// flush inserts every queued row, parents first.
func (w *writer) flush() error {
	for _, b := range w.batches {
		if err := b.flush(); err != nil {
			return err
		}
	}
	return nil
}

func (w *writer) exec(st *sql.Stmt, args ...any) error {
	_, err := st.ExecContext(w.ctx, args...)
	return err
}

func (w *writer) insert(st *sql.Stmt, args ...any) (int64, error) {
	var id int64
	err := st.QueryRowContext(w.ctx, args...).Scan(&id)
	return id, err
}

// units stores the units first, in code order. On PostgreSQL this takes
// each unit's row lock, so that two imports of the same unit's documents
// queue up instead of both inserting, and in one order, so they cannot
// deadlock.
func (w *writer) units(docs []*jixiao.Document) error {
	names := map[string]string{}
	for _, d := range docs {
		names[d.Unit.Code] = d.Unit.Name
	}
	codes := make([]string, 0, len(names))
	for c := range names {
		codes = append(codes, c)
	}
	sort.Strings(codes)
	for _, c := range codes {
		if err := w.exec(w.upsertUnit, c, names[c]); err != nil {
			return fmt.Errorf("保存单位 %s 失败：%w", c, err)
		}
	}
	return nil
}

// document stores one document, replacing the stored one of its key.
func (w *writer) document(d *jixiao.Document) (jixiao.Change, error) {
	// Records the document carries replace stored ones: read those too, so
	// the audit trail can show what was replaced.
	old, st, err := load(w.ctx, w.tx, d.Key(), carriesRecords(d))
	if err != nil {
		return jixiao.Change{}, err
	}
	c := jixiao.Diff(old, d)
	final := make([]int64, len(d.Projects)) // project versions
	if old != nil && same(old, d, c) {
		for i := range d.Projects {
			final[i] = old.Projects[i].Version
		}
		w.writeBackDoc(d, old.Version, final)
		return c, nil
	}
	if err := w.guardGoals(old, d, c); err != nil {
		return c, err
	}
	var doc int64
	version := int64(1)
	if old == nil {
		// A new document's counters are known before its rows are stored.
		var budget jixiao.Fen
		indicators := 0
		for i := range d.Projects {
			budget += d.Projects[i].Budget
			indicators += len(d.Projects[i].Indicators)
		}
		doc, err = w.insert(w.insDoc, d.Unit.Code, d.Year, string(d.Preset), formatInstant(w.at), w.by,
			len(d.Projects), int64(budget), indicators)
	} else {
		doc, version = st.id, old.Version+1
		err = w.replaceOverall(doc, version, d)
	}
	if err != nil {
		return c, err
	}
	if err := w.overall(doc, &d.Overall); err != nil {
		return c, err
	}
	changed := map[string]bool{}
	for _, code := range c.Changed {
		changed[code] = true
	}
	// First every project's row, so that the new ones have their ids …
	ids := make([]int64, len(d.Projects))
	survives := make([]bool, len(d.Projects))
	for i := range d.Projects {
		p := &d.Projects[i]
		id, v, ok := st.project(p.Code)
		ids[i], survives[i] = id, ok
		switch {
		case !ok:
			v = 1
			err = w.projects.addID(&ids[i], doc, int64(i+1), doc, i+1, p.Code, p.Name, int64(p.Budget),
				int64(p.Fiscal), int64(p.Other), p.Purpose, p.Goal, v)
		case changed[p.Code]:
			v++
			err = w.updateProject(id, i+1, v, p)
			if err == nil {
				err = w.exec(w.delPlan, id)
			}
			if err == nil {
				err = w.exec(w.delInd, id)
			}
		default:
			err = w.updateProject(id, i+1, v, p)
		}
		if err != nil {
			return c, fmt.Errorf("项目“%s”（%s）：%w", p.Name, p.Code, err)
		}
		final[i] = v
	}
	if !w.lazy {
		if err := w.projects.flush(); err != nil {
			return c, fmt.Errorf("项目：%w", err)
		}
	}
	// … then what hangs from them.
	for i := range d.Projects {
		p := &d.Projects[i]
		if !survives[i] || changed[p.Code] {
			err = w.goals(ids[i], p)
		}
		if err == nil {
			var before *jixiao.Project
			if survives[i] {
				before, _ = old.Project(p.Code)
			}
			err = w.records(d.Key(), ids[i], before, p)
		}
		if err != nil {
			return c, fmt.Errorf("项目“%s”（%s）：%w", p.Name, p.Code, err)
		}
	}
	// A new document's records were checked against its own goal tables
	// (validate) and its counters set when its row was inserted; its rows
	// may wait in the batches. A replaced one is checked and counted
	// against what is stored.
	if old != nil {
		if err := w.flush(); err != nil {
			return c, err
		}
		// Projects not in the new document still have the negative seq
		// replaceOverall gave them; their records go with them.
		if _, err := w.tx.ExecContext(w.ctx, `DELETE FROM projects WHERE document_id = $1 AND seq < 0`, doc); err != nil {
			return c, err
		}
		if err := w.checkReferences(doc); err != nil {
			return c, err
		}
		if err := recount(w.ctx, w.tx, doc); err != nil {
			return c, err
		}
	} else if !w.lazy {
		if err := w.flush(); err != nil {
			return c, err
		}
	}
	// The goals changed: their review is kept with them, in the same
	// transaction, so pages read it instead of reviewing on every view.
	if err := writeReview(w.ctx, w.tx, w.reviews, doc, w.review(d), old == nil, !w.lazy); err != nil {
		return c, err
	}
	if err := bumpRevision(w.ctx, w.tx, d.Key()); err != nil {
		return c, err
	}
	w.writeBackDoc(d, version, final)
	return c, nil
}

// review returns the review of document d, the one being written.
func (w *writer) review(d *jixiao.Document) reviewed {
	if w.ahead == nil {
		return reviewDocument(d)
	}
	w.taken = true
	return w.ahead.take(w.next)
}

// project returns the row id and version of the stored project with the code.
func (st *stored) project(code string) (id, version int64, ok bool) {
	if st == nil {
		return 0, 0, false
	}
	r, ok := st.projects[code]
	return r.id, r.version, ok
}

// same reports whether saving d over old would change nothing at all.
func same(old, d *jixiao.Document, c jixiao.Change) bool {
	if !c.Unchanged() || old.Unit.Name != d.Unit.Name || old.Preset != d.Preset ||
		!sameOverall(&old.Overall, &d.Overall) {
		return false
	}
	for i := range d.Projects {
		p := &d.Projects[i]
		if old.Projects[i].Code != p.Code || len(p.Spending) > 0 || len(p.Progress) > 0 || p.Evaluation != nil {
			return false
		}
	}
	return true
}

func sameOverall(a, b *jixiao.Overall) bool {
	return slices.EqualFunc(a.Goals, b.Goals, func(x, y jixiao.GoalSection) bool {
		return x.Heading == y.Heading && slices.Equal(x.Items, y.Items)
	}) && slices.Equal(a.ProjectGoals, b.ProjectGoals) && slices.Equal(a.Measures, b.Measures)
}

// later runs f after the commit, unless the writer keeps no documents
// (SaveStream).
func (w *writer) later(f func()) {
	if !w.stream {
		w.after = append(w.after, f)
	}
}

// writeBackDoc gives the caller's document its stored versions once the
// transaction has committed.
func (w *writer) writeBackDoc(d *jixiao.Document, version int64, projects []int64) {
	w.later(func() {
		d.Version = version
		for i := range d.Projects {
			d.Projects[i].Version = projects[i]
		}
	})
}

// replaceOverall updates the document row and clears what is rewritten in
// full: part one, and the projects' places (seq), which are made negative
// so that the projects of the new document can take 1…n.
func (w *writer) replaceOverall(doc, version int64, d *jixiao.Document) error {
	if err := w.exec(w.updDoc, string(d.Preset), version, formatInstant(w.at), w.by, doc); err != nil {
		return err
	}
	for _, q := range []string{
		`DELETE FROM goal_sections WHERE document_id = $1`,
		`DELETE FROM project_goals WHERE document_id = $1`,
		`DELETE FROM measures WHERE document_id = $1`,
		`UPDATE projects SET seq = -seq WHERE document_id = $1`,
	} {
		if _, err := w.tx.ExecContext(w.ctx, q, doc); err != nil {
			return err
		}
	}
	return nil
}

// overall queues part one of the document.
func (w *writer) overall(doc int64, o *jixiao.Overall) error {
	for i, g := range o.Goals {
		if err := w.sections.add(doc, i+1, g.Heading); err != nil {
			return err
		}
		for j, item := range g.Items {
			if err := w.items.add(doc, i+1, j+1, item); err != nil {
				return err
			}
		}
	}
	for i, g := range o.ProjectGoals {
		if err := w.projectGoals.add(doc, i+1, g.Project, g.Text); err != nil {
			return err
		}
	}
	for i, m := range o.Measures {
		if err := w.measures.add(doc, i+1, m.Heading, m.Text); err != nil {
			return err
		}
	}
	return nil
}

func (w *writer) updateProject(id int64, seq int, version int64, p *jixiao.Project) error {
	return w.exec(w.updProject, seq, p.Name, int64(p.Budget), int64(p.Fiscal), int64(p.Other),
		p.Purpose, p.Goal, version, id)
}

// goals queues a project's spending plan and indicators for insertion;
// document flushes them.
func (w *writer) goals(id int64, p *jixiao.Project) error {
	for i, c := range p.Plan {
		if err := w.plans.add(id, i+1, dateValue(c.By), int64(c.Percent)); err != nil {
			return err
		}
	}
	for i, in := range p.Indicators {
		t := in.Target
		if err := w.indicators.add(id, i+1, in.Level1, in.Level2, in.Level3, in.Description, in.Value, in.Basis,
			string(t.Kind), t.Op, int64(t.Number), t.Unit, dateValue(t.Date), string(t.Direction), t.Flag,
			int64(in.Weight)); err != nil {
			return err
		}
	}
	return nil
}

// stamp fills in who entered a record and when, if the record does not say.
func (w *writer) stamp(s jixiao.Stamp) jixiao.Stamp {
	if s.By == "" {
		s.By = w.by
	}
	if s.At.IsZero() {
		s.At = w.at
	}
	return s
}

// records replaces the kinds of records the project carries; survives says
// whether the project had been stored before and may hold records already.
func (w *writer) records(k jixiao.Key, id int64, old *jixiao.Project, p *jixiao.Project) error {
	survives := old != nil
	if len(p.Spending) > 0 {
		if survives {
			if err := w.exec(w.delSpending, id); err != nil {
				return err
			}
		}
		ids := make([]int64, len(p.Spending))
		stamps := make([]jixiao.Stamp, len(p.Spending))
		for i, r := range p.Spending {
			stamps[i] = w.stamp(r.Entered)
			if err := w.spending.addID(&ids[i], id, int64(i+1), id, i+1, dateValue(r.Date), int64(r.Amount), r.Note,
				r.Replaces, stamps[i].By, formatInstant(stamps[i].At)); err != nil {
				return fmt.Errorf("第 %d 条支出记录：%w", i+1, err)
			}
		}
		if err := appendAudit(w.ctx, w.tx, recordsImportAudit(k, p.Code, AuditSpendingImport, old, p, w.by)); err != nil {
			return err
		}
		w.later(func() {
			for i := range p.Spending {
				p.Spending[i].ID, p.Spending[i].Entered = ids[i], stamps[i]
			}
		})
	}
	if len(p.Progress) > 0 {
		if survives {
			if err := w.exec(w.delProgress, id); err != nil {
				return err
			}
		}
		ids := make([]int64, len(p.Progress))
		stamps := make([]jixiao.Stamp, len(p.Progress))
		for i, r := range p.Progress {
			stamps[i] = w.stamp(r.Entered)
			if err := w.progress.addID(&ids[i], id, int64(i+1), id, i+1, r.Indicator, dateValue(r.AsOf), r.Value,
				r.Cause, r.Likelihood, r.Measures, r.Replaces, stamps[i].By, formatInstant(stamps[i].At)); err != nil {
				return fmt.Errorf("第 %d 条监控记录：%w", i+1, err)
			}
		}
		if err := appendAudit(w.ctx, w.tx, recordsImportAudit(k, p.Code, AuditProgressImport, old, p, w.by)); err != nil {
			return err
		}
		w.later(func() {
			for i := range p.Progress {
				p.Progress[i].ID, p.Progress[i].Entered = ids[i], stamps[i]
			}
		})
	}
	if e := p.Evaluation; e != nil {
		if survives {
			if err := w.exec(w.delEval, id); err != nil {
				return err
			}
		}
		stamp := w.stamp(e.Entered)
		if err := w.evals.add(id, int64(e.AdjustedBudget), int64(e.Executed), e.HasExecuted, e.Reason,
			stamp.By, formatInstant(stamp.At)); err != nil {
			return fmt.Errorf("自评：%w", err)
		}
		for i, a := range e.Actuals {
			if err := w.actuals.add(id, i+1, a.Indicator, a.Value, a.Grade, int64(a.Score), a.HasScore,
				a.Reason, a.Source); err != nil {
				return fmt.Errorf("自评第 %d 个实际完成值：%w", i+1, err)
			}
		}
		version := int64(1)
		var before *jixiao.Evaluation
		if survives {
			v, err := evaluationVersion(w.ctx, w.tx, id)
			if err != nil {
				return err
			}
			version, before = v+1, old.Evaluation
		}
		after := *e
		after.Entered = stamp
		// What evaluationHistory writes, queued with the other rows.
		if err := w.history.add(id, version, w.by, formatInstant(after.Entered.At), evaluationJSON(before),
			evaluationJSON(&after)); err != nil {
			return fmt.Errorf("记录自评历史失败：%w", err)
		}
		if err := appendAudit(w.ctx, w.tx, evaluationAudit(k, p.Code, version, before, &after, w.by)); err != nil {
			return err
		}
		w.later(func() { e.Entered = stamp })
	}
	return nil
}

// checkReferences refuses the save when a kept record (progress, actual)
// names an indicator position the new goal table no longer has: the
// record would silently lose its indicator.
func (w *writer) checkReferences(doc int64) error {
	var code string
	var n int
	err := w.tx.QueryRowContext(w.ctx, `
SELECT p.code, r.indicator FROM progress r JOIN projects p ON p.id = r.project_id
WHERE p.document_id = $1
  AND NOT EXISTS (SELECT 1 FROM indicators i WHERE i.project_id = r.project_id AND i.seq = r.indicator)
UNION ALL
SELECT p.code, a.indicator FROM actuals a JOIN projects p ON p.id = a.project_id
WHERE p.document_id = $1
  AND NOT EXISTS (SELECT 1 FROM indicators i WHERE i.project_id = a.project_id AND i.seq = a.indicator)
LIMIT 1`, doc).Scan(&code, &n)
	if err == sql.ErrNoRows {
		return nil
	}
	if err != nil {
		return err
	}
	return fmt.Errorf("项目 %s 已有第 %d 个指标的监控或自评记录，新的绩效目标表没有这个指标；请先调整这些记录", code, n)
}

// carriesRecords reports whether any project of d carries records.
func carriesRecords(d *jixiao.Document) bool {
	for i := range d.Projects {
		p := &d.Projects[i]
		if len(p.Spending) > 0 || len(p.Progress) > 0 || p.Evaluation != nil {
			return true
		}
	}
	return false
}

// CreateDocument stores d as a new document. When its unit and year has a
// document already — stored before, or by a save that commits first —
// nothing is stored and the error wraps jixiao.ErrConflict: a draft made
// for a year (rollover) never replaces what someone filed meanwhile.
func (s *Store) CreateDocument(ctx context.Context, d *jixiao.Document, by string) error {
	handed, existed := false, false
	return s.SaveStream(ctx, by, func() ([]*jixiao.Document, error) {
		switch {
		case existed: // the save found it stored: undo it
			return nil, fmt.Errorf("单位 %s %d 年度的绩效目标已存在：%w", d.Unit.Code, d.Year, jixiao.ErrConflict)
		case handed:
			return nil, nil
		}
		handed = true
		return []*jixiao.Document{d}, nil
	}, func(_ *jixiao.Document, c jixiao.Change) { existed = !c.New })
}
