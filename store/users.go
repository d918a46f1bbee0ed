package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"

	"jixiao"
	"jixiao/auth"
)

// Accounts, sessions and API tokens. Passwords arrive hashed (package
// auth hashes them); tokens arrive in clear and only their SHA-256 is
// stored. Every change of an account is written to the audit trail in the
// same transaction, as done by the actor named by the caller.

// ErrBadLogin is the one answer to a wrong user name or password, so that
// a guesser learns nothing about which accounts exist.
var ErrBadLogin = errors.New("用户名或密码不对")

// LockedError says an account is locked out after too many failed logins.
type LockedError struct{ Until time.Time }

func (e *LockedError) Error() string {
	m := int(time.Until(e.Until).Round(time.Minute) / time.Minute)
	if m < 1 {
		m = 1
	}
	return fmt.Sprintf("登录失败次数过多，账户已锁定，请 %d 分钟后再试", m)
}

const userColumns = `id, username, display_name, role, units, password_hash, must_change, disabled,
failed_logins, locked_until, created_at, updated_at`

func scanUser(row interface{ Scan(...any) error }) (*auth.User, error) {
	var u auth.User
	var role, units, locked, created, updated string
	if err := row.Scan(&u.ID, &u.Name, &u.Display, &role, &units, &u.PasswordHash, &u.MustChange, &u.Disabled,
		&u.Failed, &locked, &created, &updated); err != nil {
		return nil, err
	}
	u.Role = auth.Role(role)
	if units != "" {
		u.Units = strings.Split(units, ",")
	}
	var err error
	if u.LockedUntil, err = parseInstant(locked); err != nil {
		return nil, err
	}
	if u.Created, err = parseInstant(created); err != nil {
		return nil, err
	}
	if u.Updated, err = parseInstant(updated); err != nil {
		return nil, err
	}
	return &u, nil
}

// userAudit is what the audit trail keeps of an account: never the hash.
type userAudit struct {
	Name       string   `json:"username"`
	Display    string   `json:"display_name,omitempty"`
	Role       string   `json:"role"`
	Units      []string `json:"units,omitempty"`
	MustChange bool     `json:"must_change,omitempty"`
	Disabled   bool     `json:"disabled,omitempty"`
}

func auditUser(u *auth.User) string {
	if u == nil {
		return ""
	}
	return toJSON(userAudit{u.Name, u.Display, string(u.Role), u.Units, u.MustChange, u.Disabled})
}

// checkUser validates an account before it is stored.
func checkUser(u *auth.User) error {
	name := strings.TrimSpace(u.Name)
	if name == "" || name != u.Name || strings.ContainsAny(name, " \t\r\n,") {
		return fmt.Errorf("用户名“%s”不可用：不能为空，不能含有空格或逗号", u.Name)
	}
	if !u.Role.Valid() {
		return fmt.Errorf("用户 %s：没有“%s”这个角色（可选 admin、reviewer、editor、viewer）", u.Name, u.Role)
	}
	for _, c := range u.Units {
		if strings.ContainsAny(c, ", \t") {
			return fmt.Errorf("用户 %s：单位编码“%s”不能含有空格或逗号", u.Name, c)
		}
	}
	if (u.Role == auth.Editor || u.Role == auth.Viewer) && len(u.Units) == 0 {
		return fmt.Errorf("用户 %s：%s须指定所属单位编码", u.Name, u.Role.Label())
	}
	if u.PasswordHash == "" {
		return fmt.Errorf("用户 %s：缺少密码", u.Name)
	}
	return nil
}

// CreateUser stores a new account; u.PasswordHash must be set (see
// auth.HashPassword). It returns the stored user with its id and stamps.
// A name already taken is jixiao.ErrConflict.
func (s *Store) CreateUser(ctx context.Context, u auth.User, by string) (*auth.User, error) {
	out, err := s.CreateUsers(ctx, []auth.User{u}, by)
	if err != nil {
		return nil, err
	}
	return &out[0], nil
}

