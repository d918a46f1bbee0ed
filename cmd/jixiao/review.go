package main

import (
	"jixiao/review"
)

func init() {
	register(command{"review", "审核绩效目标（有错误时退出码为 1）", cmdReview})
}

func cmdReview(e *env, args []string) int {
	f := newReportFlags(e, "review", "review [--unit CODE | --all] [--year YYYY] [--format text|json]")
	if code, ok := f.parse(e, args); !ok {
		return code
	}
	if *f.all {
		return reviewAll(e, f)
	}
	doc, err := f.document(e)
	if err != nil {
		return fail(e, err)
	}
	r := review.Review(doc, review.DefaultConfig())
	write := review.WriteText
	if f.json() {
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
