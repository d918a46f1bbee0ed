package main

import (
	"flag"
	"fmt"

	"jixiao/gen"
)

func init() {
	register(command{"gen", "生成模拟全省数据（jixiao/v1 JSON，每单位一个文件），用于容量测试", cmdGen})
}

func cmdGen(e *env, args []string) int {
	fs := flag.NewFlagSet("gen", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	units := fs.Int("units", 20, "单位数")
	per := fs.Int("projects-per-unit", 50, "每单位项目数")
	seed := fs.Uint64("seed", 1, "随机种子：同一种子生成同样的文件")
	year := fs.Int("year", 2024, "预算年度")
	out := fs.String("o", "province", "输出目录")
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "用法: jixiao gen --units N --projects-per-unit M --seed S -o DIR\n\n选项:\n")
		fs.PrintDefaults()
	}
	code, ok := parseFlagSet(e, fs, args)
	if !ok {
		return code
	}
	paths, err := gen.Write(*out, gen.Options{Units: *units, ProjectsPerUnit: *per, Seed: *seed, Year: *year}, e.stderr)
	if err != nil {
		return fail(e, err)
	}
	fmt.Fprintf(e.stdout, "已生成 %d 个文件于 %s（%d 个单位 × %d 个项目，种子 %d）\n", len(paths), *out, *units, *per, *seed)
	return exitOK
}

// parseFlagSet parses args for a command without database flags; ok is
// false when the command should stop with code.
func parseFlagSet(e *env, fs *flag.FlagSet, args []string) (code int, ok bool) {
	f := &flags{FlagSet: fs}
	return f.parse(e, args)
}
