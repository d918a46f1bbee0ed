package main

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"

	"jixiao/store"
)

func init() {
	register(command{"audit", "校验或导出审计日志（verify、export）", cmdAudit})
}

var auditSubs = []subcommand{
	{"verify", "verify            校验审计日志未被篡改（退出码 0 完好，1 已被篡改，2 无法校验）", cmdAuditVerify},
	{"export", "export [--unit CODE] [--year YYYY] [-o FILE]   导出为 JSON Lines，每行一条", cmdAuditExport},
}

func cmdAudit(e *env, args []string) int { return dispatch(e, "audit", auditSubs, args) }

func cmdAuditVerify(e *env, args []string) int {
	f := newFlags(e, "audit verify", "audit verify")
	if code, ok := f.parse(e, args); !ok {
		return code
	}
	st, err := f.open(e)
	if err != nil {
		return fail(e, err)
	}
	defer st.Close()
	n, err := st.VerifyAudit(e.ctx)
	if errors.Is(err, store.ErrAuditBroken) {
		fmt.Fprintf(e.stdout, "审计日志已被篡改：第 %d 条起不可信\n", n)
		fmt.Fprintf(e.stderr, "%v\n", err)
		return exitFinding
	}
	if err != nil {
		return fail(e, err)
	}
	all, err := st.AuditLog(e.ctx, store.AuditFilter{})
	if err != nil {
		return fail(e, err)
	}
	fmt.Fprintf(e.stdout, "审计日志完好：共 %d 条\n", len(all))
	return exitOK
}

func cmdAuditExport(e *env, args []string) int {
	f := newFlags(e, "audit export", "audit export [--unit CODE] [--year YYYY] [-o FILE]")
	unit := f.String("unit", "", "单位编码（默认全部）")
	year := f.Int("year", 0, "预算年度（默认全部）")
	out := f.String("o", "", "输出文件（默认标准输出）")
	if code, ok := f.parse(e, args); !ok {
		return code
	}
	st, err := f.open(e)
	if err != nil {
		return fail(e, err)
	}
	defer st.Close()
	entries, err := st.AuditLog(e.ctx, store.AuditFilter{Unit: *unit, Year: *year})
	if err != nil {
		return fail(e, err)
	}
	var w io.Writer = e.stdout
	var file *os.File
	if *out != "" {
		if file, err = os.Create(*out); err != nil {
			return fail(e, err)
		}
		defer file.Close()
		w = file
	}
	bw := bufio.NewWriter(w)
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false)
	for _, en := range entries {
		if err := enc.Encode(en); err != nil {
			return fail(e, err)
		}
	}
	if err := bw.Flush(); err != nil {
		return fail(e, err)
	}
	if file != nil {
		if err := file.Close(); err != nil {
			return fail(e, err)
		}
		fmt.Fprintf(e.stderr, "已导出 %d 条审计记录到 %s\n", len(entries), *out)
	}
	return exitOK
}
