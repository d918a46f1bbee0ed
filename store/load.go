package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"jixiao"
)

// querier is what loading needs: the read pool, or the transaction that is
// about to replace the document.
type querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// Document returns the stored document for the unit and year with all its
// projects, indicators and records in source order, or jixiao.ErrNotFound.
func (s *Store) Document(ctx context.Context, k jixiao.Key) (*jixiao.Document, error) {
	// One read transaction, so the document is read as of one moment even
	// while a writer replaces it.
	opts := s.d.readTx
	tx, err := s.read.BeginTx(ctx, &opts)
	if err != nil {
		return nil, fmt.Errorf("读取文件 %s 失败：%w", k, err)
	}
	defer tx.Rollback()
	d, _, err := load(ctx, tx, k, true)
	if err != nil {
		return nil, err
	}
	if d == nil {
		return nil, fmt.Errorf("单位 %s %d 年度的绩效目标：%w", k.Unit, k.Year, jixiao.ErrNotFound)
	}
	return d, nil
}

// stored is what saving needs to know of a stored document besides its
// content: its row id, and its projects' row ids and versions by code.
type stored struct {
	id       int64
	projects map[string]storedProject
}

type storedProject struct{ id, version int64 }

// load reads the document k, or returns nil when there is none. Records are
// read only when asked: replacing a document does not need them.
func load(ctx context.Context, q querier, k jixiao.Key, records bool) (*jixiao.Document, *stored, error) {
	h, err := scanHead(q.QueryRowContext(ctx, `SELECT `+headColumns+`
FROM documents d JOIN units u ON u.code = d.unit_code
WHERE d.unit_code = $1 AND d.year = $2`, k.Unit, k.Year))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil, nil
	}
	if err != nil {
		return nil, nil, readErr(k, err)
	}
	c := newChunk(ctx, q, []head{h}, records)
	if err := c.read(); err != nil {
		return nil, nil, readErr(k, err)
	}
	return c.docs[0], c.stored[0], nil
}

func readErr(k jixiao.Key, err error) error {
	return fmt.Errorf("读取单位 %s %d 年度的绩效目标失败：%w", k.Unit, k.Year, err)
}

// head is a document's row: what the documents table says of it.
type head struct {
	id         int64
	doc        jixiao.Document
	projects   int64 // the counters on the row, to size chunks and arrays
	indicators int64
}

const headColumns = `d.id, u.code, u.name, d.year, d.preset, d.version, d.project_count, d.indicator_count`

func scanHead(r interface{ Scan(...any) error }) (head, error) {
	var h head
	var preset string
	d := &h.doc
	err := r.Scan(&h.id, &d.Unit.Code, &d.Unit.Name, &d.Year, &preset, &d.Version, &h.projects, &h.indicators)
	d.Preset = jixiao.Preset(preset)
	return h, err
}

// chunk reads a few documents together, table by table: one query per
// table for all of them, never one per document, project or indicator.
type chunk struct {
	ctx    context.Context
	q      querier
	parts  Parts // what to read (never zero)
	docs   []*jixiao.Document
	stored []*stored
	// indicators per document, from the counter on its row
	indicatorCounts []int64
	byID            map[int64]int // document row id → position in docs
	// project row id → the project and its document's position in docs,
	// filled once every project is read
	projects map[int64]projRef
	lastID   int64 // the last project ref looked up, and its answer
	last     projRef
	in       string // "$1, $2, …": the documents' row ids
	args     []any
	err      error
	// byArray says the chunk's rows are selected by arrays of row ids
	// (PostgreSQL, set by EachDocument): "document_id = ANY($1)" with the
	// documents' ids and "project_id = ANY($1)" with the projects' ids,
	// read first. The planner then walks each child table's index on
	// project_id for exactly the chunk's projects, whatever the table's
	// size, and every chunk runs the same statement text. (With the
	// subquery it may scan all projects once per chunk: at a province's
	// size that is most of a walk, and it grows with the square of it.)
	byArray    bool
	docIDs     []int64
	projectIDs []int64
	// pg, when set, is the PostgreSQL transaction the chunk is read in
	// through pgx's own interface instead of database/sql (EachDocument):
	// each cell is decoded straight into its variable, without a
	// driver.Value boxed and converted on the way.
	pg pgxQuerier
	// spentTo, when set, reads spending and progress for monitoring as of
	// that day only (Filter.SpentTo, MonitorInputs); spending counts from
	// spentFrom, the first day of the chunk's documents' year.
	spentFrom, spentTo jixiao.Date
	// what date and instant remember
	dates       map[string]jixiao.Date
	lastInstant string
	lastTime    time.Time
}

