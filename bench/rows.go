package bench

import (
	"bytes"
	"encoding/csv"
	"strconv"

	"jixiao"
)

// table is one table of the baseline: the same columns, types and keys as
// the store's table of that name, without foreign keys or defaults, since a
// bulk loader does not check them either.
type table struct {
	name string
	ddl  string // column definitions
}

// baselineTables are the store's tables as plain equivalents, in load order.
var baselineTables = []table{
	{"units", "code TEXT PRIMARY KEY, name TEXT"},
	{"documents", "id BIGINT PRIMARY KEY, unit_code TEXT, year INTEGER, preset TEXT, version BIGINT, created_at TEXT, updated_at TEXT, updated_by TEXT, UNIQUE (unit_code, year)"},
	{"goal_sections", "document_id BIGINT, seq INTEGER, heading TEXT, PRIMARY KEY (document_id, seq)"},
	{"goal_items", "document_id BIGINT, section_seq INTEGER, seq INTEGER, text TEXT, PRIMARY KEY (document_id, section_seq, seq)"},
	{"project_goals", "document_id BIGINT, seq INTEGER, project TEXT, text TEXT, PRIMARY KEY (document_id, seq)"},
	{"measures", "document_id BIGINT, seq INTEGER, heading TEXT, text TEXT, PRIMARY KEY (document_id, seq)"},
	{"projects", "id BIGINT PRIMARY KEY, document_id BIGINT, seq INTEGER, code TEXT, name TEXT, budget BIGINT, fiscal BIGINT, other BIGINT, purpose TEXT, goal TEXT, version BIGINT, UNIQUE (document_id, code), UNIQUE (document_id, seq)"},
	{"plan_points", "project_id BIGINT, seq INTEGER, by_date TEXT, percent BIGINT, PRIMARY KEY (project_id, seq)"},
	{"indicators", "project_id BIGINT, seq INTEGER, level1 TEXT, level2 TEXT, level3 TEXT, description TEXT, value TEXT, basis TEXT, target_kind TEXT, target_op TEXT, target_number BIGINT, target_unit TEXT, target_date TEXT, target_direction TEXT, target_flag TEXT, weight BIGINT, PRIMARY KEY (project_id, seq)"},
	{"spending", "id BIGINT PRIMARY KEY, project_id BIGINT, seq INTEGER, paid_on TEXT, amount BIGINT, note TEXT, replaces BIGINT, entered_by TEXT, entered_at TEXT, UNIQUE (project_id, seq)"},
	{"progress", "id BIGINT PRIMARY KEY, project_id BIGINT, seq INTEGER, indicator INTEGER, as_of TEXT, value TEXT, cause TEXT, likelihood TEXT, measures TEXT, replaces BIGINT, entered_by TEXT, entered_at TEXT, UNIQUE (project_id, seq)"},
	{"evaluations", "project_id BIGINT PRIMARY KEY, adjusted_budget BIGINT, executed BIGINT, has_executed BOOLEAN, reason TEXT, entered_by TEXT, entered_at TEXT"},
	{"actuals", "project_id BIGINT, seq INTEGER, indicator INTEGER, value TEXT, grade TEXT, score BIGINT, has_score BOOLEAN, reason TEXT, source TEXT, PRIMARY KEY (project_id, seq)"},
}

// readColumns are, per table, the columns store.EachDocument reads to
// build documents (in ddl): what review, monitoring and scoring see. The
// read-once baseline selects exactly these, no more (not the audit
// columns created_at, updated_at, updated_by or the seq columns, which
// loading only orders by) and no fewer.
var readColumns = []table{
	{"units", "code, name"},
	{"documents", "id, unit_code, year, preset, version, project_count, indicator_count"},
	{"goal_sections", "document_id, heading"},
	{"goal_items", "document_id, section_seq, text"},
	{"project_goals", "document_id, project, text"},
	{"measures", "document_id, heading, text"},
	{"projects", "id, document_id, code, name, budget, fiscal, other, purpose, goal, version"},
	{"plan_points", "project_id, by_date, percent"},
	{"indicators", "project_id, level1, level2, level3, description, value, basis, target_kind, target_op, target_number, target_unit, target_date, target_direction, target_flag, weight"},
	{"spending", "project_id, id, paid_on, amount, note, replaces, entered_by, entered_at"},
	{"progress", "project_id, id, indicator, as_of, value, cause, likelihood, measures, replaces, entered_by, entered_at"},
	{"evaluations", "project_id, adjusted_budget, executed, has_executed, reason, entered_by, entered_at"},
	{"actuals", "project_id, indicator, value, grade, score, has_score, reason, source"},
}

