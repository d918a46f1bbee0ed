// Package store keeps goal documents and the records entered against their
// projects in a SQL database: an embedded SQLite file by default, or
// PostgreSQL when a DSN is given (a province outgrows one file). Both
// engines run the same SQL; what differs lives in dialect.go.
package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"

	"jixiao"
	"jixiao/workflow"

	_ "github.com/jackc/pgx/v5/stdlib" // driver "pgx"
	_ "modernc.org/sqlite"             // driver "sqlite"
)

// Config says which database to use.
type Config struct {
	SQLite   string // path of the database file (default used by the CLI: "jixiao.db")
	Postgres string // DSN; when set, SQLite is ignored
}

// Store is the database of documents and records. It is safe for
// concurrent use.
type Store struct {
	d dialect
	// write is used for every transaction that changes data. On SQLite it
	// has a single connection, so writers of this process queue in Go
	// instead of contending for the file lock; read is a pool on the same
	// file. On PostgreSQL both are the same pool.
	write *sql.DB
	read  *sql.DB
	// stmts holds the statements every page view runs (session,
	// revision), prepared once on read: query text → *sql.Stmt.
	stmts sync.Map
	// path is the SQLite file, for what needs a connection of its own
	// (Backup); "" on PostgreSQL.
	path string
}

// Open connects to the configured database and brings its schema up to
// date before returning.
func Open(ctx context.Context, cfg Config) (*Store, error) {
	s, err := open(cfg)
	if err != nil {
		return nil, err
	}
	if err := s.migrate(ctx); err != nil {
		s.Close()
		return nil, err
	}
	return s, nil
}

func open(cfg Config) (*Store, error) {
	if cfg.Postgres != "" {
		db, err := sql.Open("pgx", cfg.Postgres)
		if err != nil {
			return nil, fmt.Errorf("连接 PostgreSQL 失败：%w", err)
		}
		db.SetMaxOpenConns(20)
		db.SetMaxIdleConns(20)
		db.SetConnMaxIdleTime(5 * time.Minute)
		return &Store{d: postgresDialect, write: db, read: db}, nil
	}
	path := cfg.SQLite
	if path == "" {
		return nil, errors.New("未指定数据库：SQLite 文件路径和 PostgreSQL 连接串都为空")
	}
	if strings.ContainsAny(path, "?#") {
		return nil, fmt.Errorf("SQLite 文件路径“%s”不能含有 ? 或 #", path)
	}
	w, err := sql.Open("sqlite", sqliteDSN(path, true))
	if err != nil {
		return nil, fmt.Errorf("打开 SQLite 文件“%s”失败：%w", path, err)
	}
	w.SetMaxOpenConns(1)
	w.SetMaxIdleConns(1)
	w.SetConnMaxLifetime(0)
	w.SetConnMaxIdleTime(0)
	r, err := sql.Open("sqlite", sqliteDSN(path, false))
	if err != nil {
		w.Close()
		return nil, fmt.Errorf("打开 SQLite 文件“%s”失败：%w", path, err)
	}
	r.SetMaxOpenConns(8)
	r.SetMaxIdleConns(8)
	return &Store{d: sqliteDialect, write: w, read: r, path: path}, nil
}

// Close releases the database connections.
func (s *Store) Close() error {
	var err error
	s.stmts.Range(func(_, v any) bool {
		err = errors.Join(err, v.(*sql.Stmt).Close())
		return true
	})
	err = errors.Join(err, s.write.Close())
	if s.read != s.write {
		err = errors.Join(err, s.read.Close())
	}
	return err
}

// Dialect says which engine is in use: "sqlite" or "postgres".
func (s *Store) Dialect() string { return s.d.name }

// Summary describes one stored document for lists, without loading it:
// its counters, where each of its tracks stands in review, and the counts
// of its stored goal review.
type Summary struct {
	Key        jixiao.Key
	UnitName   string
	Projects   int
	Indicators int
	Budget     jixiao.Fen
	Version    int64
	Updated    time.Time
	// Goals, Monitoring and Evaluation are the review states of the
	// tracks; GoalsSince is when the goals reached theirs (zero for a
	// draft never moved).
	Goals, Monitoring, Evaluation workflow.State
	GoalsSince                    time.Time
	// Reviewed says the goal review is stored (a document saved before
	// reviews were kept has none until a page asks for it); Errors and
	// Warnings are its counts.
	Reviewed         bool
	Errors, Warnings int
}

