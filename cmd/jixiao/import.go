package main

import (
	"fmt"
	"os"
	"strings"

	"jixiao"
	"jixiao/docformat"
	"jixiao/review"
)

func init() {
	register(command{"import", "导入绩效目标文档（文本格式或 jixiao/v1 JSON，按内容识别）", cmdImport})
}

func cmdImport(e *env, args []string) int {
	f := newFlags(e, "import", "import [选项] FILE...")
	by := f.String("by", "本机操作员", "记录为导入人")
	if code, ok := f.parse(e, args); !ok {
		return code
	}
	if f.NArg() == 0 {
		f.Usage()
		return exitFail
	}
	// All or nothing: every file is read and stored in one transaction,
	// a batch of files at a time so that a province's files need not fit
	// in memory at once; a file that does not read undoes the whole
	// import. Missing files are found before anything is written.
	paths := f.Args()
	for _, path := range paths {
		if _, err := os.Stat(path); err != nil {
			return fail(e, err)
		}
	}
	st, err := f.open(e)
	if err != nil {
		return fail(e, err)
	}
	defer st.Close()
	next := func() ([]*jixiao.Document, error) {
		var docs []*jixiao.Document
		projects := 0
		for len(paths) > 0 && projects < importBatchProjects {
			ds, _, err := docformat.ReadFile(paths[0])
			if err != nil {
				return nil, err
			}
			paths = paths[1:]
			for _, d := range ds {
				projects += len(d.Projects)
			}
			docs = append(docs, ds...)
		}
		return docs, nil
	}
	var lines []string
	err = st.SaveStream(e.ctx, *by, next, func(d *jixiao.Document, c jixiao.Change) {
		lines = append(lines, describeChange(d, c), "  "+reviewLine(d))
	})
	if err != nil {
		return fail(e, fmt.Errorf("%v（未导入任何内容）", err))
	}
	for _, l := range lines {
		fmt.Fprintln(e.stdout, l)
	}
	return exitOK
}

// importBatchProjects is about how many projects an import reads and
// stores at a time: ten documents of a county bureau's size, few enough
// that a province's import stays within a small server's memory.
var importBatchProjects = 1000

// describeChange is the one-line summary of an import, in Chinese.
func describeChange(d *jixiao.Document, c jixiao.Change) string {
	head := fmt.Sprintf("%s %s %d年：%d 个项目，%d 个指标，预算 %s 万元", d.Unit.Code, d.Unit.Name, d.Year,
		len(d.Projects), d.IndicatorCount(), d.TotalBudget().Wan())
	switch {
	case c.New:
		return head + "（新建）"
	case c.Unchanged():
		return head + "（与已存版本相同，未变化）"
	}
	var parts []string
	if len(c.Added) > 0 {
		parts = append(parts, "新增 "+strings.Join(c.Added, "、"))
	}
	if len(c.Removed) > 0 {
		parts = append(parts, "删除 "+strings.Join(c.Removed, "、"))
	}
	if len(c.Changed) > 0 {
		parts = append(parts, "修改 "+strings.Join(c.Changed, "、"))
	}
	return head + "（已替换：" + strings.Join(parts, "；") + "）"
}

// reviewLine runs the goal review on an imported document, so problems are
// seen at once rather than when a reviewer opens the page.
func reviewLine(d *jixiao.Document) string {
	s := review.Review(d, review.DefaultConfig()).Summary
	return fmt.Sprintf("审核：错误 %d 条，警告 %d 条，提示 %d 条（详见 jixiao review）", s.Errors, s.Warnings, s.Infos)
}
