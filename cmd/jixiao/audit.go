package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"

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
	n, err = st.AuditLength(e.ctx)
	if err != nil {
		return fail(e, err)
	}
	fmt.Fprintf(e.stdout, "审计日志完好：共 %d 条\n", n)
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
	n := 0
	err = writeOut(e, *out, func(w io.Writer) error {
		enc := json.NewEncoder(w)
		enc.SetEscapeHTML(false)
		return st.EachAudit(e.ctx, store.AuditFilter{Unit: *unit, Year: *year}, func(en store.AuditEntry) error {
			n++
			return enc.Encode(en)
		})
	})
	if err != nil {
		return fail(e, err)
	}
	if *out != "" {
		fmt.Fprintf(e.stderr, "已导出 %d 条审计记录到 %s\n", n, *out)
	}
	return exitOK
}
