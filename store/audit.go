package store

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"jixiao"
)

// The audit trail (审计日志): every change of goals, review state, goal
// adjustments and accounts, appended in the transaction that makes the
// change, so that it holds exactly what was committed. Entries are never
// updated or deleted — no statement of this package does, and triggers
// on both engines refuse it — and each is chained to the one before:
// hash = SHA-256(prev_hash + canonical fields), so that VerifyAudit finds
// any entry changed, removed or inserted afterwards, directly in the
// database.

// Audit actions.
const (
	AuditDocumentSave = "document.save" // a document stored: the Change
	AuditGoalsAdd     = "goals.add"     // a project's goal table added
	AuditGoalsChange  = "goals.change"  // a project's goal table changed
	AuditGoalsRemove  = "goals.remove"  // a project removed
	AuditOverall      = "overall.save"  // part one (部门整体绩效目标) set or changed
	AuditTransition   = "workflow.move" // a review state changed
	AuditAdjustment   = "goals.adjust"  // an adjustment of approved goals
	AuditUserCreate   = "user.create"   // an account made
	AuditUserUpdate   = "user.update"   // role, units or name changed
	AuditUserPassword = "user.password" // password set
	AuditUserDisable  = "user.disable"  // account disabled
	AuditUserEnable   = "user.enable"   // account enabled again
	AuditUserLocked   = "user.locked"   // locked out after failed logins
	AuditTokenCreate  = "token.create"  // API token made
	AuditTokenRevoke  = "token.revoke"  // API token revoked
)

// AuditEntry is one entry of the audit trail. Unit, Year and Project name
// the document or project concerned; Object names anything else (an
// account: "user:NAME"). Before and After are JSON, empty when there is
// nothing on that side.
type AuditEntry struct {
	Seq      int64     `json:"seq"`
	At       time.Time `json:"at"`
	Actor    string    `json:"actor"`
	Action   string    `json:"action"`
	Unit     string    `json:"unit,omitempty"`
	Year     int       `json:"year,omitempty"`
	Project  string    `json:"project,omitempty"`
	Object   string    `json:"object,omitempty"`
	Before   string    `json:"before,omitempty"`
	After    string    `json:"after,omitempty"`
	PrevHash string    `json:"prev_hash"`
	Hash     string    `json:"hash"`
}

// auditHash is the entry's hash over the previous hash and its fields as
// stored (the instant as its stored text), in a fixed order and encoding.
// The canonical fields are the JSON array json.Marshal writes of them
// (appendAuditCanon writes the same bytes without reflection).
func auditHash(prev string, seq int64, at string, e *AuditEntry) string {
	buf := make([]byte, 0, len(prev)+64+len(at)+len(e.Actor)+len(e.Action)+len(e.Unit)+len(e.Project)+
		len(e.Object)+len(e.Before)+len(e.After)+len(e.Before)/8+len(e.After)/8)
	buf = append(buf, prev...)
	buf = append(buf, '\n')
	buf = appendAuditCanon(buf, seq, at, e)
	sum := sha256.Sum256(buf)
	return hex.EncodeToString(sum[:])
}

// appendAudit adds the entries to the trail inside tx. It takes the row
// lock of audit_head, so concurrent transactions append one after the
// other and the chain never forks; callers append after taking their own
// locks, so the order of locks is always the same. Inside a save that
// queues its trail (withAuditQueue), the entries are queued instead and
// written together, in the same order, when the save ends.
func appendAudit(ctx context.Context, tx *sql.Tx, entries ...AuditEntry) error {
	if len(entries) == 0 {
		return nil
	}
	if q, ok := ctx.Value(auditQueueKey{}).(*auditQueue); ok && q.tx == tx {
		q.entries = append(q.entries, entries...)
		for i := range entries {
			q.size += len(entries[i].Before) + len(entries[i].After)
		}
		return nil
	}
	return writeAudit(ctx, tx, entries, false, nil)
}

// auditQueue holds the trail of one transaction that writes many entries
// (an import of a province: a few hundred per document) until it is
// written with flush, so that the trail costs a few multi-row statements
// instead of a statement per entry, and the head's lock is held only at
// the end of the transaction.
type auditQueue struct {
	tx      *sql.Tx
	entries []AuditEntry
	anon    bool // the engine takes ? parameters (dialect.anonParams)
	// copy, when set, loads the entries with COPY on the transaction's
	// connection (PostgreSQL) instead of multi-row INSERTs.
	copy *copier
	size int // bytes of the entries' before and after texts
}

type auditQueueKey struct{}