// csvRows turns documents into the rows the store would hold, as CSV per
// table, numbering ids as the store would. The same bytes feed the
// sqlite3 shell's .import and PostgreSQL's COPY.
type csvRows struct {
	docID, projectID, recordID int64
	buf                        map[string]*bytes.Buffer
	w                          map[string]*csv.Writer
	rows                       int64
}

func newCSVRows() *csvRows {
	c := &csvRows{buf: map[string]*bytes.Buffer{}, w: map[string]*csv.Writer{}}
	for _, t := range baselineTables {
		b := &bytes.Buffer{}
		c.buf[t.name], c.w[t.name] = b, csv.NewWriter(b)
	}
	return c
}

func (c *csvRows) put(t string, fields ...string) {
	c.w[t].Write(fields)
	c.rows++
}

func i64(n int64) string { return strconv.FormatInt(n, 10) }
func itoa(n int) string  { return strconv.Itoa(n) }

func boolStr(b bool) string {
	if b {
		return "1"
	}
	return "0"
}

const stampText = "2024-12-31T00:00:00.000000000Z"

func (c *csvRows) add(d *jixiao.Document) {
	c.docID++
	doc := i64(c.docID)
	c.put("units", d.Unit.Code, d.Unit.Name)
	c.put("documents", doc, d.Unit.Code, itoa(d.Year), string(d.Preset), "1", stampText, stampText, "bench")
	for i, g := range d.Overall.Goals {
		c.put("goal_sections", doc, itoa(i+1), g.Heading)
		for j, it := range g.Items {
			c.put("goal_items", doc, itoa(i+1), itoa(j+1), it)
		}
	}
	for i, g := range d.Overall.ProjectGoals {
		c.put("project_goals", doc, itoa(i+1), g.Project, g.Text)
	}
	for i, m := range d.Overall.Measures {
		c.put("measures", doc, itoa(i+1), m.Heading, m.Text)
	}
	for i := range d.Projects {
		p := &d.Projects[i]
		c.projectID++
		pid := i64(c.projectID)
		c.put("projects", pid, doc, itoa(i+1), p.Code, p.Name, i64(int64(p.Budget)), i64(int64(p.Fiscal)),
			i64(int64(p.Other)), p.Purpose, p.Goal, "1")
		for j, pt := range p.Plan {
			c.put("plan_points", pid, itoa(j+1), pt.By.String(), i64(int64(pt.Percent)))
		}
		for j, in := range p.Indicators {
			t := in.Target
			c.put("indicators", pid, itoa(j+1), in.Level1, in.Level2, in.Level3, in.Description, in.Value, in.Basis,
				string(t.Kind), t.Op, i64(int64(t.Number)), t.Unit, t.Date.String(), string(t.Direction), t.Flag,
				i64(int64(in.Weight)))
		}
		for j, s := range p.Spending {
			c.recordID++
			c.put("spending", i64(c.recordID), pid, itoa(j+1), s.Date.String(), i64(int64(s.Amount)), s.Note,
				i64(s.Replaces), "bench", stampText)
		}
		for j, g := range p.Progress {
			c.recordID++
			c.put("progress", i64(c.recordID), pid, itoa(j+1), itoa(g.Indicator), g.AsOf.String(), g.Value, g.Cause,
				g.Likelihood, g.Measures, i64(g.Replaces), "bench", stampText)
		}
		if e := p.Evaluation; e != nil {
			c.put("evaluations", pid, i64(int64(e.AdjustedBudget)), i64(int64(e.Executed)), boolStr(e.HasExecuted),
				e.Reason, "bench", stampText)
			for j, a := range e.Actuals {
				c.put("actuals", pid, itoa(j+1), itoa(a.Indicator), a.Value, a.Grade, i64(int64(a.Score)),
					boolStr(a.HasScore), a.Reason, a.Source)
			}
		}
	}
}

// flush finishes the CSV of every table and returns it, emptying c for
// the next batch (ids keep counting).
func (c *csvRows) flush() map[string][]byte {
	out := map[string][]byte{}
	for _, t := range baselineTables {
		c.w[t.name].Flush()
		out[t.name] = append([]byte(nil), c.buf[t.name].Bytes()...)
		c.buf[t.name].Reset()
	}
	return out
}
