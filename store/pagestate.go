package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"jixiao"
	"jixiao/auth"
)

// PageCheck is what a signed-in request for a document's page must know
// before a cached page may be sent: whose session Token is, and the
// current revision of document Key.
type PageCheck struct {
	Token string
	Key   jixiao.Key
}

// PageState answers a PageCheck. User is nil when the session is unknown
// or has ended (as SessionByToken's jixiao.ErrNotFound); HasDoc is false
// when there is no such document.
type PageState struct {
	User   *auth.User
	Rev    Revision
	HasDoc bool
}

// PageStates answers the checks of many requests at once, in order. On
// PostgreSQL all of them are one statement, one round trip: a server
// under load checks the requests that arrive together in one read (the
// web package gathers them). On SQLite, where a query costs no round
// trip, each is its own prepared single-row read. Sessions are judged and
// marked used as SessionByToken does.
func (s *Store) PageStates(ctx context.Context, set auth.Settings, checks []PageCheck) ([]PageState, error) {
	out := make([]PageState, len(checks))
	if len(checks) == 0 {
		return out, nil
	}
	hashes := make([]string, len(checks))
	for i, c := range checks {
		hashes[i] = auth.HashToken(c.Token)
	}
	var err error
	if s.Dialect() == "postgres" {
		err = s.pageStatesPG(ctx, set, checks, hashes, out)
	} else {
		for i := range checks {
			if err = s.pageState(ctx, set, checks[i], hashes[i], &out[i]); err != nil {
				break
			}
		}
	}
	if err != nil {
		return nil, fmt.Errorf("读取会话失败：%w", err)
	}
	return out, nil
}

// pageState reads one check's session, user and revision with one
// prepared statement.
func (s *Store) pageState(ctx context.Context, set auth.Settings, c PageCheck, h string, out *PageState) error {
	st, err := s.prepared(ctx, `SELECT `+userColumns+`, s_created, s_seen, d_id, d_revision FROM users
JOIN (SELECT user_id, created_at AS s_created, last_seen AS s_seen FROM sessions WHERE token_hash = $1) s ON s.user_id = users.id
LEFT JOIN (SELECT id AS d_id, revision AS d_revision FROM documents WHERE unit_code = $2 AND year = $3) d ON TRUE`)
	if err != nil {
		return err
	}
	var created, seen string
	var doc, n sql.NullInt64
	u, err := scanUser(scanAlso{st.QueryRowContext(ctx, h, c.Key.Unit, c.Key.Year), []any{&created, &seen, &doc, &n}})
	if errors.Is(err, sql.ErrNoRows) {
		return nil
	}
	if err != nil {
		return err
	}
	return s.judge(ctx, set, h, u, created, seen, doc, n, out)
}

// pageStatesPG reads every check in one statement: the checks go in as
// arrays, numbered by WITH ORDINALITY so each row finds its check.
func (s *Store) pageStatesPG(ctx context.Context, set auth.Settings, checks []PageCheck, hashes []string, out []PageState) error {
	units := make([]string, len(checks))
	years := make([]int32, len(checks))
	for i, c := range checks {
		units[i], years[i] = c.Key.Unit, int32(c.Key.Year)
	}
	st, err := s.prepared(ctx, `SELECT q.i, `+qualified("u", userColumns)+`, s.created_at, s.last_seen, d.id, d.revision
FROM unnest($1::text[], $2::text[], $3::int[]) WITH ORDINALITY AS q(h, unit, year, i)
JOIN sessions s ON s.token_hash = q.h
JOIN users u ON u.id = s.user_id
LEFT JOIN documents d ON d.unit_code = q.unit AND d.year = q.year`)
	if err != nil {
		return err
	}
	rows, err := st.QueryContext(ctx, hashes, units, years)
	if err != nil {
		return err
	}
	defer rows.Close()
	type found struct {
		i             int
		u             *auth.User
		created, seen string
		doc, n        sql.NullInt64
	}
	var all []found
	for rows.Next() {
		var f found
		u, err := scanUser(scanFirst{rows, []any{&f.i}, []any{&f.created, &f.seen, &f.doc, &f.n}})
		if err != nil {
			return err
		}
		if f.i < 1 || f.i > len(checks) {
			return fmt.Errorf("会话查询返回了第 %d 行", f.i)
		}
		f.u = u
		all = append(all, f)
	}
	if err := rows.Err(); err != nil {
		return err
	}
	rows.Close()
	for _, f := range all {
		if err := s.judge(ctx, set, hashes[f.i-1], f.u, f.created, f.seen, f.doc, f.n, &out[f.i-1]); err != nil {
			return err
		}
	}
	return nil
}

// judge fills out from a session read with its user and document: an
// ended session leaves the user out, as SessionByToken would refuse it.
func (s *Store) judge(ctx context.Context, set auth.Settings, h string, u *auth.User, created, seen string,
	doc, n sql.NullInt64, out *PageState) error {
	err := s.liveSession(ctx, h, u, created, seen, set)
	if errors.Is(err, jixiao.ErrNotFound) {
		return nil
	}
	if err != nil {
		return err
	}
	out.User = u
	out.Rev, out.HasDoc = Revision{Doc: doc.Int64, N: n.Int64}, doc.Valid && n.Valid
	return nil
}

// qualified prefixes each of a comma-separated column list with table.
func qualified(table, cols string) string {
	f := strings.Split(cols, ",")
	for i, c := range f {
		f[i] = table + "." + strings.TrimSpace(c)
	}
	return strings.Join(f, ", ")
}

// scanFirst scans a row into leading destinations, then those given to
// Scan, then extra ones, so scanUser can read a row with columns around
// the user's.
type scanFirst struct {
	rows         *sql.Rows
	first, extra []any
}

func (s scanFirst) Scan(dest ...any) error {
	all := append(append(append([]any{}, s.first...), dest...), s.extra...)
	return s.rows.Scan(all...)
}
