package web

import (
	"unicode/utf8"

	"jixiao"
)

// barChart is a horizontal bar chart laid out in Go: the template only
// writes the numbers into SVG elements, so no markup comes from data.
type barChart struct {
	Width, Height int
	LabelX        int // right edge of the name labels
	Bars          []bar
}

// bar is one project's bar with its labels.
type bar struct {
	Name   string
	Amount string // 万元, two decimals
	Href   string
	Y      int // top of the bar
	TextY  int // baseline of the labels
	X      int
	W      int
	ValueX int
}

// Layout of the chart, in SVG user units (≈ CSS px at 100%).
const (
	chartWidth  = 760
	barHeight   = 20
	barGap      = 10
	chartTop    = 6
	nameFont    = 13 // px per CJK character at the stylesheet's font size
	maxLabel    = 280
	valueSpace  = 90
	minBarWidth = 2
)

// budgetChart draws each project's budget as a bar, longest for the
// largest budget, in the document's order.
func budgetChart(doc *jixiao.Document, href func(code string) string) barChart {
	label := 0
	var top jixiao.Fen
	for _, p := range doc.Projects {
		label = max(label, utf8.RuneCountInString(p.Name)*nameFont+8)
		if p.Budget > top {
			top = p.Budget
		}
	}
	label = min(label, maxLabel)
	c := barChart{Width: chartWidth, LabelX: label}
	span := chartWidth - label - 6 - valueSpace
	for i, p := range doc.Projects {
		y := chartTop + i*(barHeight+barGap)
		w := 0
		if top > 0 && p.Budget > 0 {
			// Integer scaling of fen: exact, no float.
			w = max(int(int64(p.Budget)*int64(span)/int64(top)), minBarWidth)
		}
		name := p.Name
		if utf8.RuneCountInString(name)*nameFont+8 > maxLabel {
			name = string([]rune(name)[:(maxLabel-8)/nameFont-1]) + "…"
		}
		c.Bars = append(c.Bars, bar{
			Name:   name,
			Amount: p.Budget.Wan(),
			Href:   href(p.Code),
			Y:      y,
			TextY:  y + barHeight - 5,
			X:      label + 6,
			W:      w,
			ValueX: label + 6 + w + 6,
		})
	}
	c.Height = chartTop*2 + len(doc.Projects)*(barHeight+barGap)
	return c
}
