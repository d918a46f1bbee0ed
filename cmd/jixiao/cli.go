package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"

	"jixiao"
	"jixiao/store"
)

// Exit codes shared by all commands. review uses 1 for "findings of
// severity error", so a failure to run is 2 everywhere.
const (
	exitOK      = 0
	exitFinding = 1
	exitFail    = 2
)

// env is what a command runs with.
type env struct {
	ctx    context.Context
	stdin  io.Reader
	stdout io.Writer
	stderr io.Writer
}

type command struct {
	name    string
	summary string
	run     func(e *env, args []string) int
}

var commands []command

func register(c command) { commands = append(commands, c) }

func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	e := &env{ctx: context.Background(), stdin: stdin, stdout: stdout, stderr: stderr}
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		usage(stdout)
		if len(args) == 0 {
			return exitFail
		}
		return exitOK
	}
	for _, c := range commands {
		if c.name == args[0] {
			return c.run(e, args[1:])
		}
	}
	fmt.Fprintf(stderr, "jixiao: 未知命令“%s”\n\n", args[0])
	usage(stderr)
	return exitFail
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "jixiao — 预算绩效管理（绩效目标、审核、运行监控、绩效自评）")
	fmt.Fprintln(w, "\n用法: jixiao <命令> [选项]   每个命令都有 --help")
	fmt.Fprintln(w, "\n命令:")
	cs := append([]command(nil), commands...)
	sort.Slice(cs, func(i, j int) bool { return cs[i].name < cs[j].name })
	for _, c := range cs {
		fmt.Fprintf(w, "  %-10s %s\n", c.name, c.summary)
	}
	fmt.Fprintln(w, "\n数据库: --db PATH（SQLite 文件，默认 jixiao.db，或环境变量 JIXIAO_DB）")
	fmt.Fprintln(w, "        --postgres DSN（PostgreSQL，或环境变量 JIXIAO_POSTGRES）")
}

// flags makes a FlagSet with the database flags every command shares.
type flags struct {
	*flag.FlagSet
	db       *string
	postgres *string
}

func newFlags(e *env, name, synopsis string) *flags {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	f := &flags{FlagSet: fs}
	f.db = fs.String("db", envOr("JIXIAO_DB", "jixiao.db"), "SQLite 数据库文件 (env JIXIAO_DB)")
	f.postgres = fs.String("postgres", os.Getenv("JIXIAO_POSTGRES"), "PostgreSQL DSN；设置后不使用 SQLite (env JIXIAO_POSTGRES)")
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "用法: jixiao %s\n\n选项:\n", synopsis)
		fs.PrintDefaults()
	}
	return f
}

// parse parses args; ok is false when the command should stop with code.
// Help goes to standard output (it was asked for), a mistake and the
// usage to standard error; the flag package itself prints nothing.
func (f *flags) parse(e *env, args []string) (code int, ok bool) {
	f.SetOutput(io.Discard)
	err := f.Parse(args)
	switch {
	case err == nil:
		f.SetOutput(e.stderr)
		return 0, true
	case errors.Is(err, flag.ErrHelp):
		f.SetOutput(e.stdout)
		f.Usage()
		return exitOK, false
	}
	f.SetOutput(e.stderr)
	fmt.Fprintf(e.stderr, "错误：%v\n\n", err)
	f.Usage()
	return exitFail, false
}

func (f *flags) open(e *env) (*store.Store, error) {
	return store.Open(e.ctx, store.Config{SQLite: *f.db, Postgres: *f.postgres})
}

func envOr(k, def string) string {
	if v := os.Getenv(k); v != "" {
		return v
	}
	return def
}

// fail prints an error for the user and returns the failure code.
func fail(e *env, err error) int {
	fmt.Fprintf(e.stderr, "错误：%v\n", err)
	return exitFail
}

// pickDocument resolves --unit/--year to one stored document: either may
// be omitted when only one document matches.
func pickDocument(e *env, st *store.Store, unit string, year int) (*jixiao.Document, error) {
	match, err := matching(e, st, unit, year)
	if err != nil {
		return nil, err
	}
	switch len(match) {
	case 0:
		return nil, fmt.Errorf("没有找到单位 %q 年度 %d 的绩效目标（先用 jixiao import 导入）", unit, year)
	case 1:
		return st.Document(e.ctx, match[0])
	}
	var ks []string
	for _, k := range match {
		ks = append(ks, k.String())
	}
	return nil, fmt.Errorf("有多份文档符合条件（%s），请用 --unit 和 --year 指定", strings.Join(ks, ", "))
}

// matching lists the stored documents of the unit and year, either
// empty for any, in the order of Documents.
func matching(e *env, st *store.Store, unit string, year int) ([]jixiao.Key, error) {
	sums, err := st.Documents(e.ctx)
	if err != nil {
		return nil, err
	}
	var keys []jixiao.Key
	for _, s := range sums {
		if (unit == "" || s.Key.Unit == unit) && (year == 0 || s.Key.Year == year) {
			keys = append(keys, s.Key)
		}
	}
	return keys, nil
}

// reportFlags are the flags of a command that reports on one stored
// document: the database, --unit and --year to pick it, --format; or, with
// --all, on every stored document (of --year, when given) one line each.
type reportFlags struct {
	*flags
	unit   *string
	year   *int
	format *string
	all    *bool
}

func newReportFlags(e *env, name, synopsis string) *reportFlags {
	f := &reportFlags{flags: newFlags(e, name, synopsis)}
	f.unit, f.year = documentFlags(f.flags)
	f.format = f.String("format", "text", "输出格式：text 或 json")
	f.all = f.Bool("all", false, "逐份处理数据库中的全部文档（可用 --year 限定年度），每份一行汇总，最后一行合计；json 格式为每行一个对象")
	return f
}

// parse parses args and checks --format.
func (f *reportFlags) parse(e *env, args []string) (code int, ok bool) {
	if code, ok := f.flags.parse(e, args); !ok {
		return code, false
	}
	if *f.format != "text" && *f.format != "json" {
		return fail(e, fmt.Errorf("不支持的输出格式“%s”", *f.format)), false
	}
	if *f.all && *f.unit != "" {
		return fail(e, fmt.Errorf("--all 与 --unit %s 不能同时使用：--all 汇总全部单位的文档，只看一个单位时请去掉 --all", *f.unit)), false
	}
	return 0, true
}

// json reports whether JSON output was asked for.
func (f *reportFlags) json() bool { return *f.format == "json" }

// document opens the store and reads the document --unit and --year pick.
func (f *reportFlags) document(e *env) (*jixiao.Document, error) {
	st, err := f.open(e)
	if err != nil {
		return nil, err
	}
	defer st.Close()
	return pickDocument(e, st, *f.unit, *f.year)
}