func newChunk(ctx context.Context, q querier, heads []head, records bool) *chunk {
	c := &chunk{ctx: ctx, q: q, parts: AllParts, byID: make(map[int64]int, len(heads)),
		dates: map[string]jixiao.Date{}}
	if !records {
		c.parts &^= recordParts
	}
	var in strings.Builder
	for i, h := range heads {
		d := h.doc
		if h.projects > 0 && h.projects <= pgChunkProjects {
			d.Projects = make([]jixiao.Project, 0, h.projects)
		}
		c.docs = append(c.docs, &d)
		c.indicatorCounts = append(c.indicatorCounts, h.indicators)
		c.stored = append(c.stored, &stored{id: h.id, projects: map[string]storedProject{}})
		c.byID[h.id] = i
		if i > 0 {
			in.WriteString(", ")
		}
		in.WriteString("$" + strconv.Itoa(i+1))
		c.args = append(c.args, h.id)
		c.docIDs = append(c.docIDs, h.id)
	}
	c.in = in.String()
	return c
}

// read fills the chunk's documents.
func (c *chunk) read() error {
	if c.parts.has(PartOne) {
		c.overall()
	}
	c.readProjects()
	if c.parts.has(Plans) {
		c.plans()
	}
	if c.parts&(Indicators|IndicatorLevels|IndicatorTexts) != 0 {
		c.indicators()
	}
	if c.parts.has(Spending) {
		c.spending()
	}
	if c.parts.has(Progress) {
		c.progress()
	}
	if c.parts.has(Evaluations) {
		c.evaluations()
		c.actuals()
	}
	return c.err
}

// pgxQuerier is a PostgreSQL transaction on pgx's own interface.
type pgxQuerier interface {
	Query(ctx context.Context, sql string, args ...any) (pgx.Rows, error)
}

// rowScanner is a row being read: *sql.Rows, or pgx.Rows.
type rowScanner interface {
	Scan(dest ...any) error
}

// each runs the query (whose {in} is replaced by the document ids) and
// calls scan for every row, remembering the first error. It reads
// through database/sql only.
func (c *chunk) each(query string, scan func(*sql.Rows) error) {
	if c.pg != nil {
		c.err = errors.New("chunk.each: database/sql rows asked of a pgx chunk")
		return
	}
	c.eachRow(query, func(r rowScanner) error { return scan(r.(*sql.Rows)) })
}

// eachRow is each for scanners that take either kind of rows.
func (c *chunk) eachRow(query string, scan func(rowScanner) error) {
	c.eachRowWith(query, nil, scan)
}

// eachRowWith is eachRow for a query with parameters of its own besides
// the chunk's: extra[i] is written {x0}, {x1}, … in the query and numbered
// after the chunk's own parameters.
func (c *chunk) eachRowWith(query string, extra []any, scan func(rowScanner) error) {
	if c.err != nil {
		return
	}
	args := c.args
	switch {
	case !c.byArray:
		if c.parts.has(Evaluated) {
			query = strings.Replace(query, projectsIn, projectsIn+evaluatedOnly, 1)
		}
		query = strings.ReplaceAll(query, "{in}", c.in)
	case strings.Contains(query, byProjects):
		query, args = strings.Replace(query, byProjects, "project_id = ANY($1)", 1), []any{c.projectIDs}
	default:
		query, args = strings.Replace(query, "document_id IN ({in})", "document_id = ANY($1)", 1), []any{c.docIDs}
	}
	if len(extra) > 0 {
		for i := range extra {
			query = strings.ReplaceAll(query, "{x"+strconv.Itoa(i)+"}", "$"+strconv.Itoa(len(args)+1+i))
		}
		args = append(slices.Clip(args), extra...)
	}
	if c.pg != nil {
		c.eachPG(query, args, scan)
		return
	}
	rows, err := c.q.QueryContext(c.ctx, query, args...)
	if err != nil {
		c.err = err
		return
	}
	defer rows.Close()
	c.err = scanRows(rows, scan)
}

func (c *chunk) eachPG(query string, args []any, scan func(rowScanner) error) {
	rows, err := c.pg.Query(c.ctx, query, args...)
	if err != nil {
		c.err = err
		return
	}
	defer rows.Close()
	c.err = scanRows(rows, scan)
}