// Documents lists every stored document, by unit code, newest year first.
func (s *Store) Documents(ctx context.Context) ([]Summary, error) {
	// The counters are kept on the documents row (see recount) and the
	// review's counts on its seq-0 row, so the list reads one row per
	// document and never counts indicators or findings.
	rows, err := s.read.QueryContext(ctx, `
SELECT d.unit_code, u.name, d.year, d.version, d.updated_at,
       d.project_count, d.budget_total, d.indicator_count,
       COALESCE(g.state, ''), COALESCE(m.state, ''), COALESCE(e.state, ''), COALESCE(g.updated_at, ''),
       COALESCE(r.errors, -1), COALESCE(r.warnings, 0)
FROM documents d
JOIN units u ON u.code = d.unit_code
LEFT JOIN workflow_state g ON g.unit_code = d.unit_code AND g.year = d.year AND g.track = 'goals'
LEFT JOIN workflow_state m ON m.unit_code = d.unit_code AND m.year = d.year AND m.track = 'monitoring'
LEFT JOIN workflow_state e ON e.unit_code = d.unit_code AND e.year = d.year AND e.track = 'evaluation'
LEFT JOIN review_results r ON r.document_id = d.id AND r.seq = 0
ORDER BY d.unit_code, d.year DESC`)
	if err != nil {
		return nil, fmt.Errorf("读取文件列表失败：%w", err)
	}
	defer rows.Close()
	var out []Summary
	for rows.Next() {
		var m Summary
		var updated, goals, monitoring, evaluation, since string
		if err := rows.Scan(&m.Key.Unit, &m.UnitName, &m.Key.Year, &m.Version, &updated,
			&m.Projects, &m.Budget, &m.Indicators, &goals, &monitoring, &evaluation, &since, &m.Errors, &m.Warnings); err != nil {
			return nil, fmt.Errorf("读取文件列表失败：%w", err)
		}
		if since != "" {
			if m.GoalsSince, err = parseInstant(since); err != nil {
				return nil, err
			}
		}
		m.Goals, m.Monitoring, m.Evaluation = stateOrDraft(goals), stateOrDraft(monitoring), stateOrDraft(evaluation)
		m.Reviewed = m.Errors >= 0
		m.Errors = max(m.Errors, 0)
		if m.Updated, err = parseInstant(updated); err != nil {
			return nil, err
		}
		out = append(out, m)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("读取文件列表失败：%w", err)
	}
	return out, nil
}

// Empty reports whether no document is stored, so a new installation can
// offer to load the example.
func (s *Store) Empty(ctx context.Context) (bool, error) {
	var n int
	err := s.read.QueryRowContext(ctx, `SELECT 1 FROM documents LIMIT 1`).Scan(&n)
	if errors.Is(err, sql.ErrNoRows) {
		return true, nil
	}
	if err != nil {
		return false, fmt.Errorf("读取数据库失败：%w", err)
	}
	return false, nil
}

// tables lists every table of the schema, parents first.
var tables = []string{
	"schema_migrations", "units", "documents", "goal_sections", "goal_items",
	"project_goals", "measures", "projects", "plan_points", "indicators",
	"spending", "progress", "evaluations", "actuals", "evaluation_history",
	"users", "sessions", "api_tokens", "workflow_state", "workflow_transitions",
	"goal_adjustments", "audit_head", "audit_log", "review_results",
	"review_remarks", "work_records", "indicator_measures",
}

// Counts returns the number of rows of every table, so that tests (and an
// operator) can see exactly what an import did or did not change.
func (s *Store) Counts(ctx context.Context) (map[string]int64, error) {
	m := make(map[string]int64, len(tables))
	for _, t := range tables {
		var n int64
		if err := s.read.QueryRowContext(ctx, `SELECT COUNT(*) FROM `+t).Scan(&n); err != nil {
			return nil, fmt.Errorf("统计表 %s 失败：%w", t, err)
		}
		m[t] = n
	}
	return m, nil
}

// instantLayout is how instants are stored: UTC, fixed width, so that text
// order is time order on both engines.
const instantLayout = "2006-01-02T15:04:05.000000000Z"

func formatInstant(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(instantLayout)
}

func parseInstant(s string) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	t, err := time.Parse(instantLayout, s)
	if err != nil {
		return time.Time{}, fmt.Errorf("数据库中的时间“%s”格式不对", s)
	}
	return t, nil
}

// now is the instant stored for a save, rounded to what is stored.
func now() time.Time { return time.Now().UTC().Round(0) }
