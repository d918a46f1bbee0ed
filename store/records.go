package store

import (
	"cmp"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"

	"jixiao"
	"jixiao/jsondoc"
	"jixiao/monitor"
)

// Audit actions of the monitoring records.
const (
	AuditSpendingAdd = "spending.add" // a spending record (or correction) entered
	AuditProgressAdd = "progress.add" // a progress report (or correction) entered
)

// Entry is one monitoring record to add: a spending record or a progress
// report (exactly one of the two) for project Code of document Key.
// Bulk imports (CSV, Excel) hand the store a list of them.
type Entry struct {
	Key      jixiao.Key
	Code     string
	Spending *jixiao.Spending
	Progress *jixiao.Progress
	// IndicatorName, when set, is the 三级指标 a progress report was written
	// against (a row of the official monitoring form): it must name the
	// project's indicator at that position, so that a form whose rows no
	// longer match the goals is refused rather than filed under the wrong
	// indicators. Such a report that says exactly what the indicator's
	// latest report as of the same day says is not added again: a form
	// comes back with the reports it was downloaded with. AddRecords
	// marks such an entry Same in what it returns.
	IndicatorName string
	Same          bool
}

// EntryError says which entry of a bulk add was refused and why, so that
// an importer can name the file row the entry came from.
type EntryError struct {
	Index int // 0-based position in the list given to AddRecords
	Err   error
}

func (e *EntryError) Error() string { return fmt.Sprintf("第%d条记录：%v", e.Index+1, e.Err) }
func (e *EntryError) Unwrap() error { return e.Err }

// ErrInvalid marks a document or record refused for its content
// (errors.Is): the caller shows the message to the user and lets them
// correct the input, where other errors are failures of the system.
var ErrInvalid = errors.New("记录无效")

// invalid keeps the message of a validation error and marks it ErrInvalid.
type invalid struct{ err error }

func (e invalid) Error() string   { return e.err.Error() }
func (e invalid) Unwrap() []error { return []error{e.err, ErrInvalid} }

// AddSpending adds one spending record to project code of document k and
// returns it as stored, with its id and entry stamp (By as given, At now).
// It is validated by monitor.ValidateSpending against the project as stored
// inside the writing transaction, so two concurrent entries cannot together
// take the project above its budget. Nothing is overwritten: a correction
// is a new record whose Replaces names the corrected one.
func (s *Store) AddSpending(ctx context.Context, k jixiao.Key, code string, r jixiao.Spending) (jixiao.Spending, error) {
	out, err := s.AddRecords(ctx, []Entry{{Key: k, Code: code, Spending: &r}})
	if err != nil {
		var ee *EntryError
		if errors.As(err, &ee) {
			return jixiao.Spending{}, ee.Err
		}
		return jixiao.Spending{}, err
	}
	return *out[0].Spending, nil
}

// AddProgress adds one progress report, as AddSpending adds spending;
// it is validated by monitor.ValidateProgress.
func (s *Store) AddProgress(ctx context.Context, k jixiao.Key, code string, r jixiao.Progress) (jixiao.Progress, error) {
	out, err := s.AddRecords(ctx, []Entry{{Key: k, Code: code, Progress: &r}})
	if err != nil {
		var ee *EntryError
		if errors.As(err, &ee) {
			return jixiao.Progress{}, ee.Err
		}
		return jixiao.Progress{}, err
	}
	return *out[0].Progress, nil
}

