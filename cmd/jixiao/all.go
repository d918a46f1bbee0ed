package main

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/width"

	"jixiao"
	"jixiao/store"
)

// A command run with --all (review, monitor, evaluate) walks every stored
// document, of one year when --year is given, and prints one summary line
// per document and a total: what a finance bureau looks at for all its
// departments at once. The documents are read with store.EachDocument,
// only the parts the computation reads, a few chunks at a time.

// eachDocument calls fn with every stored document --year selects, read
// with the given parts, and returns how many there were.
func (f *reportFlags) eachDocument(e *env, parts store.Parts, fn func(*jixiao.Document) error) (int, error) {
	return f.eachDocumentAt(e, parts, jixiao.Date{}, fn)
}

// eachDocumentAt is eachDocument for monitoring as of spentTo (or scoring,
// with spentTo the year's end), when that is set and of --year: spending
// is then summed in the database (store.Filter.SpentTo).
func (f *reportFlags) eachDocumentAt(e *env, parts store.Parts, spentTo jixiao.Date, fn func(*jixiao.Document) error) (int, error) {
	st, err := f.open(e)
	if err != nil {
		return 0, err
	}
	defer st.Close()
	n := 0
	filter := store.Filter{Year: *f.year, Parts: parts}
	if !spentTo.IsZero() && spentTo.Y == *f.year {
		filter.SpentTo = spentTo
	}
	err = st.EachDocument(e.ctx, filter, func(d *jixiao.Document) error {
		n++
		return fn(d)
	})
	return n, err
}

// noneFound is the message of an --all run that found no document.
func (f *reportFlags) noneFound() string {
	if *f.year != 0 {
		return fmt.Sprintf("数据库中没有 %d 年度的绩效目标（先用 jixiao import 导入）", *f.year)
	}
	return "数据库中没有绩效目标（先用 jixiao import 导入）"
}

// docHead begins the JSON line of one document.
type docHead struct {
	Kind     string `json:"kind"` // "document"
	Unit     string `json:"unit"`
	UnitName string `json:"unit_name"`
	Year     int    `json:"year"`
}

func headOf(d *jixiao.Document) docHead {
	return docHead{Kind: "document", Unit: d.Unit.Code, UnitName: d.Unit.Name, Year: d.Year}
}

// totalHead begins the last JSON line, the total over all documents.
type totalHead struct {
	Kind      string `json:"kind"` // "total"
	Documents int    `json:"documents"`
}

// allReport writes the lines of an --all run: JSON Lines as they come,
// or a table printed aligned at the end.
type allReport struct {
	e     *env
	json  *json.Encoder // nil for text
	table table
}

// newAllReport starts the output; headers are the table's columns, of
// which the first left are text aligned left and the others numbers
// aligned right.
func newAllReport(e *env, asJSON bool, left int, headers ...string) *allReport {
	r := &allReport{e: e, table: table{left: left}}
	if asJSON {
		r.json = json.NewEncoder(e.stdout)
		r.json.SetEscapeHTML(false)
	} else {
		r.table.add(headers...)
	}
	return r
}

// line writes one document's line: v as JSON, or cells in the table.
func (r *allReport) line(v any, cells ...string) error {
	if r.json != nil {
		return r.json.Encode(v)
	}
	r.table.add(cells...)
	return nil
}

// total writes the total line and ends the output. With no documents the
// text output is only the message none; JSON still ends with the total
// (of zero documents), the message going to standard error.
func (r *allReport) total(docs int, none string, v any, cells ...string) error {
	if r.json != nil {
		if docs == 0 {
			fmt.Fprintln(r.e.stderr, none)
		}
		return r.json.Encode(v)
	}
	if docs == 0 {
		_, err := fmt.Fprintln(r.e.stdout, none)
		return err
	}
	r.table.add(cells...)
	return r.table.write(r.e.stdout)
}

// table aligns columns by the width a terminal gives them: text/tabwriter
// counts runes, and a Chinese character takes two columns.
type table struct {
	left int // the first left columns are aligned left, the rest right
	rows [][]string
}

func (t *table) add(cells ...string) { t.rows = append(t.rows, cells) }

func (t *table) write(w io.Writer) error {
	var widths []int
	for _, row := range t.rows {
		for i, c := range row {
			if i == len(widths) {
				widths = append(widths, 0)
			}
			widths[i] = max(widths[i], displayWidth(c))
		}
	}
	var b strings.Builder
	for _, row := range t.rows {
		line := make([]string, len(row))
		for i, c := range row {
			pad := strings.Repeat(" ", widths[i]-displayWidth(c))
			if i < t.left {
				line[i] = c + pad
			} else {
				line[i] = pad + c
			}
		}
		b.WriteString(strings.TrimRight(strings.Join(line, "  "), " "))
		b.WriteByte('\n')
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// displayWidth is how many terminal columns s takes: two for wide and
// full-width characters (Chinese), one for the others.
func displayWidth(s string) int {
	n := 0
	for len(s) > 0 {
		p, size := width.LookupString(s)
		if size == 0 {
			_, size = utf8.DecodeRuneInString(s)
		}
		switch p.Kind() {
		case width.EastAsianWide, width.EastAsianFullwidth:
			n += 2
		default:
			n++
		}
		s = s[size:]
	}
	return n
}

// percent prints a percentage with two decimals and the sign.
func percent(d jixiao.Decimal) string { return d.Fixed(2) + "%" }
