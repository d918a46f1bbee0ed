package main

import (
	"fmt"

	"jixiao/review"
)

func init() {
	register(command{"review", "审核绩效目标（有错误时退出码为 1）", cmdReview})
}

func cmdReview(e *env, args []string) int {
	f := newFlags(e, "review", "review [--unit CODE] [--year YYYY] [--format text|json]")
	unit := f.String("unit", "", "单位编码（只有一份文档时可省略）")
	year := f.Int("year", 0, "预算年度（只有一份文档时可省略）")
	format := f.String("format", "text", "输出格式：text 或 json")
	if code, ok := f.parse(e, args); !ok {
		return code
	}
	if *format != "text" && *format != "json" {
		return fail(e, fmt.Errorf("不支持的输出格式“%s”", *format))
	}
	st, err := f.open(e)
	if err != nil {
		return fail(e, err)
	}
	defer st.Close()
	doc, err := pickDocument(e, st, *unit, *year)
	if err != nil {
		return fail(e, err)
	}
	r := review.Review(doc, review.DefaultConfig())
	write := review.WriteText
	if *format == "json" {
		write = review.WriteJSON
	}
	if err := write(e.stdout, r); err != nil {
		return fail(e, err)
	}
	if r.Summary.Errors > 0 {
		return exitFinding
	}
	return exitOK
}
