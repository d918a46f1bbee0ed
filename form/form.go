// Package form is the layout of the official performance-goal document
// that every writer of it shares — the Word and the Excel exports: the
// lines of part one with their numbering, and how the spending-plan
// points sit on the goal table's grid. Each writer only styles what this
// package lays out, so the two files always say the same thing.
package form

import (
	"fmt"
	"strings"

	"jixiao"
)

// Kind is what a line of part one is, for the writer to style it.
type Kind int

const (
	Section Kind = iota // 一、总体绩效目标
	Heading             // 1、heading of a goal, or （一）project name
	Body                // an item, a paragraph, a measure
)

// Line is one line of part one.
type Line struct {
	Text string
	Kind Kind
}

// Overall lays out part one of d after its title, as the template numbers
// it: goals 1、2、…, project paragraphs and measures （一）（二）…. A measure
// is one line "（一）heading。text" as the departments write it.
func Overall(d *jixiao.Document) []Line {
	var out []Line
	add := func(t string, k Kind) { out = append(out, Line{t, k}) }
	o := d.Overall
	add("一、总体绩效目标", Section)
	n := 0
	for _, g := range o.Goals {
		if g.Heading != "" {
			n++
			add(fmt.Sprintf("%d、%s", n, g.Heading), Heading)
		}
		for _, it := range g.Items {
			add(it, Body)
		}
	}
	add("二、分项绩效目标", Section)
	for i, g := range o.ProjectGoals {
		add(fmt.Sprintf("（%s）%s", ChineseNumber(i+1), g.Project), Heading)
		for _, l := range strings.Split(g.Text, "\n") {
			if l != "" {
				add(l, Body)
			}
		}
	}
	add("三、工作保障措施", Section)
	for i, m := range o.Measures {
		head := fmt.Sprintf("（%s）%s", ChineseNumber(i+1), m.Heading)
		if m.Text == "" {
			add(head, Body)
			continue
		}
		lines := strings.Split(m.Text, "\n")
		add(head+"。"+lines[0], Body)
		for _, l := range lines[1:] {
			add(l, Body)
		}
	}
	return out
}

// ChineseNumber writes 1…99 as 一…九十九 for item numbers.
func ChineseNumber(n int) string {
	digits := []string{"", "一", "二", "三", "四", "五", "六", "七", "八", "九"}
	switch {
	case n < 10:
		return digits[n]
	case n < 20:
		return "十" + digits[n%10]
	case n < 100:
		return digits[n/10] + "十" + digits[n%10]
	}
	return fmt.Sprint(n)
}

// PlanCols lays spending-plan point i of n over the table's grid columns
// 1–6: four points take 1, 1, 1 and 3 columns; other counts share them as
// evenly as the grid allows (at most six points fit).
func PlanCols(i, n int) (col, span int) {
	if n > 6 {
		n = 6
	}
	if i >= n {
		return 6, 1
	}
	base := 6 / n
	extra := 6 - base*n
	col = 1 + i*base
	span = base
	if i == n-1 {
		span += extra
	}
	return col, span
}
