package main

import (
	"errors"
	"fmt"

	"jixiao"
	"jixiao/rollover"
	"jixiao/score"
)

func init() {
	register(command{"rollover", "以某年度为基础编制下一年度的绩效目标（草稿）", cmdRollover})
}

// cmdRollover drafts year+1 from year for one unit or for every unit of
// the year: what a finance bureau runs when next year's budgeting opens.
// Each unit's draft is stored on its own (package rollover says what it
// holds); a unit whose next year is already on file is left alone and
// said so, so the command can be run again after a failure.
func cmdRollover(e *env, args []string) int {
	f := newFlags(e, "rollover", "rollover --year YYYY [--unit CODE] [--by NAME]")
	year := f.Int("year", 0, "作为基础的年度（必填）")
	unit := f.String("unit", "", "单位编码（默认该年度的全部单位）")
	by := f.String("by", "本机操作员", "记录为编制人")
	if code, ok := f.parse(e, args); !ok {
		return code
	}
	if *year == 0 || f.NArg() > 0 {
		fmt.Fprintln(e.stderr, "错误：请用 --year 指定作为基础的年度")
		f.Usage()
		return exitFail
	}
	st, err := f.open(e)
	if err != nil {
		return fail(e, err)
	}
	defer st.Close()
	keys, err := matching(e, st, *unit, *year)
	if err != nil {
		return fail(e, err)
	}
	if len(keys) == 0 {
		return fail(e, fmt.Errorf("没有找到单位 %q %d 年度的绩效目标", *unit, *year))
	}
	made, skipped := 0, 0
	for _, k := range keys {
		d, err := st.Document(e.ctx, k)
		if err != nil {
			return fail(e, err)
		}
		next := rollover.Document(d)
		err = st.CreateDocument(e.ctx, next, *by)
		switch {
		case errors.Is(err, jixiao.ErrConflict):
			skipped++
			fmt.Fprintf(e.stdout, "跳过 %s %s：%d 年度的绩效目标已存在\n", k.Unit, d.Unit.Name, next.Year)
			continue
		case err != nil:
			fmt.Fprintf(e.stderr, "已编制 %d 个单位，%s 未能编制\n", made, k.Unit)
			return fail(e, err)
		}
		made++
		fmt.Fprintf(e.stdout, "已编制 %s %s %d 年度：%d 个项目，%d 个指标\n", k.Unit, d.Unit.Name, next.Year, len(next.Projects), next.IndicatorCount())
		// The draft counts its indicators from the ledger as this year's do.
		n, err := st.CopyMeasures(e.ctx, k, next.Key(), *by)
		if err != nil {
			return fail(e, err)
		}
		if n > 0 {
			fmt.Fprintf(e.stdout, "  沿用 %d 个指标的台账取数设置\n", n)
		}
		// The year's self-evaluation steers the new budgets (结果应用):
		// say what its grades suggest; the draft keeps the budgets as
		// they were for the department to decide.
		results, _ := score.Document(d, score.DefaultConfig())
		for _, r := range results {
			if s := score.Suggest(score.DefaultConsequences(), r.Grade, r.Adjusted); s.Cut {
				fmt.Fprintf(e.stdout, "  %s %s：%d 年度自评 %s（%s 分），%s\n", r.Code, r.Name, *year, r.Grade, r.Total.Fixed(2), s.Text)
			}
		}
	}
	fmt.Fprintf(e.stdout, "共编制 %d 个单位的 %d 年度绩效目标（草稿），跳过 %d 个\n", made, *year+1, skipped)
	return exitOK
}
