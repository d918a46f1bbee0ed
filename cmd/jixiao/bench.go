package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"time"

	"jixiao/bench"
)

func init() {
	register(command{"bench", "容量测试：生成模拟全省数据，测导入、审核、监控、评分和网页，对照数据库自身的基线", cmdBench})
}

func cmdBench(e *env, args []string) int {
	// "bench worker" is the product's side of a run, in a process of its
	// own (see bench.Worker); it is started by bench itself.
	if len(args) == 1 && args[0] == "worker" {
		if err := bench.Worker(e.ctx, e.stdin, e.stdout); err != nil {
			return fail(e, err)
		}
		return exitOK
	}
	fs := flag.NewFlagSet("bench", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	var o bench.Options
	fs.IntVar(&o.Units, "units", 20, "单位数")
	fs.IntVar(&o.ProjectsPerUnit, "projects-per-unit", 50, "每单位项目数")
	fs.Uint64Var(&o.Seed, "seed", 1, "随机种子")
	fs.StringVar(&o.Postgres, "postgres", "", "PostgreSQL DSN：同时在 PostgreSQL 上测（在新建的模式中，测完删除）")
	fs.StringVar(&o.Dir, "dir", "", "SQLite 文件和 CSV 的目录（默认临时目录，测完删除）")
	fs.IntVar(&o.BatchUnits, "batch", 10, "每次 SaveDocuments（一个事务）包含的单位数")
	fs.IntVar(&o.Clients, "clients", 32, "网页测试的并发客户端数")
	fs.IntVar(&o.Requests, "requests", 2000, "每种网页最多请求次数")
	fs.DurationVar(&o.MaxDuration, "max-duration", 20*time.Second, "每种网页最长测试时间")
	jsonOut := fs.String("json", "", "把结果另存为 JSON 文件")
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "用法: jixiao bench [--units N --projects-per-unit M] [--postgres DSN] [--json FILE]\n\n选项:\n")
		fs.PrintDefaults()
	}
	code, ok := parseFlagSet(e, fs, args)
	if !ok {
		return code
	}
	o.Progress = e.stderr
	if exe, err := os.Executable(); err == nil {
		o.Worker = func(ctx context.Context) *exec.Cmd { return exec.CommandContext(ctx, exe, "bench", "worker") }
	}
	r, err := bench.Run(e.ctx, o)
	if err != nil {
		return fail(e, err)
	}
	if err := r.WriteTable(e.stdout); err != nil {
		return fail(e, err)
	}
	if *jsonOut != "" {
		f, err := os.Create(*jsonOut)
		if err != nil {
			return fail(e, err)
		}
		err = r.WriteJSON(f)
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return fail(e, err)
		}
	}
	return exitOK
}
