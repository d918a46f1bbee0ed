package review

import (
	"bufio"
	"fmt"
	"io"
	"strings"
)

// WriteText writes the report for people, in Chinese: the summary, then
// each project with its grade and findings, then the findings about the
// document as a whole.
func WriteText(w io.Writer, r Report) error {
	b := bufio.NewWriter(w)
	title := "绩效目标审核"
	if r.Unit != "" {
		title += "：" + r.Unit
	}
	if r.Year != 0 {
		title += fmt.Sprintf(" %d年", r.Year)
	}
	if r.Preset != "" {
		title += fmt.Sprintf("（指标体系：%s号）", r.Preset)
	}
	s := r.Summary
	fmt.Fprintln(b, title)
	fmt.Fprintf(b, "项目%d个，指标%d个；错误%d条，警告%d条，提示%d条\n",
		s.Projects, s.Indicators, s.Errors, s.Warnings, s.Infos)
	var gs []string
	for _, g := range Grades {
		gs = append(gs, fmt.Sprintf("%s %d", g, s.Grades[g]))
	}
	fmt.Fprintf(b, "审核等级：%s\n", strings.Join(gs, "，"))

	byProject := map[string][]Finding{}
	for _, f := range r.Findings {
		byProject[f.Project] = append(byProject[f.Project], f)
	}
	seen := map[string]bool{}
	for _, p := range r.Projects {
		if seen[p.Code] {
			continue
		}
		seen[p.Code] = true
		fmt.Fprintf(b, "\n【%s】%s %s（错误%d，警告%d，提示%d）\n", p.Grade, p.Code, p.Name, p.Errors, p.Warnings, p.Infos)
		writeFindings(b, byProject[p.Code])
	}
	if fs := byProject[""]; len(fs) > 0 {
		fmt.Fprintln(b, "\n【全文】")
		writeFindings(b, fs)
	}
	return b.Flush()
}

func writeFindings(b *bufio.Writer, fs []Finding) {
	if len(fs) == 0 {
		fmt.Fprintln(b, "  未发现问题")
		return
	}
	for _, f := range fs {
		at := "项目"
		if f.Indicator > 0 {
			at = fmt.Sprintf("指标%d", f.Indicator)
		}
		fmt.Fprintf(b, "  [%s] %s %s：%s\n", f.Severity.Chinese(), f.Rule, at, f.Message)
		fmt.Fprintf(b, "      建议：%s\n", f.Fix)
		fmt.Fprintf(b, "      依据：%s\n", f.Basis)
	}
}
