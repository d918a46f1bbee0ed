package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
)

// ErrBackupUnsupported says the engine is backed up with its own tools:
// a PostgreSQL server is backed up with pg_dump or its base backups,
// which the operator of the server already runs.
var ErrBackupUnsupported = errors.New("PostgreSQL 数据库请用 pg_dump（或服务器的基础备份）备份")

// BackupReport is what a backup wrote and what its check of the copy found.
type BackupReport struct {
	Path      string
	Bytes     int64
	Documents int
	Audit     int64 // entries in the copy's audit trail, all verified
}

// Backup writes a consistent copy of the SQLite database to path while
// the store stays in use: VACUUM INTO reads one snapshot (writers go on;
// the copy has what was committed when it started) and writes a compact
// file. The copy is written beside path and checked before it is renamed
// into place — the engine's integrity check, then the copy opened as a
// store, its documents listed and its audit chain verified — so a file
// at path is always a whole, verified backup. An existing file at path is
// replaced only with overwrite.
func (s *Store) Backup(ctx context.Context, path string, overwrite bool) (BackupReport, error) {
	if s.d != sqliteDialect {
		return BackupReport{}, ErrBackupUnsupported
	}
	if _, err := os.Stat(path); err == nil && !overwrite {
		return BackupReport{}, fmt.Errorf("备份文件“%s”已存在；要覆盖它请加 --force", path)
	}
	// VACUUM INTO writes into a file that does not exist or is empty: an
	// empty temporary file beside path, so the rename stays on one disk.
	tmp, err := os.CreateTemp(filepath.Dir(path), ".jixiao-backup-*")
	if err != nil {
		return BackupReport{}, fmt.Errorf("无法在“%s”所在目录写入备份：%w", path, err)
	}
	name := tmp.Name()
	tmp.Close()
	defer os.Remove(name) // nothing is left to remove after the rename
	if err := vacuumInto(ctx, s.path, name); err != nil {
		return BackupReport{}, fmt.Errorf("备份失败：%w", err)
	}
	rep, err := checkBackup(ctx, name)
	if err != nil {
		return BackupReport{}, fmt.Errorf("备份副本校验失败，未写入“%s”：%w", path, err)
	}
	if err := os.Rename(name, path); err != nil {
		return BackupReport{}, fmt.Errorf("备份写入“%s”失败：%w", path, err)
	}
	rep.Path = path
	return rep, nil
}

// vacuumInto copies the database at path into the empty file name. The
// store's readers are query-only, which VACUUM INTO refuses, and its
// writer must stay free for saves, so the copy gets a connection of its
// own, opened as a writer's (it only reads the source).
func vacuumInto(ctx context.Context, path, name string) error {
	db, err := sql.Open("sqlite", sqliteDSN(path, true))
	if err != nil {
		return err
	}
	defer db.Close()
	_, err = db.ExecContext(ctx, `VACUUM INTO $1`, name)
	return err
}

// checkBackup checks a copy: the engine's integrity check, then the copy
// as a store — its documents listed and its audit chain verified.
func checkBackup(ctx context.Context, name string) (BackupReport, error) {
	db, err := sql.Open("sqlite", sqliteDSN(name, false))
	if err != nil {
		return BackupReport{}, err
	}
	var ok string
	err = db.QueryRowContext(ctx, `PRAGMA integrity_check`).Scan(&ok)
	db.Close()
	if err != nil {
		return BackupReport{}, err
	}
	if ok != "ok" {
		return BackupReport{}, fmt.Errorf("完整性检查：%s", ok)
	}
	c, err := Open(ctx, Config{SQLite: name})
	if err != nil {
		return BackupReport{}, err
	}
	defer c.Close()
	docs, err := c.Documents(ctx)
	if err != nil {
		return BackupReport{}, err
	}
	if _, err := c.VerifyAudit(ctx); err != nil {
		return BackupReport{}, err
	}
	n, err := c.AuditLength(ctx)
	if err != nil {
		return BackupReport{}, err
	}
	st, err := os.Stat(name)
	if err != nil {
		return BackupReport{}, err
	}
	return BackupReport{Bytes: st.Size(), Documents: len(docs), Audit: n}, nil
}
