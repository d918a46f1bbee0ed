package store

import (
	"context"
	"database/sql"
	"embed"
	"fmt"
	"path"
	"sort"
	"strconv"
	"strings"
)

// The schema's history: migrations/NNNN_name.sql, applied in order, each
// once, recorded in schema_migrations. Never edit an applied migration; add
// the next one.
//
//go:embed migrations/*.sql
var migrationFiles embed.FS

// migration is one step of the schema's history.
type migration struct {
	version    int
	name       string
	statements []string
}

// migrations reads the embedded steps in version order.
func migrations() ([]migration, error) {
	entries, err := migrationFiles.ReadDir("migrations")
	if err != nil {
		return nil, err
	}
	var out []migration
	for _, e := range entries {
		num, name, ok := strings.Cut(strings.TrimSuffix(e.Name(), ".sql"), "_")
		v, err := strconv.Atoi(num)
		if !ok || err != nil || v <= 0 {
			return nil, fmt.Errorf("迁移文件名“%s”应为 NNNN_名称.sql", e.Name())
		}
		b, err := migrationFiles.ReadFile(path.Join("migrations", e.Name()))
		if err != nil {
			return nil, err
		}
		out = append(out, migration{version: v, name: name, statements: splitSQL(string(b))})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].version < out[j].version })
	for i := 1; i < len(out); i++ {
		if out[i].version == out[i-1].version {
			return nil, fmt.Errorf("迁移版本 %d 出现两次", out[i].version)
		}
	}
	return out, nil
}

// splitSQL cuts a migration into statements at semicolons that end a line,
// dropping comment lines. Migrations are ours, so this is enough.
func splitSQL(text string) []string {
	var out []string
	var cur strings.Builder
	for _, line := range strings.Split(text, "\n") {
		if t := strings.TrimSpace(line); t == "" || strings.HasPrefix(t, "--") {
			continue
		}
		cur.WriteString(line)
		cur.WriteByte('\n')
		if strings.HasSuffix(strings.TrimSpace(line), ";") {
			out = append(out, strings.TrimSuffix(strings.TrimSpace(cur.String()), ";"))
			cur.Reset()
		}
	}
	if t := strings.TrimSpace(cur.String()); t != "" {
		out = append(out, t)
	}
	return out
}

// migrate applies the migrations the database has not seen, all in one
// transaction: a failing step leaves the schema as it was.
func (s *Store) migrate(ctx context.Context) error {
	steps, err := migrations()
	if err != nil {
		return err
	}
	if _, err := s.write.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
	version    INTEGER PRIMARY KEY,
	name       TEXT NOT NULL,
	applied_at TEXT NOT NULL
)`); err != nil {
		return fmt.Errorf("创建 schema_migrations 表失败：%w", err)
	}
	tx, err := s.write.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("开始迁移事务失败：%w", err)
	}
	defer tx.Rollback()
	if s.d.lockMigrations != "" {
		if _, err := tx.ExecContext(ctx, s.d.lockMigrations); err != nil {
			return fmt.Errorf("锁定 schema_migrations 失败：%w", err)
		}
	}
	applied, err := appliedVersions(ctx, tx)
	if err != nil {
		return err
	}
	at := formatInstant(now())
	for _, m := range steps {
		if applied[m.version] {
			continue
		}
		for _, st := range m.statements {
			st, ok := forEngine(s.d.name, st)
			if !ok {
				continue
			}
			st = strings.ReplaceAll(st, "{{id}}", s.d.id)
			if _, err := tx.ExecContext(ctx, st); err != nil {
				return fmt.Errorf("数据库迁移 %04d_%s 失败：%w", m.version, m.name, err)
			}
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)`,
			m.version, m.name, at); err != nil {
			return fmt.Errorf("记录数据库迁移 %04d 失败：%w", m.version, err)
		}
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("提交数据库迁移失败：%w", err)
	}
	return nil
}

func appliedVersions(ctx context.Context, tx *sql.Tx) (map[int]bool, error) {
	rows, err := tx.QueryContext(ctx, `SELECT version FROM schema_migrations`)
	if err != nil {
		return nil, fmt.Errorf("读取 schema_migrations 失败：%w", err)
	}
	defer rows.Close()
	m := map[int]bool{}
	for rows.Next() {
		var v int
		if err := rows.Scan(&v); err != nil {
			return nil, err
		}
		m[v] = true
	}
	return m, rows.Err()
}
