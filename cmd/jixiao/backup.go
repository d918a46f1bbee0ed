package main

import (
	"errors"
	"fmt"
	"os"

	"jixiao/store"
)

func init() {
	register(command{"backup", "备份 SQLite 数据库（服务运行中也可备份）", cmdBackup})
}

// cmdBackup writes a verified copy of the SQLite database while the
// server may keep running: what a county's administrator runs every
// night. PostgreSQL has its own tools, which the command names.
func cmdBackup(e *env, args []string) int {
	f := newFlags(e, "backup", "backup -o FILE [--force] [--db PATH]")
	out := f.String("o", "", "备份文件（必填）")
	force := f.Bool("force", false, "覆盖已存在的备份文件")
	if code, ok := f.parse(e, args); !ok {
		return code
	}
	if *out == "" || f.NArg() > 0 {
		fmt.Fprintln(e.stderr, "错误：请用 -o 指定备份文件")
		f.Usage()
		return exitFail
	}
	if *f.postgres == "" {
		// Opening a missing file would create an empty database and back
		// that up; a mistyped --db should be an error instead.
		if _, err := os.Stat(*f.db); err != nil {
			return fail(e, fmt.Errorf("数据库文件“%s”不存在或无法读取：%w", *f.db, err))
		}
	}
	st, err := f.open(e)
	if err != nil {
		return fail(e, err)
	}
	defer st.Close()
	rep, err := st.Backup(e.ctx, *out, *force)
	if errors.Is(err, store.ErrBackupUnsupported) {
		fmt.Fprintf(e.stderr, "错误：%v，例如：pg_dump --format=custom --file=jixiao.dump \"$JIXIAO_POSTGRES\"\n", err)
		return exitFail
	}
	if err != nil {
		return fail(e, err)
	}
	fmt.Fprintf(e.stdout, "已备份到 %s：%.1f MB，文档 %d 份，审计日志 %d 条，校验完好\n",
		rep.Path, float64(rep.Bytes)/(1<<20), rep.Documents, rep.Audit)
	fmt.Fprintf(e.stdout, "恢复：停止服务后用备份文件替换 %s（同时删除旁边的 %s-wal、%s-shm 文件），再启动\n", *f.db, *f.db, *f.db)
	return exitOK
}