// withAuditQueue returns a context under which appendAudit queues the
// entries of tx; the caller must flush the queue before committing tx.
func withAuditQueue(ctx context.Context, tx *sql.Tx, anon bool) (context.Context, *auditQueue) {
	q := &auditQueue{tx: tx, anon: anon}
	return context.WithValue(ctx, auditQueueKey{}, q), q
}

// flush writes the queued entries in the order they were appended.
func (q *auditQueue) flush(ctx context.Context) error {
	err := writeAudit(ctx, q.tx, q.entries, q.anon, q.copy)
	q.entries, q.size = nil, 0
	return err
}

// auditRows is how many entries one INSERT into audit_log carries (12
// parameters each, far below either engine's limit).
const auditRows = 64

const auditInsert = `INSERT INTO audit_log (seq, at, actor, action, unit_code, year, project, object,
before_json, after_json, prev_hash, hash) VALUES `

// auditCopyColumns are the columns of auditInsert, for COPY.
var auditCopyColumns = []string{"seq", "at", "actor", "action", "unit_code", "year", "project", "object",
	"before_json", "after_json", "prev_hash", "hash"}

// writeAudit chains the entries to the trail's head and inserts them,
// auditRows to a statement; anon says the parameters are written ? (see
// dialect.anonParams) rather than $N. With cp the entries are loaded with
// one COPY instead (auditRows at a time would be a round trip each).
func writeAudit(ctx context.Context, tx *sql.Tx, entries []AuditEntry, anon bool, cp *copier) error {
	if len(entries) == 0 {
		return nil
	}
	var last int64
	var prev string
	if err := tx.QueryRowContext(ctx, `UPDATE audit_head SET seq = seq + $1 WHERE id = 1 RETURNING seq, hash`,
		len(entries)).Scan(&last, &prev); err != nil {
		return fmt.Errorf("写审计日志失败：%w", err)
	}
	seq := last - int64(len(entries))
	at := formatInstant(now())
	if cp != nil {
		rows := make([][]any, len(entries))
		for i := range entries {
			e := &entries[i]
			seq++
			hash := auditHash(prev, seq, at, e)
			rows[i] = []any{seq, at, e.Actor, e.Action, e.Unit, e.Year, e.Project, e.Object, e.Before, e.After, prev, hash}
			prev = hash
		}
		if err := cp.load("audit_log", auditCopyColumns, rows); err != nil {
			return fmt.Errorf("写审计日志失败：%w", err)
		}
		return setAuditHead(ctx, tx, prev)
	}
	var full *sql.Stmt // the statement of auditRows rows, prepared once
	defer func() {
		if full != nil {
			full.Close()
		}
	}()
	args := make([]any, 0, 12*min(len(entries), auditRows))
	for start := 0; start < len(entries); start += auditRows {
		part := entries[start:min(start+auditRows, len(entries))]
		args = args[:0]
		for i := range part {
			e := &part[i]
			seq++
			hash := auditHash(prev, seq, at, e)
			args = append(args, seq, at, e.Actor, e.Action, e.Unit, e.Year, e.Project, e.Object, e.Before, e.After, prev, hash)
			prev = hash
		}
		var err error
		if len(part) == auditRows && len(entries) > auditRows {
			if full == nil {
				full, err = tx.PrepareContext(ctx, auditValues(auditRows, anon))
			}
			if err == nil {
				_, err = full.ExecContext(ctx, args...)
			}
		} else {
			_, err = tx.ExecContext(ctx, auditValues(len(part), anon), args...)
		}
		if err != nil {
			return fmt.Errorf("写审计日志失败：%w", err)
		}
	}
	return setAuditHead(ctx, tx, prev)
}

// setAuditHead records the hash of the trail's last entry.
func setAuditHead(ctx context.Context, tx *sql.Tx, hash string) error {
	if _, err := tx.ExecContext(ctx, `UPDATE audit_head SET hash = $1 WHERE id = 1`, hash); err != nil {
		return fmt.Errorf("写审计日志失败：%w", err)
	}
	return nil
}

// auditValues is the INSERT of n entries, its parameters ? when anon.
func auditValues(n int, anon bool) string {
	var b strings.Builder
	b.WriteString(auditInsert)
	for r := range n {
		if r > 0 {
			b.WriteString(", ")
		}
		b.WriteByte('(')
		for c := range 12 {
			if c > 0 {
				b.WriteString(", ")
			}
			if anon {
				b.WriteByte('?')
			} else {
				fmt.Fprintf(&b, "$%d", 12*r+c+1)
			}
		}
		b.WriteByte(')')
	}
	return b.String()
}