// scanRows calls scan for each row of rows, *sql.Rows or pgx.Rows, and
// returns the first error, scan's or the rows'.
func scanRows[R interface {
	rowScanner
	Next() bool
	Err() error
}](rows R, scan func(rowScanner) error) error {
	for rows.Next() {
		if err := scan(rows); err != nil {
			return err
		}
	}
	return rows.Err()
}

// doc returns the document of the row id.
func (c *chunk) doc(id int64) (*jixiao.Document, error) {
	i, ok := c.byID[id]
	if !ok {
		return nil, fmt.Errorf("记录指向不在读取范围内的文件 %d", id)
	}
	return c.docs[i], nil
}

// projRef is a project of the chunk and its document's position.
type projRef struct {
	p   *jixiao.Project
	doc int
}

// project returns the project of the row id.
func (c *chunk) project(id int64) (*jixiao.Project, error) {
	r, err := c.ref(id)
	return r.p, err
}

// ref returns the project of the row id with its document's position.
// Rows come ordered by project, so the last answer is usually the one.
func (c *chunk) ref(id int64) (projRef, error) {
	if id == c.lastID && c.last.p != nil {
		return c.last, nil
	}
	r, ok := c.projects[id]
	if !ok {
		return projRef{}, fmt.Errorf("记录指向不存在的项目 %d", id)
	}
	c.lastID, c.last = id, r
	return r, nil
}

// rowsOf collects the rows of one per-project table for the chunk's
// documents: each document's rows go into one array, and each project
// gets its part of it, instead of every project growing a slice of its
// own row by row. Rows arrive ordered by project, so a project's rows are
// one run.
type rowsOf[T any] struct {
	docs  [][]T
	spans []span
}

type span struct {
	p               *jixiao.Project
	doc, start, end int
}

func newRowsOf[T any](c *chunk) *rowsOf[T] {
	return &rowsOf[T]{docs: make([][]T, len(c.docs))}
}

// sized gives each document's array room for n(document) rows at once, so
// that it is not copied while it grows; n is a hint (a counter), never a
// limit.
func (g *rowsOf[T]) sized(n func(doc int) int64) *rowsOf[T] {
	for i := range g.docs {
		if k := n(i); k > 0 && k <= 100*pgChunkProjects {
			g.docs[i] = make([]T, 0, k)
		}
	}
	return g
}

// add appends a row of r's project.
func (g *rowsOf[T]) add(r projRef, v T) {
	if n := len(g.spans); n == 0 || g.spans[n-1].p != r.p {
		if n > 0 {
			last := &g.spans[n-1]
			last.end = len(g.docs[last.doc])
		}
		g.spans = append(g.spans, span{p: r.p, doc: r.doc, start: len(g.docs[r.doc])})
	}
	g.docs[r.doc] = append(g.docs[r.doc], v)
}

// each hands every project its rows, capped so that appending to one
// project's rows never writes over the next project's.
func (g *rowsOf[T]) each(set func(p *jixiao.Project, rows []T)) {
	if n := len(g.spans); n > 0 {
		last := &g.spans[n-1]
		last.end = len(g.docs[last.doc])
	}
	for _, s := range g.spans {
		set(s.p, g.docs[s.doc][s.start:s.end:s.end])
	}
}

// date parses a stored date, remembering the dates of the chunk: a year
// has few distinct days, and parsing is most of reading a date.
func (c *chunk) date(s sql.NullString) (jixiao.Date, error) {
	if !s.Valid || s.String == "" {
		return jixiao.Date{}, nil
	}
	if d, ok := c.dates[s.String]; ok {
		return d, nil
	}
	d, err := jixiao.ParseDate(s.String)
	if err == nil {
		c.dates[s.String] = d
	}
	return d, err
}

// instant parses a stored instant, remembering the last one: the records
// of one import or one form share it.
func (c *chunk) instant(s string) (time.Time, error) {
	if s == c.lastInstant && s != "" {
		return c.lastTime, nil
	}
	t, err := parseInstant(s)
	if err == nil {
		c.lastInstant, c.lastTime = s, t
	}
	return t, err
}

// projectsIn selects the row ids of the chunk's projects; child tables are
// read with "project_id IN (projectsIn)".
const projectsIn = `SELECT id FROM projects WHERE document_id IN ({in})`

// evaluatedOnly restricts projects to those with a self-evaluation
// (Evaluated).
const evaluatedOnly = ` AND id IN (SELECT project_id FROM evaluations)`

// byProjects is how child tables select the chunk's projects.
const byProjects = `project_id IN (` + projectsIn + `)`