// CreateUsers stores new accounts in one transaction, all or none, as
// CreateUser stores one (a county's departments are set up at once). A
// refusal names the account and its position in us.
func (s *Store) CreateUsers(ctx context.Context, us []auth.User, by string) ([]auth.User, error) {
	out := slices.Clone(us)
	at := now()
	for i := range out {
		u := &out[i]
		if err := checkUser(u); err != nil {
			if len(us) > 1 {
				err = fmt.Errorf("第 %d 个账户：%w", i+1, err)
			}
			return nil, err
		}
		u.Created, u.Updated, u.Failed, u.LockedUntil = at, at, 0, time.Time{}
	}
	err := s.inTx(ctx, "创建用户", func(tx *sql.Tx) error {
		for i := range out {
			u := &out[i]
			var n int
			err := tx.QueryRowContext(ctx, `SELECT 1 FROM users WHERE username = $1`, u.Name).Scan(&n)
			if err == nil {
				return fmt.Errorf("用户名 %s 已被使用：%w", u.Name, jixiao.ErrConflict)
			}
			if !errors.Is(err, sql.ErrNoRows) {
				return err
			}
			if err := tx.QueryRowContext(ctx, `INSERT INTO users (username, display_name, role, units, password_hash,
must_change, disabled, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8) RETURNING id`,
				u.Name, u.Display, string(u.Role), strings.Join(u.Units, ","), u.PasswordHash, u.MustChange, u.Disabled,
				formatInstant(at)).Scan(&u.ID); err != nil {
				return err
			}
			if err := appendAudit(ctx, tx, AuditEntry{Actor: by, Action: AuditUserCreate, Object: "user:" + u.Name,
				After: auditUser(u)}); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// inTx runs f in a write transaction and commits; what names the work in
// the error message.
func (s *Store) inTx(ctx context.Context, what string, f func(tx *sql.Tx) error) error {
	tx, err := s.write.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("%s失败：%w", what, err)
	}
	defer tx.Rollback()
	if err := f(tx); err != nil {
		var le *LockedError
		var ce *checkError
		if errors.Is(err, jixiao.ErrNotFound) || errors.Is(err, jixiao.ErrConflict) || errors.As(err, &le) || errors.As(err, &ce) {
			return err
		}
		return fmt.Errorf("%s失败：%w", what, err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("%s失败：%w", what, err)
	}
	return nil
}

func userBy(ctx context.Context, q querier, where string, arg any) (*auth.User, error) {
	u, err := scanUser(q.QueryRowContext(ctx, `SELECT `+userColumns+` FROM users WHERE `+where, arg))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("用户：%w", jixiao.ErrNotFound)
	}
	return u, err
}

// UserByName returns the account with the login name, or an error
// wrapping jixiao.ErrNotFound.
func (s *Store) UserByName(ctx context.Context, name string) (*auth.User, error) {
	return userBy(ctx, s.read, `username = $1`, name)
}

// UserByID returns the account with the id, or an error wrapping
// jixiao.ErrNotFound.
func (s *Store) UserByID(ctx context.Context, id int64) (*auth.User, error) {
	return userBy(ctx, s.read, `id = $1`, id)
}

// Users lists every account by login name.
func (s *Store) Users(ctx context.Context) ([]auth.User, error) {
	rows, err := s.read.QueryContext(ctx, `SELECT `+userColumns+` FROM users ORDER BY username`)
	if err != nil {
		return nil, fmt.Errorf("读取用户列表失败：%w", err)
	}
	defer rows.Close()
	var out []auth.User
	for rows.Next() {
		u, err := scanUser(rows)
		if err != nil {
			return nil, fmt.Errorf("读取用户列表失败：%w", err)
		}
		out = append(out, *u)
	}
	return out, rows.Err()
}

// changeUser applies f to the stored account inside a transaction, stores
// what f changed, and records before and after in the audit trail under
// the action. When endSessions is set the user's sessions end too.
func (s *Store) changeUser(ctx context.Context, name, by, action string, endSessions bool, f func(u *auth.User) error) error {
	return s.inTx(ctx, "修改用户 "+name, func(tx *sql.Tx) error {
		u, err := userBy(ctx, tx, `username = $1`, name)
		if err != nil {
			return fmt.Errorf("用户 %s：%w", name, jixiao.ErrNotFound)
		}
		before := auditUser(u)
		if err := f(u); err != nil {
			return err
		}
		if err := checkUser(u); err != nil {
			return &checkError{err} // the caller's mistake, said as it is
		}
		if _, err := tx.ExecContext(ctx, `UPDATE users SET display_name = $1, role = $2, units = $3, password_hash = $4,
must_change = $5, disabled = $6, failed_logins = $7, locked_until = $8, updated_at = $9 WHERE id = $10`,
			u.Display, string(u.Role), strings.Join(u.Units, ","), u.PasswordHash, u.MustChange, u.Disabled,
			u.Failed, formatInstant(u.LockedUntil), formatInstant(now()), u.ID); err != nil {
			return err
		}
		if endSessions {
			if _, err := tx.ExecContext(ctx, `DELETE FROM sessions WHERE user_id = $1`, u.ID); err != nil {
				return err
			}
		}
		return appendAudit(ctx, tx, AuditEntry{Actor: by, Action: action, Object: "user:" + name,
			Before: before, After: auditUser(u)})
	})
}

// UpdateUser changes an account's display name, role and units.
func (s *Store) UpdateUser(ctx context.Context, name, display string, role auth.Role, units []string, by string) error {
	return s.changeUser(ctx, name, by, AuditUserUpdate, true, func(u *auth.User) error {
		u.Display, u.Role, u.Units = display, role, units
		return nil
	})
}

// UpdatePassword sets a new password hash. mustChange is true when someone
// else (an administrator) set it, so that the user changes it at the next
// login. The lock-out is lifted and the user's sessions end.
func (s *Store) UpdatePassword(ctx context.Context, name, hash string, mustChange bool, by string) error {
	return s.changeUser(ctx, name, by, AuditUserPassword, true, func(u *auth.User) error {
		u.PasswordHash, u.MustChange, u.Failed, u.LockedUntil = hash, mustChange, 0, time.Time{}
		return nil
	})
}

// DisableUser stops the account from signing in and ends its sessions;
// its API tokens stop working too (UserByToken refuses disabled users).
// Accounts are never deleted: the audit trail names them.
func (s *Store) DisableUser(ctx context.Context, name, by string) error {
	return s.changeUser(ctx, name, by, AuditUserDisable, true, func(u *auth.User) error {
		u.Disabled = true
		return nil
	})
}

// EnableUser lets a disabled account sign in again.
func (s *Store) EnableUser(ctx context.Context, name, by string) error {
	return s.changeUser(ctx, name, by, AuditUserEnable, false, func(u *auth.User) error {
		u.Disabled, u.Failed, u.LockedUntil = false, 0, time.Time{}
		return nil
	})
}

// RecordLoginFailure counts a failed login of the account; at
// set.MaxFailures in a row the account locks for set.LockFor (and the
// lock-out is audited). It returns the account as it now stands; an
// unknown name is jixiao.ErrNotFound.
func (s *Store) RecordLoginFailure(ctx context.Context, name string, set auth.Settings) (*auth.User, error) {
	var out *auth.User
	err := s.inTx(ctx, "记录登录失败", func(tx *sql.Tx) error {
		// One statement counts, so that guesses at once all count.
		var n int
		err := tx.QueryRowContext(ctx, `UPDATE users SET failed_logins = failed_logins + 1 WHERE username = $1
RETURNING failed_logins`, name).Scan(&n)
		if errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("用户 %s：%w", name, jixiao.ErrNotFound)
		}
		if err != nil {
			return err
		}
		u, err := userBy(ctx, tx, `username = $1`, name)
		if err != nil {
			return err
		}
		locks := set.MaxFailures > 0 && n >= set.MaxFailures
		if locks {
			u.LockedUntil, u.Failed = now().Add(set.LockFor), 0
			if _, err := tx.ExecContext(ctx, `UPDATE users SET failed_logins = 0, locked_until = $1 WHERE id = $2`,
				formatInstant(u.LockedUntil), u.ID); err != nil {
				return err
			}
		}
		out = u
		if locks {
			return appendAudit(ctx, tx, AuditEntry{Actor: name, Action: AuditUserLocked, Object: "user:" + name,
				After: toJSON(map[string]string{"locked_until": formatInstant(u.LockedUntil)})})
		}
		return nil
	})
	return out, err
}

// RecordLoginSuccess clears the account's failed-login count.
func (s *Store) RecordLoginSuccess(ctx context.Context, name string) error {
	_, err := s.write.ExecContext(ctx, `UPDATE users SET failed_logins = 0, locked_until = '' WHERE username = $1`, name)
	if err != nil {
		return fmt.Errorf("记录登录失败：%w", err)
	}
	return nil
}

// Login checks a user name and password with the lock-out rules: a
// disabled account, an unknown name or a wrong password give ErrBadLogin
// (a wrong password counts towards the lock-out), a locked account a
// *LockedError, even with the right password. On success the count is
// cleared and the user returned; the caller then makes a session, and
// sends the user to change the password first if u.MustChange.
func (s *Store) Login(ctx context.Context, name, password string, set auth.Settings) (*auth.User, error) {
	u, err := s.UserByName(ctx, name)
	if errors.Is(err, jixiao.ErrNotFound) {
		auth.CheckPassword(dummyHash(), password) // take as long as for a real account
		return nil, ErrBadLogin
	}
	if err != nil {
		return nil, err
	}
	if u.Locked(now()) {
		return nil, &LockedError{Until: u.LockedUntil}
	}
	ok, err := auth.CheckPassword(u.PasswordHash, password)
	if err != nil {
		return nil, err
	}
	if !ok || u.Disabled {
		if !ok {
			if u, err := s.RecordLoginFailure(ctx, name, set); err == nil && u.Locked(now()) {
				return nil, &LockedError{Until: u.LockedUntil}
			}
		}
		return nil, ErrBadLogin
	}
	if u.Failed > 0 || !u.LockedUntil.IsZero() {
		if err := s.RecordLoginSuccess(ctx, name); err != nil {
			return nil, err
		}
		u.Failed, u.LockedUntil = 0, time.Time{}
	}
	return u, nil
}

// dummyHash is checked against when the user name is unknown.
var dummyHash = sync.OnceValue(func() string {
	h, _ := auth.HashPassword("no such user")
	return h
})

// CreateSession starts a session for the user and returns its token (for
// the cookie); only the token's hash is stored.
func (s *Store) CreateSession(ctx context.Context, userID int64) (string, error) {
	token := auth.NewToken()
	at := formatInstant(now())
	if _, err := s.write.ExecContext(ctx, `INSERT INTO sessions (token_hash, user_id, created_at, last_seen)
VALUES ($1, $2, $3, $3)`, auth.HashToken(token), userID, at); err != nil {
		return "", fmt.Errorf("创建会话失败：%w", err)
	}
	return token, nil
}

// SessionByToken returns the user of a live session and marks the session
// used now. A session unknown, idle longer than set.IdleTimeout, older
// than set.MaxSession, or of a disabled account is jixiao.ErrNotFound (an
// ended one is deleted).
func (s *Store) SessionByToken(ctx context.Context, token string, set auth.Settings) (*auth.User, error) {
	return s.session(ctx, token, set)
}

// session reads a live session and its user.
func (s *Store) session(ctx context.Context, token string, set auth.Settings) (*auth.User, error) {
	h := auth.HashToken(token)
	var created, seen string
	// Every request asks this: one prepared statement reads the session
	// and its user together.
	st, err := s.prepared(ctx, `SELECT `+userColumns+`, s_created, s_seen FROM users
JOIN (SELECT user_id, created_at AS s_created, last_seen AS s_seen FROM sessions WHERE token_hash = $1) s ON s.user_id = users.id`)
	if err != nil {
		return nil, fmt.Errorf("读取会话失败：%w", err)
	}
	u, err := scanUser(scanAlso{st.QueryRowContext(ctx, h), []any{&created, &seen}})
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("会话：%w", jixiao.ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("读取会话失败：%w", err)
	}
	if err := s.liveSession(ctx, h, u, created, seen, set); err != nil {
		return nil, err
	}
	return u, nil
}

// liveSession decides whether a session read with its user is still
// live: one idle longer than set.IdleTimeout, older than set.MaxSession,
// or of a disabled account is deleted and is jixiao.ErrNotFound. A live
// one's last use is written at most once per sixtieth of the idle timeout
// (30 s of the default 30 min), not on every request: a page view then
// costs no write, and a session ends at most that much before its full
// idle time.
func (s *Store) liveSession(ctx context.Context, h string, u *auth.User, created, seen string, set auth.Settings) error {
	c, err1 := parseInstant(created)
	l, err2 := parseInstant(seen)
	if err := errors.Join(err1, err2); err != nil {
		return err
	}
	at := now()
	if at.Sub(l) > set.IdleTimeout || at.Sub(c) > set.MaxSession || u.Disabled {
		s.write.ExecContext(ctx, `DELETE FROM sessions WHERE token_hash = $1`, h)
		return fmt.Errorf("会话已过期：%w", jixiao.ErrNotFound)
	}
	if at.Sub(l) >= set.IdleTimeout/60 {
		if _, err := s.write.ExecContext(ctx, `UPDATE sessions SET last_seen = $1 WHERE token_hash = $2`,
			formatInstant(at), h); err != nil {
			return fmt.Errorf("更新会话失败：%w", err)
		}
	}
	return nil
}

// PurgeSessions deletes the sessions that have ended by the settings'
// timeouts; run it now and then (serve, daily), since an ended session is
// otherwise only deleted when its token is presented again.
func (s *Store) PurgeSessions(ctx context.Context, set auth.Settings) (int64, error) {
	at := now()
	res, err := s.write.ExecContext(ctx, `DELETE FROM sessions WHERE last_seen < $1 OR created_at < $2`,
		formatInstant(at.Add(-set.IdleTimeout)), formatInstant(at.Add(-set.MaxSession)))
	if err != nil {
		return 0, fmt.Errorf("清理过期会话失败：%w", err)
	}
	return res.RowsAffected()
}

// DeleteSession ends a session (logout). An unknown token is no error.
func (s *Store) DeleteSession(ctx context.Context, token string) error {
	if _, err := s.write.ExecContext(ctx, `DELETE FROM sessions WHERE token_hash = $1`, auth.HashToken(token)); err != nil {
		return fmt.Errorf("退出登录失败：%w", err)
	}
	return nil
}

// APIToken describes a stored API token; the token itself is shown only
// once, when created.
type APIToken struct {
	ID       int64
	UserID   int64
	Name     string
	Created  time.Time
	LastUsed time.Time
	Revoked  time.Time // zero while valid
}

// CreateToken makes a new API token for the user and returns it in clear,
// the only time it is available, with its id.
func (s *Store) CreateToken(ctx context.Context, userID int64, name, by string) (string, int64, error) {
	token := auth.NewToken()
	var id int64
	err := s.inTx(ctx, "创建接口令牌", func(tx *sql.Tx) error {
		var username string
		if err := tx.QueryRowContext(ctx, `SELECT username FROM users WHERE id = $1`, userID).Scan(&username); err != nil {
			if errors.Is(err, sql.ErrNoRows) {
				return fmt.Errorf("用户：%w", jixiao.ErrNotFound)
			}
			return err
		}
		if err := tx.QueryRowContext(ctx, `INSERT INTO api_tokens (token_hash, user_id, name, created_at)
VALUES ($1, $2, $3, $4) RETURNING id`, auth.HashToken(token), userID, name, formatInstant(now())).Scan(&id); err != nil {
			return err
		}
		return appendAudit(ctx, tx, AuditEntry{Actor: by, Action: AuditTokenCreate, Object: "user:" + username,
			After: toJSON(map[string]any{"token_id": id, "name": name})})
	})
	if err != nil {
		return "", 0, err
	}
	return token, id, nil
}

// UserByToken returns the user of a valid API token and marks it used. A
// token unknown, revoked, or of a disabled account is jixiao.ErrNotFound.
func (s *Store) UserByToken(ctx context.Context, token string) (*auth.User, error) {
	h := auth.HashToken(token)
	var uid int64
	err := s.read.QueryRowContext(ctx, `SELECT user_id FROM api_tokens WHERE token_hash = $1 AND revoked_at = ''`, h).Scan(&uid)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("接口令牌：%w", jixiao.ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("读取接口令牌失败：%w", err)
	}
	u, err := s.UserByID(ctx, uid)
	if err != nil {
		return nil, err
	}
	if u.Disabled {
		return nil, fmt.Errorf("接口令牌：%w", jixiao.ErrNotFound)
	}
	if _, err := s.write.ExecContext(ctx, `UPDATE api_tokens SET last_used = $1 WHERE token_hash = $2`,
		formatInstant(now()), h); err != nil {
		return nil, fmt.Errorf("更新接口令牌失败：%w", err)
	}
	return u, nil
}

// Tokens lists the user's API tokens, revoked ones included.
func (s *Store) Tokens(ctx context.Context, userID int64) ([]APIToken, error) {
	rows, err := s.read.QueryContext(ctx, `SELECT id, user_id, name, created_at, last_used, revoked_at
FROM api_tokens WHERE user_id = $1 ORDER BY id`, userID)
	if err != nil {
		return nil, fmt.Errorf("读取接口令牌失败：%w", err)
	}
	defer rows.Close()
	var out []APIToken
	for rows.Next() {
		var t APIToken
		var c, l, r string
		if err := rows.Scan(&t.ID, &t.UserID, &t.Name, &c, &l, &r); err != nil {
			return nil, err
		}
		var e1, e2, e3 error
		t.Created, e1 = parseInstant(c)
		t.LastUsed, e2 = parseInstant(l)
		t.Revoked, e3 = parseInstant(r)
		if err := errors.Join(e1, e2, e3); err != nil {
			return nil, err
		}
		out = append(out, t)
	}
	return out, rows.Err()
}

// RevokeToken stops an API token from working. Revoking twice, or an
// unknown id, is jixiao.ErrNotFound.
func (s *Store) RevokeToken(ctx context.Context, id int64, by string) error {
	return s.inTx(ctx, "吊销接口令牌", func(tx *sql.Tx) error {
		var username string
		err := tx.QueryRowContext(ctx, `SELECT u.username FROM api_tokens t JOIN users u ON u.id = t.user_id
WHERE t.id = $1 AND t.revoked_at = ''`, id).Scan(&username)
		if errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("接口令牌 %d：%w", id, jixiao.ErrNotFound)
		}
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE api_tokens SET revoked_at = $1 WHERE id = $2`, formatInstant(now()), id); err != nil {
			return err
		}
		return appendAudit(ctx, tx, AuditEntry{Actor: by, Action: AuditTokenRevoke, Object: "user:" + username,
			Before: toJSON(map[string]any{"token_id": id})})
	})
}

// EnsureAdmin makes the first account on a new installation: when no user
// exists it creates "admin" with a random one-time password, which it
// returns (for serve to print once) with created true; the password must
// be changed at first login. There is never a fixed default password.
func (s *Store) EnsureAdmin(ctx context.Context) (password string, created bool, err error) {
	var n int
	err = s.read.QueryRowContext(ctx, `SELECT 1 FROM users LIMIT 1`).Scan(&n)
	if err == nil {
		return "", false, nil
	}
	if !errors.Is(err, sql.ErrNoRows) {
		return "", false, fmt.Errorf("读取用户失败：%w", err)
	}
	password = auth.GeneratePassword()
	hash, err := auth.HashPassword(password)
	if err != nil {
		return "", false, err
	}
	_, err = s.CreateUser(ctx, auth.User{Name: "admin", Display: "系统管理员", Role: auth.Admin,
		PasswordHash: hash, MustChange: true}, SystemActor)
	if errors.Is(err, jixiao.ErrConflict) {
		return "", false, nil // another process made it just now
	}
	if err != nil {
		return "", false, err
	}
	return password, true, nil
}

// SystemActor is the actor of what the product does by itself, such as
// creating the first administrator.
const SystemActor = "系统"