// toJSON encodes v for the audit trail.
func toJSON(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprintf("%q", err.Error())
	}
	return string(b)
}

// AuditFilter selects entries of the trail; zero fields select all.
type AuditFilter struct {
	Unit    string
	Year    int
	Project string
	Object  string
	// Accounts selects the entries of no unit: accounts and API tokens.
	Accounts bool
	After    int64 // only entries with a greater seq (paging)
	Before   int64 // only entries with a smaller seq (paging back), 0 for no bound
	// Newest orders the entries newest first, so that with Limit the page
	// holds the newest entries selected (the audit pages show them so).
	Newest bool
	Limit  int // at most this many, 0 for all
}

const auditColumns = `seq, at, actor, action, unit_code, year, project, object, before_json, after_json, prev_hash, hash`

func scanAudit(rows *sql.Rows) (AuditEntry, string, error) {
	var e AuditEntry
	var at string
	err := rows.Scan(&e.Seq, &at, &e.Actor, &e.Action, &e.Unit, &e.Year, &e.Project, &e.Object,
		&e.Before, &e.After, &e.PrevHash, &e.Hash)
	if err == nil {
		e.At, err = parseInstant(at)
	}
	return e, at, err
}

// AuditLog returns the entries the filter selects, oldest first (newest
// first with f.Newest).
func (s *Store) AuditLog(ctx context.Context, f AuditFilter) ([]AuditEntry, error) {
	var out []AuditEntry
	err := s.EachAudit(ctx, f, func(e AuditEntry) error {
		out = append(out, e)
		return nil
	})
	return out, err
}

// EachAudit calls fn with each entry the filter selects, in AuditLog's
// order, as they are read: a province's trail (hundreds of MB) is
// exported without being held in memory. An error from fn stops it and
// is returned as it is.
func (s *Store) EachAudit(ctx context.Context, f AuditFilter, fn func(AuditEntry) error) error {
	var where []string
	var args []any
	add := func(cond string, v any) {
		args = append(args, v)
		where = append(where, fmt.Sprintf(cond, len(args)))
	}
	if f.Unit != "" {
		add("unit_code = $%d", f.Unit)
	}
	if f.Accounts {
		add("unit_code = $%d", "")
	}
	if f.Year != 0 {
		add("year = $%d", f.Year)
	}
	if f.Project != "" {
		add("project = $%d", f.Project)
	}
	if f.Object != "" {
		add("object = $%d", f.Object)
	}
	if f.After > 0 {
		add("seq > $%d", f.After)
	}
	if f.Before > 0 {
		add("seq < $%d", f.Before)
	}
	q := `SELECT ` + auditColumns + ` FROM audit_log`
	if len(where) > 0 {
		q += ` WHERE ` + strings.Join(where, " AND ")
	}
	q += ` ORDER BY seq`
	if f.Newest {
		q += ` DESC`
	}
	if f.Limit > 0 {
		q += fmt.Sprintf(` LIMIT %d`, f.Limit)
	}
	rows, err := s.read.QueryContext(ctx, q, args...)
	if err != nil {
		return fmt.Errorf("读取审计日志失败：%w", err)
	}
	defer rows.Close()
	for rows.Next() {
		e, _, err := scanAudit(rows)
		if err != nil {
			return fmt.Errorf("读取审计日志失败：%w", err)
		}
		if err := fn(e); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("读取审计日志失败：%w", err)
	}
	return nil
}

// AuditLength is how many entries the trail's head says were written:
// the number of entries when VerifyAudit finds the trail intact.
func (s *Store) AuditLength(ctx context.Context) (int64, error) {
	var n int64
	if err := s.read.QueryRowContext(ctx, `SELECT seq FROM audit_head WHERE id = 1`).Scan(&n); err != nil {
		return 0, fmt.Errorf("读取审计日志失败：%w", err)
	}
	return n, nil
}

// ErrAuditBroken says the audit trail was altered outside the product.
var ErrAuditBroken = errors.New("审计日志已被篡改")