// AddRecords adds many records in one transaction, all or nothing, in
// order: each is validated against its project with the records before it
// already in, so a batch cannot exceed a budget either. A refused entry is
// reported as an *EntryError naming its position. The returned entries
// (a copy of the input) carry the stored ids and stamps. Entered.By is
// taken from each record; Entered.At is the moment of the transaction.
// Each record goes to the audit trail in the same transaction, by its
// Entered.By, with the record it corrects (if any) as the before side.
func (s *Store) AddRecords(ctx context.Context, entries []Entry) ([]Entry, error) {
	tx, err := s.write.BeginTx(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("开始录入失败：%w", err)
	}
	defer tx.Rollback()
	if err := s.lockUnits(ctx, tx, entries); err != nil {
		return nil, err
	}
	at := now()
	docs := map[jixiao.Key]*jixiao.Document{}
	ids := map[jixiao.Key]map[string]int64{}
	out := make([]Entry, len(entries))
	trail := make([]AuditEntry, 0, len(entries))
	for i, e := range entries {
		if (e.Spending == nil) == (e.Progress == nil) {
			return nil, &EntryError{i, invalid{errors.New("一条记录应当是支出记录或进度记录之一")}}
		}
		d, ok := docs[e.Key]
		if !ok {
			d, ids[e.Key], err = s.lockDocument(ctx, tx, e.Key)
			if err != nil {
				return nil, &EntryError{i, err}
			}
			docs[e.Key] = d
		}
		p, ok := d.Project(e.Code)
		if !ok {
			return nil, &EntryError{i, invalid{fmt.Errorf("单位 %s %d 年度没有项目编码为“%s”的项目：%w", e.Key.Unit, e.Key.Year, e.Code, jixiao.ErrNotFound)}}
		}
		pid := ids[e.Key][e.Code]
		out[i] = Entry{Key: e.Key, Code: e.Code}
		if e.Spending != nil {
			r := *e.Spending
			r.ID, r.Entered.At = 0, at
			if err := monitor.ValidateSpending(p, d.Year, r); err != nil {
				return nil, &EntryError{i, invalid{err}}
			}
			err := tx.QueryRowContext(ctx, `INSERT INTO spending (project_id, seq, paid_on, amount, note, replaces, entered_by, entered_at)
VALUES ($1, (SELECT COALESCE(MAX(seq), 0) + 1 FROM spending WHERE project_id = $1), $2, $3, $4, $5, $6, $7) RETURNING id`,
				pid, dateValue(r.Date), int64(r.Amount), r.Note, r.Replaces, r.Entered.By, formatInstant(at)).Scan(&r.ID)
			if err != nil {
				return nil, &EntryError{i, fmt.Errorf("保存支出记录失败：%w", err)}
			}
			trail = append(trail, spendingAudit(e.Key, e.Code, p, r))
			p.Spending = append(p.Spending, r)
			out[i].Spending = &r
			continue
		}
		r := *e.Progress
		r.ID, r.Entered.At = 0, at
		if err := monitor.ValidateProgress(p, d.Year, r); err != nil {
			return nil, &EntryError{i, invalid{err}}
		}
		if n := e.IndicatorName; n != "" {
			if !jixiao.SameName(n, p.Indicators[r.Indicator-1].Level3) {
				return nil, &EntryError{i, invalid{fmt.Errorf("项目“%s”的第%d个指标是“%s”，表中这一行是“%s”：表格的指标行与绩效目标不一致，请重新下载监控表填写",
					p.Name, r.Indicator, p.Indicators[r.Indicator-1].Level3, n)}}
			}
			if same, ok := latestSame(p, r); ok {
				out[i].Progress, out[i].Same = &same, true
				continue
			}
		}
		err := tx.QueryRowContext(ctx, `INSERT INTO progress (project_id, seq, indicator, as_of, value, cause, likelihood, measures,
replaces, entered_by, entered_at)
VALUES ($1, (SELECT COALESCE(MAX(seq), 0) + 1 FROM progress WHERE project_id = $1), $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
			pid, r.Indicator, dateValue(r.AsOf), r.Value, r.Cause, r.Likelihood, r.Measures, r.Replaces,
			r.Entered.By, formatInstant(at)).Scan(&r.ID)
		if err != nil {
			return nil, &EntryError{i, fmt.Errorf("保存进度记录失败：%w", err)}
		}
		trail = append(trail, progressAudit(e.Key, e.Code, p, r))
		p.Progress = append(p.Progress, r)
		out[i].Progress = &r
	}
	if err := appendAudit(ctx, tx, trail...); err != nil {
		return nil, err
	}
	for k := range docs {
		if err := bumpRevision(ctx, tx, k); err != nil {
			return nil, err
		}
	}
	if err := tx.Commit(); err != nil {
		return nil, fmt.Errorf("提交录入失败：%w", err)
	}
	return out, nil
}

// lockUnits takes the row locks of the entries' units, in code order,
// before anything else: the order SaveDocuments and Transition take them,
// then the audit trail's, so that a batch of records and a save of the
// same unit queue up instead of each holding what the other waits for. A
// unit without the document is left to lockDocument to report at its entry.
func (s *Store) lockUnits(ctx context.Context, tx *sql.Tx, entries []Entry) error {
	keys := map[jixiao.Key]bool{}
	for _, e := range entries {
		keys[e.Key] = true
	}
	sorted := make([]jixiao.Key, 0, len(keys))
	for k := range keys {
		sorted = append(sorted, k)
	}
	slices.SortFunc(sorted, func(a, b jixiao.Key) int {
		return cmp.Or(cmp.Compare(a.Unit, b.Unit), cmp.Compare(a.Year, b.Year))
	})
	for _, k := range sorted {
		if err := s.lockUnit(ctx, tx, k); err != nil && !errors.Is(err, jixiao.ErrNotFound) {
			return fmt.Errorf("开始录入失败：%w", err)
		}
	}
	return nil
}

// lockDocument reads document k with its records inside the writing
// transaction, after taking the lock on its row, so that the validation
// sees every record committed before and none can be added meanwhile. On
// SQLite the transaction is already the only writer (BEGIN IMMEDIATE).
// It returns the projects' row ids by code.
func (s *Store) lockDocument(ctx context.Context, tx *sql.Tx, k jixiao.Key) (*jixiao.Document, map[string]int64, error) {
	if s.d.name == "postgres" {
		var id int64
		err := tx.QueryRowContext(ctx, `SELECT id FROM documents WHERE unit_code = $1 AND year = $2 FOR UPDATE`,
			k.Unit, k.Year).Scan(&id)
		if errors.Is(err, sql.ErrNoRows) {
			return nil, nil, fmt.Errorf("单位 %s %d 年度的绩效目标：%w", k.Unit, k.Year, jixiao.ErrNotFound)
		}
		if err != nil {
			return nil, nil, readErr(k, err)
		}
	}
	d, st, err := load(ctx, tx, k, true)
	if err != nil {
		return nil, nil, err
	}
	if d == nil {
		return nil, nil, fmt.Errorf("单位 %s %d 年度的绩效目标：%w", k.Unit, k.Year, jixiao.ErrNotFound)
	}
	ids := make(map[string]int64, len(st.projects))
	for code, p := range st.projects {
		ids[code] = p.id
	}
	return d, ids, nil
}

// auditSpending is a spending record as the audit trail shows it: the
// exchange shape with the record's own id and the id of the record it
// corrects, so an entry can be matched to the stored rows.
type auditSpending struct {
	ID         int64 `json:"id"`
	ReplacesID int64 `json:"replaces_id,omitempty"`
	jsondoc.Spending
}

// auditProgress is a progress report as the audit trail shows it.
type auditProgress struct {
	ID         int64 `json:"id"`
	ReplacesID int64 `json:"replaces_id,omitempty"`
	jsondoc.Progress
}

// spendingAudit is the trail entry of spending record r added to project
// p (before r is appended to it): a correction shows the corrected record
// before and the new one after.
func spendingAudit(k jixiao.Key, code string, p *jixiao.Project, r jixiao.Spending) AuditEntry {
	a := AuditEntry{Actor: r.Entered.By, Action: AuditSpendingAdd, Unit: k.Unit, Year: k.Year, Project: code,
		Object: fmt.Sprintf("spending:%d", r.ID),
		After:  toJSON(auditSpending{r.ID, r.Replaces, jsondoc.SpendingJSON(r)})}
	for _, o := range p.Spending {
		if r.Replaces != 0 && o.ID == r.Replaces {
			a.Before = toJSON(auditSpending{o.ID, o.Replaces, jsondoc.SpendingJSON(o)})
		}
	}
	return a
}

// progressAudit is the trail entry of progress report r, as spendingAudit.
func progressAudit(k jixiao.Key, code string, p *jixiao.Project, r jixiao.Progress) AuditEntry {
	a := AuditEntry{Actor: r.Entered.By, Action: AuditProgressAdd, Unit: k.Unit, Year: k.Year, Project: code,
		Object: fmt.Sprintf("progress:%d", r.ID),
		After:  toJSON(auditProgress{r.ID, r.Replaces, jsondoc.ProgressJSON(r)})}
	for _, o := range p.Progress {
		if r.Replaces != 0 && o.ID == r.Replaces {
			a.Before = toJSON(auditProgress{o.ID, o.Replaces, jsondoc.ProgressJSON(o)})
		}
	}
	return a
}

// Audit actions of records replaced by an import (FORMAT.md: an import that
// carries records for a project replaces that kind of record).
const (
	AuditSpendingImport = "spending.import"
	AuditProgressImport = "progress.import"
)

// recordsImportAudit is the trail entry of an import replacing project
// code's spending or progress records (old: the project as stored, nil if
// new): before and after are the lists in the exchange shape.
func recordsImportAudit(k jixiao.Key, code, action string, old, p *jixiao.Project, by string) AuditEntry {
	list := func(q *jixiao.Project) string {
		if q == nil {
			return ""
		}
		if action == AuditSpendingImport {
			out := make([]jsondoc.Spending, 0, len(q.Spending))
			for _, r := range q.Spending {
				out = append(out, jsondoc.SpendingJSON(r))
			}
			return toJSON(out)
		}
		out := make([]jsondoc.Progress, 0, len(q.Progress))
		for _, r := range q.Progress {
			out = append(out, jsondoc.ProgressJSON(r))
		}
		return toJSON(out)
	}
	kind, _, _ := strings.Cut(action, ".")
	return AuditEntry{Actor: by, Action: action, Unit: k.Unit, Year: k.Year, Project: code,
		Object: kind, Before: list(old), After: list(p)}
}

// latestSame returns the latest report of r's indicator as of r's day,
// by the order entered, when it says what r says (a correction counts as
// the report it corrects).
func latestSame(p *jixiao.Project, r jixiao.Progress) (jixiao.Progress, bool) {
	for i := len(p.Progress) - 1; i >= 0; i-- {
		o := p.Progress[i]
		if o.Indicator != r.Indicator || o.AsOf != r.AsOf {
			continue
		}
		same := o.Value == r.Value && o.Cause == r.Cause && o.Likelihood == r.Likelihood && o.Measures == r.Measures
		return o, same
	}
	return jixiao.Progress{}, false
}
