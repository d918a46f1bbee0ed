package docx

import (
	"fmt"
	"io"
	"strings"

	"jixiao"
	"jixiao/review"
)

// The review opinion (审核意见) as a Word file: what the finance bureau
// sends the unit, and edits before it does. It says what the review page
// says, in the same order (review.NewOpinion): the summary, every
// project's grade in a table, then project by project the reviewer's own
// remark and the findings with the place, rule, severity, problem,
// suggested fix and basis of each, and lines for the reviewer's
// signature and date.

// Column widths of the opinion's two tables (twentieths of a point),
// filling the text width as the goal table's columns do.
var (
	gradeCols   = []int{700, 2600, 3338, 800, 700, 750, 750}
	findingCols = []int{1500, 700, 700, 2700, 2338, 1700}
)

// WriteOpinion writes the review opinion op of document d as a .docx.
func WriteOpinion(w io.Writer, d *jixiao.Document, op review.Opinion) error {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n")
	b.WriteString(`<w:document ` + wordNS + `><w:body>`)
	title := fmt.Sprintf("%s%d年度预算绩效目标审核意见", d.Unit.Name, d.Year)
	para(&b, title, pStyle{font: song, size: 36, bold: true, center: true})
	para(&b, fmt.Sprintf("单位：%s %s　年度：%d　项目 %d 个　预算总额 %s 万元",
		d.Unit.Code, d.Unit.Name, d.Year, len(d.Projects), d.TotalBudget().Wan()), pStyle{font: fang, size: 24, center: true})
	para(&b, fmt.Sprintf("共发现错误 %d 项，警告 %d 项，提示 %d 项。评级：优 — 可进入预算安排；良 — 与单位沟通后完善；中 — 退回修改；差 — 不得安排预算。",
		op.Errors, op.Warnings, op.Infos), pStyle{font: fang, size: 28, indent: true})

	para(&b, "一、项目审核结果", pStyle{font: hei, size: 30, keepNext: true})
	openTable(&b, gradeCols)
	head := []string{"序号", "项目编码", "项目名称", "评级", "错误", "警告", "提示"}
	gridRow(&b, gradeCols, true, cellsOf(head, true, "center")...)
	for _, p := range op.Projects {
		grade := p.FinalGrade()
		if p.ReviewerGrade != "" {
			grade += "（审核人）"
		}
		gridRow(&b, gradeCols, false, cellsOf([]string{fmt.Sprint(p.Number), p.Code, p.Name, grade,
			fmt.Sprint(p.Errors), fmt.Sprint(p.Warnings), fmt.Sprint(p.Infos)}, false, "center", "left", "left", "center")...)
	}
	b.WriteString(`</w:tbl>`)

	para(&b, "二、具体意见", pStyle{font: hei, size: 30, keepNext: true})
	if len(op.General) > 0 || op.Remark != "" {
		para(&b, "部门整体", pStyle{font: song, size: 28, bold: true, keepNext: true})
		remark(&b, op.Remark)
		if len(op.General) > 0 {
			findingsTable(&b, op.General)
		}
	}
	for _, p := range op.Projects {
		heading := fmt.Sprintf("%d. %s（%s）", p.Number, p.Name, p.Code)
		if g := p.FinalGrade(); g != "" {
			heading += "　评级：" + g
		}
		para(&b, heading, pStyle{font: song, size: 28, bold: true, keepNext: true})
		remark(&b, p.Remark)
		if len(p.Findings) == 0 {
			para(&b, "未发现问题。", pStyle{font: fang, size: 24, indent: true})
			continue
		}
		findingsTable(&b, p.Findings)
	}
	para(&b, "", pStyle{})
	para(&b, "审核人（签字）：　　　　　　　　", pStyle{font: fang, size: 28, right: true})
	para(&b, "审核日期：　　　　年　　月　　日", pStyle{font: fang, size: 28, right: true})
	return pack(w, &b, title, d.Year)
}

// remark writes the reviewer's own remark, a paragraph per line, before
// the findings it sums up; nothing when there is none.
func remark(b *strings.Builder, text string) {
	if text == "" {
		return
	}
	for i, line := range strings.Split(text, "\n") {
		if i == 0 {
			line = "审核人意见：" + line
		}
		para(b, line, pStyle{font: fang, size: 28, indent: true, keepNext: true})
	}
}

// findingsTable writes findings as the opinion's six-column table.
func findingsTable(b *strings.Builder, fs []review.Placed) {
	openTable(b, findingCols)
	gridRow(b, findingCols, true, cellsOf([]string{"位置", "规则", "级别", "问题", "修改建议", "依据"}, true, "center")...)
	for _, f := range fs {
		gridRow(b, findingCols, false, cellsOf([]string{f.Where, f.Rule, f.Severity.Chinese(), f.Message, f.Fix, f.Basis},
			false, "left", "center", "center", "left")...)
	}
	b.WriteString(`</w:tbl>`)
}

// cellsOf lays texts one per grid column. aligns gives the columns'
// alignment in order; columns past it take the last one given.
func cellsOf(texts []string, bold bool, aligns ...string) []tc {
	out := make([]tc, len(texts))
	for i, t := range texts {
		out[i] = tc{text: t, col: i, span: 1, bold: bold, align: aligns[min(i, len(aligns)-1)]}
	}
	return out
}