func (c *chunk) overall() {
	c.eachRow(`SELECT document_id, heading FROM goal_sections WHERE document_id IN ({in}) ORDER BY document_id, seq`, func(r rowScanner) error {
		var id int64
		var g jixiao.GoalSection
		if err := r.Scan(&id, &g.Heading); err != nil {
			return err
		}
		d, err := c.doc(id)
		if err != nil {
			return err
		}
		d.Overall.Goals = append(d.Overall.Goals, g)
		return nil
	})
	c.eachRow(`SELECT document_id, section_seq, text FROM goal_items WHERE document_id IN ({in}) ORDER BY document_id, section_seq, seq`, func(r rowScanner) error {
		var id, sec int64
		var text string
		if err := r.Scan(&id, &sec, &text); err != nil {
			return err
		}
		d, err := c.doc(id)
		if err != nil {
			return err
		}
		o := &d.Overall
		if sec < 1 || sec > int64(len(o.Goals)) {
			return fmt.Errorf("目标条目指向不存在的第 %d 个总体目标", sec)
		}
		o.Goals[sec-1].Items = append(o.Goals[sec-1].Items, text)
		return nil
	})
	c.eachRow(`SELECT document_id, project, text FROM project_goals WHERE document_id IN ({in}) ORDER BY document_id, seq`, func(r rowScanner) error {
		var id int64
		var g jixiao.ProjectGoal
		if err := r.Scan(&id, &g.Project, &g.Text); err != nil {
			return err
		}
		d, err := c.doc(id)
		if err != nil {
			return err
		}
		d.Overall.ProjectGoals = append(d.Overall.ProjectGoals, g)
		return nil
	})
	c.eachRow(`SELECT document_id, heading, text FROM measures WHERE document_id IN ({in}) ORDER BY document_id, seq`, func(r rowScanner) error {
		var id int64
		var m jixiao.Measure
		if err := r.Scan(&id, &m.Heading, &m.Text); err != nil {
			return err
		}
		d, err := c.doc(id)
		if err != nil {
			return err
		}
		d.Overall.Measures = append(d.Overall.Measures, m)
		return nil
	})
}

func (c *chunk) readProjects() {
	type place struct {
		id  int64
		doc int
		i   int
	}
	var places []place
	var id, doc, budget, fiscal, other int64
	var p jixiao.Project
	cols := `id, document_id, code, name, budget, fiscal, other, version`
	dest := []any{&id, &doc, &p.Code, &p.Name, &budget, &fiscal, &other, &p.Version}
	if c.parts.has(ProjectTexts) {
		cols += `, purpose, goal`
		dest = append(dest, &p.Purpose, &p.Goal)
	}
	where := `document_id IN ({in})`
	if c.parts.has(Evaluated) {
		where += evaluatedOnly
	}
	c.eachRow(`SELECT `+cols+` FROM projects WHERE `+where+` ORDER BY document_id, seq`, func(r rowScanner) error {
		p = jixiao.Project{}
		if err := r.Scan(dest...); err != nil {
			return err
		}
		p.Budget, p.Fiscal, p.Other = jixiao.Fen(budget), jixiao.Fen(fiscal), jixiao.Fen(other)
		i, ok := c.byID[doc]
		if !ok {
			return fmt.Errorf("项目指向不在读取范围内的文件 %d", doc)
		}
		d := c.docs[i]
		places = append(places, place{id, i, len(d.Projects)})
		c.stored[i].projects[p.Code] = storedProject{id, p.Version}
		d.Projects = append(d.Projects, p)
		return nil
	})
	c.projects = make(map[int64]projRef, len(places))
	c.projectIDs = make([]int64, 0, len(places))
	for _, p := range places {
		c.projects[p.id] = projRef{&c.docs[p.doc].Projects[p.i], p.doc}
		c.projectIDs = append(c.projectIDs, p.id)
	}
	slices.Sort(c.projectIDs)
}

// The readers below scan each row into variables made once per query
// and add a copy to the project's rows (rowsOf): a row costs no
// allocation of its own besides its strings.

