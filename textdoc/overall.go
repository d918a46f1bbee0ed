package textdoc

import (
	"regexp"
	"strings"

	"jixiao"
)

var (
	// 一、总体绩效目标 — a part-one section heading.
	sectionRe = regexp.MustCompile(`^[一二三四五六七八九十]+[、.．]\s*(.{2,30})$`)
	// 1、严守安全底线… — an overall goal heading.
	goalHeadRe = regexp.MustCompile(`^[0-9０-９]+[、.．]\s*(.+)$`)
	// （一）食品药品举报奖 — a numbered item of 分项绩效目标 or 工作保障措施.
	itemRe = regexp.MustCompile(`^[（(][一二三四五六七八九十百零〇0-9]+[）)]\s*(.*)$`)
)

// part-one sections, in template order.
const (
	secNone = iota
	secGoals
	secProjectGoals
	secMeasures
)

// sectionOf says which part-one section a heading line opens, if any.
func sectionOf(text string) int {
	m := sectionRe.FindStringSubmatch(text)
	if m == nil {
		return secNone
	}
	switch h := norm(m[1]); {
	case strings.Contains(h, "总体") && strings.Contains(h, "目标"):
		return secGoals
	case strings.Contains(h, "分项") && strings.Contains(h, "目标"):
		return secProjectGoals
	case strings.Contains(h, "保障措施"):
		return secMeasures
	}
	return secNone
}

// readOverall reads part one (部门整体绩效目标) from its lines. Text before
// the first section heading (the part's own title) is not content.
func readOverall(lines []line) jixiao.Overall {
	var o jixiao.Overall
	sec := secNone
	for _, l := range lines {
		t := l.text
		if t == "" {
			continue
		}
		if s := sectionOf(t); s != secNone {
			sec = s
			continue
		}
		switch sec {
		case secGoals:
			if m := goalHeadRe.FindStringSubmatch(t); m != nil {
				o.Goals = append(o.Goals, jixiao.GoalSection{Heading: trimBlank(m[1])})
				continue
			}
			if len(o.Goals) == 0 {
				o.Goals = append(o.Goals, jixiao.GoalSection{})
			}
			g := &o.Goals[len(o.Goals)-1]
			g.Items = append(g.Items, t)
		case secProjectGoals:
			if m := itemRe.FindStringSubmatch(t); m != nil {
				o.ProjectGoals = append(o.ProjectGoals, jixiao.ProjectGoal{Project: trimBlank(m[1])})
				continue
			}
			if len(o.ProjectGoals) == 0 {
				o.ProjectGoals = append(o.ProjectGoals, jixiao.ProjectGoal{})
			}
			p := &o.ProjectGoals[len(o.ProjectGoals)-1]
			p.Text = joinLine(p.Text, t)
		case secMeasures:
			if m := itemRe.FindStringSubmatch(t); m != nil {
				o.Measures = append(o.Measures, measure(trimBlank(m[1])))
				continue
			}
			if len(o.Measures) == 0 {
				o.Measures = append(o.Measures, measure(t))
				continue
			}
			ms := &o.Measures[len(o.Measures)-1]
			ms.Text = joinLine(ms.Text, t)
		}
	}
	return o
}

// measure splits "heading。text" at the first 。; without one the whole
// item is the heading.
func measure(s string) jixiao.Measure {
	h, rest, _ := strings.Cut(s, "。")
	return jixiao.Measure{Heading: trimBlank(h), Text: trimBlank(rest)}
}

// joinLine appends a paragraph, one per line.
func joinLine(text, more string) string {
	if text == "" {
		return more
	}
	return text + "\n" + more
}