// VerifyAudit checks the whole chain, in one snapshot: every entry's seq
// follows the one before, its prev_hash is the previous entry's hash and
// its hash matches its fields; the last entry is the one audit_head
// records. It returns 0 when the trail is intact, else the seq of the
// first broken entry (for entries removed at the end, the first missing
// seq) with an error wrapping ErrAuditBroken that says what is wrong.
func (s *Store) VerifyAudit(ctx context.Context) (firstBroken int64, err error) {
	tx, err := s.read.BeginTx(ctx, &s.d.readTx)
	if err != nil {
		return 0, fmt.Errorf("读取审计日志失败：%w", err)
	}
	defer tx.Rollback()
	var headSeq int64
	var headHash string
	if err := tx.QueryRowContext(ctx, `SELECT seq, hash FROM audit_head WHERE id = 1`).Scan(&headSeq, &headHash); err != nil {
		return 0, fmt.Errorf("读取审计日志失败：%w", err)
	}
	rows, err := tx.QueryContext(ctx, `SELECT `+auditColumns+` FROM audit_log ORDER BY seq`)
	if err != nil {
		return 0, fmt.Errorf("读取审计日志失败：%w", err)
	}
	defer rows.Close()
	var want int64 = 1
	prev := ""
	for rows.Next() {
		e, at, err := scanAudit(rows)
		if err != nil {
			return 0, fmt.Errorf("读取审计日志失败：%w", err)
		}
		switch {
		case e.Seq != want:
			return want, fmt.Errorf("%w：第 %d 条缺失（下一条是第 %d 条）", ErrAuditBroken, want, e.Seq)
		case e.PrevHash != prev:
			return e.Seq, fmt.Errorf("%w：第 %d 条的前一条摘要与第 %d 条不符", ErrAuditBroken, e.Seq, e.Seq-1)
		case auditHash(prev, e.Seq, at, &e) != e.Hash:
			return e.Seq, fmt.Errorf("%w：第 %d 条（%s，%s）的内容与摘要不符", ErrAuditBroken, e.Seq, e.Action, e.Actor)
		}
		prev = e.Hash
		want++
	}
	if err := rows.Err(); err != nil {
		return 0, fmt.Errorf("读取审计日志失败：%w", err)
	}
	if want-1 != headSeq || prev != headHash {
		if want-1 < headSeq {
			return want, fmt.Errorf("%w：共应有 %d 条，第 %d 条起缺失", ErrAuditBroken, headSeq, want)
		}
		return headSeq + 1, fmt.Errorf("%w：第 %d 条之后的记录不是本系统写入的", ErrAuditBroken, headSeq)
	}
	return 0, nil
}

// forEngine says whether a migration statement runs on the engine and
// returns it without its engine mark: a statement that starts with
// {{sqlite}} or {{postgres}} runs only there (triggers differ), any other
// on both.
func forEngine(engine, st string) (string, bool) {
	for _, e := range []string{"sqlite", "postgres"} {
		if rest, ok := strings.CutPrefix(st, "{{"+e+"}}"); ok {
			return strings.TrimSpace(rest), e == engine
		}
	}
	return st, true
}

// auditDocument is the trail of one SaveDocuments of a document: the
// Change, part one before and after when it is new or changed, and per
// project added, changed or removed its goal table before and after.
func auditDocument(old, d *jixiao.Document, c jixiao.Change, by string) []AuditEntry {
	k := d.Key()
	out := []AuditEntry{{Actor: by, Action: AuditDocumentSave, Unit: k.Unit, Year: k.Year, After: toJSON(c)}}
	switch {
	case old == nil:
		out = append(out, AuditEntry{Actor: by, Action: AuditOverall, Unit: k.Unit, Year: k.Year, After: toJSON(d.Overall)})
	case !sameOverall(&old.Overall, &d.Overall):
		out = append(out, AuditEntry{Actor: by, Action: AuditOverall, Unit: k.Unit, Year: k.Year,
			Before: toJSON(old.Overall), After: toJSON(d.Overall)})
	}
	for _, code := range c.Added {
		p, _ := d.Project(code)
		out = append(out, AuditEntry{Actor: by, Action: AuditGoalsAdd, Unit: k.Unit, Year: k.Year, Project: code,
			After: goalTableJSON(p)})
	}
	for _, code := range c.Changed {
		p, _ := d.Project(code)
		o, _ := old.Project(code)
		out = append(out, AuditEntry{Actor: by, Action: AuditGoalsChange, Unit: k.Unit, Year: k.Year, Project: code,
			Before: goalTableJSON(o), After: goalTableJSON(p)})
	}
	for _, code := range c.Removed {
		o, _ := old.Project(code)
		out = append(out, AuditEntry{Actor: by, Action: AuditGoalsRemove, Unit: k.Unit, Year: k.Year, Project: code,
			Before: goalTableJSON(o)})
	}
	return out
}

// goalTableJSON is a project's goal table without its records or version.
func goalTableJSON(p *jixiao.Project) string {
	if p == nil {
		return ""
	}
	g := *p
	g.Version, g.Spending, g.Progress, g.Evaluation = 0, nil, nil, nil
	return toJSON(g)
}