func (c *chunk) plans() {
	rows := newRowsOf[jixiao.Checkpoint](c)
	var id, percent int64
	var by sql.NullString
	c.eachRow(`
SELECT project_id, by_date, percent FROM plan_points
WHERE project_id IN (`+projectsIn+`) ORDER BY project_id, seq`, func(r rowScanner) error {
		if err := r.Scan(&id, &by, &percent); err != nil {
			return err
		}
		cp := jixiao.Checkpoint{Percent: jixiao.Decimal(percent)}
		ref, err := c.ref(id)
		if err != nil {
			return err
		}
		if cp.By, err = c.date(by); err != nil {
			return err
		}
		rows.add(ref, cp)
		return nil
	})
	rows.each(func(p *jixiao.Project, r []jixiao.Checkpoint) { p.Plan = r })
}

func (c *chunk) indicators() {
	rows := newRowsOf[jixiao.Indicator](c).sized(func(i int) int64 { return c.indicatorCounts[i] })
	var id, number, weight int64
	var in jixiao.Indicator
	var kind, dir string
	var date sql.NullString
	t := &in.Target
	cols := `project_id, level3, value, target_kind, target_op, target_number, target_unit, target_date,
       target_direction, target_flag`
	dest := []any{&id, &in.Level3, &in.Value, &kind, &t.Op, &number, &t.Unit, &date, &dir, &t.Flag}
	if c.parts.has(IndicatorLevels) {
		cols += `, level1, level2, weight`
		dest = append(dest, &in.Level1, &in.Level2, &weight)
	}
	if c.parts.has(IndicatorTexts) {
		cols += `, description, basis`
		dest = append(dest, &in.Description, &in.Basis)
	}
	c.eachRow(`
SELECT `+cols+`
FROM indicators WHERE project_id IN (`+projectsIn+`) ORDER BY project_id, seq`, func(r rowScanner) error {
		in = jixiao.Indicator{}
		if err := r.Scan(dest...); err != nil {
			return err
		}
		t.Number, in.Weight = jixiao.Decimal(number), jixiao.Decimal(weight)
		t.Kind, t.Direction = jixiao.TargetKind(kind), jixiao.Direction(dir)
		ref, err := c.ref(id)
		if err != nil {
			return err
		}
		if t.Date, err = c.date(date); err != nil {
			return err
		}
		rows.add(ref, in)
		return nil
	})
	rows.each(func(p *jixiao.Project, r []jixiao.Indicator) { p.Indicators = r })
}

func (c *chunk) spending() {
	if !c.spentTo.IsZero() {
		c.spendingTotals()
		return
	}
	rows := newRowsOf[jixiao.Spending](c)
	var pid, amount int64
	var s jixiao.Spending
	var date sql.NullString
	var at string
	entered := c.parts.has(Entered)
	cols := `project_id, id, paid_on, amount, replaces`
	dest := []any{&pid, &s.ID, &date, &amount, &s.Replaces}
	if entered {
		cols += `, note, entered_by, entered_at`
		dest = append(dest, &s.Note, &s.Entered.By, &at)
	}
	c.eachRow(`
SELECT `+cols+`
FROM spending WHERE project_id IN (`+projectsIn+`) ORDER BY project_id, seq`, func(r rowScanner) error {
		s = jixiao.Spending{}
		if err := r.Scan(dest...); err != nil {
			return err
		}
		s.Amount = jixiao.Fen(amount)
		ref, err := c.ref(pid)
		if err != nil {
			return err
		}
		if s.Date, err = c.date(date); err != nil {
			return err
		}
		if entered {
			if s.Entered.At, err = c.instant(at); err != nil {
				return err
			}
		}
		rows.add(ref, s)
		return nil
	})
	rows.each(func(p *jixiao.Project, r []jixiao.Spending) { p.Spending = r })
}

// spendingTotals reads, as of c.spentTo, each project's spending inside
// its document's year (from c.spentFrom) up to that day summed in the
// database, a record that another replaces not counted (as monitor.Spent
// counts), as one record holding the total, dated the first day of the
// year.
func (c *chunk) spendingTotals() {
	start := c.spentFrom
	var id, sum int64
	c.eachRowWith(`
SELECT s.project_id, CAST(SUM(s.amount) AS BIGINT) FROM spending s
WHERE s.`+byProjects+` AND s.paid_on >= {x0} AND s.paid_on <= {x1}
  AND NOT EXISTS (SELECT 1 FROM spending x WHERE x.replaces <> 0 AND x.project_id = s.project_id AND x.replaces = s.id)
GROUP BY s.project_id`, []any{start.String(), c.spentTo.String()}, func(r rowScanner) error {
		if err := r.Scan(&id, &sum); err != nil {
			return err
		}
		p, err := c.project(id)
		if err == nil {
			p.Spending = []jixiao.Spending{{Date: start, Amount: jixiao.Fen(sum)}}
		}
		return err
	})
}

func (c *chunk) progress() {
	rows := newRowsOf[jixiao.Progress](c)
	var pid, indicator int64
	var g jixiao.Progress
	var date sql.NullString
	var at string
	entered := c.parts.has(Entered)
	cols := `project_id, id, indicator, as_of, value, cause, likelihood, measures, replaces`
	dest := []any{&pid, &g.ID, &indicator, &date, &g.Value, &g.Cause, &g.Likelihood, &g.Measures, &g.Replaces}
	if entered {
		cols += `, entered_by, entered_at`
		dest = append(dest, &g.Entered.By, &at)
	}
	// As of a day, only the reports dated up to it count, and the
	// corrections, which may hide one of them whatever their own date
	// (monitor.Latest applies the rule).
	where, extra := ``, []any(nil)
	if !c.spentTo.IsZero() {
		where, extra = ` AND (as_of IS NULL OR as_of <= {x0} OR replaces <> 0)`, []any{c.spentTo.String()}
	}
	c.eachRowWith(`
SELECT `+cols+`
FROM progress WHERE project_id IN (`+projectsIn+`)`+where+` ORDER BY project_id, seq`, extra, func(r rowScanner) error {
		g = jixiao.Progress{}
		if err := r.Scan(dest...); err != nil {
			return err
		}
		g.Indicator = int(indicator)
		ref, err := c.ref(pid)
		if err != nil {
			return err
		}
		if g.AsOf, err = c.date(date); err != nil {
			return err
		}
		if entered {
			if g.Entered.At, err = c.instant(at); err != nil {
				return err
			}
		}
		rows.add(ref, g)
		return nil
	})
	rows.each(func(p *jixiao.Project, r []jixiao.Progress) { p.Progress = r })
}

func (c *chunk) evaluations() {
	var pid, adjusted, executed int64
	var e jixiao.Evaluation
	var at string
	entered := c.parts.has(Entered)
	cols := `project_id, adjusted_budget, executed, has_executed, reason`
	dest := []any{&pid, &adjusted, &executed, &e.HasExecuted, &e.Reason}
	if entered {
		cols += `, entered_by, entered_at`
		dest = append(dest, &e.Entered.By, &at)
	}
	c.eachRow(`
SELECT `+cols+`
FROM evaluations WHERE project_id IN (`+projectsIn+`)`, func(r rowScanner) error {
		e = jixiao.Evaluation{}
		if err := r.Scan(dest...); err != nil {
			return err
		}
		e.AdjustedBudget, e.Executed = jixiao.Fen(adjusted), jixiao.Fen(executed)
		p, err := c.project(pid)
		if err != nil {
			return err
		}
		if entered {
			if e.Entered.At, err = c.instant(at); err != nil {
				return err
			}
		}
		ev := e
		p.Evaluation = &ev
		return nil
	})
}

func (c *chunk) actuals() {
	rows := newRowsOf[jixiao.Actual](c)
	var pid, indicator, score int64
	var a jixiao.Actual
	cols := `project_id, indicator, value, grade, score, has_score, reason`
	dest := []any{&pid, &indicator, &a.Value, &a.Grade, &score, &a.HasScore, &a.Reason}
	if c.parts.has(Entered) {
		cols += `, source`
		dest = append(dest, &a.Source)
	}
	c.eachRow(`
SELECT `+cols+`
FROM actuals WHERE project_id IN (`+projectsIn+`) ORDER BY project_id, seq`, func(r rowScanner) error {
		a = jixiao.Actual{}
		if err := r.Scan(dest...); err != nil {
			return err
		}
		a.Indicator, a.Score = int(indicator), jixiao.Decimal(score)
		ref, err := c.ref(pid)
		if err != nil {
			return err
		}
		if ref.p.Evaluation == nil {
			return fmt.Errorf("项目 %s 的实际完成值没有所属的自评", ref.p.Code)
		}
		rows.add(ref, a)
		return nil
	})
	rows.each(func(p *jixiao.Project, r []jixiao.Actual) { p.Evaluation.Actuals = r })
}

// dateValue is how a Date is stored: NULL for no date, else YYYY-MM-DD.
func dateValue(d jixiao.Date) any {
	if d.IsZero() {
		return nil
	}
	return d.String()
}

func scanDate(s sql.NullString) (jixiao.Date, error) {
	if !s.Valid || s.String == "" {
		return jixiao.Date{}, nil
	}
	return jixiao.ParseDate(s.String)
}
