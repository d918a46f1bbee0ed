package web

import (
	"errors"
	"fmt"
	"net/http"

	"jixiao"
)

// ledgerHead is the workbook's header row. Its words are the ones the
// ledger upload reads, so a downloaded list can be edited in Excel and
// uploaded to another year or unit as it is.
var ledgerHead = []string{"序号", "类别", "日期", "编号", "对象", "事项", "结果", "办结日期", "期限", "备注", "录入人"}

// ledgerXLSX sends the records the page lists, under the same query, as
// an Excel workbook: the evidence behind an indicator's value, to hand in
// with the self-evaluation, or a kind's records for the year.
func (s *server) ledgerXLSX(w http.ResponseWriter, r *http.Request) {
	d, ok := s.ledgerBase(w, r)
	if !ok {
		return
	}
	records, err := d.selection(r.URL.Query())
	switch {
	case errors.Is(err, jixiao.ErrNotFound):
		s.notFound(w, r, err.Error())
		return
	case err != nil:
		s.errorPage(w, r, http.StatusBadRequest, "筛选条件不对", err.Error())
		return
	}
	sh, err := newFormSheet("工作台账")
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	cols := len(ledgerHead)
	title := fmt.Sprintf("%s%d年度工作台账", d.Doc.Unit.Name, d.Doc.Year)
	sh.put(1, 1, cols, 1, title, sh.title)
	sh.put(1, 2, cols, 1, fmt.Sprintf("%s（%d 条）", d.Heading, len(records)), sh.plain)
	for i, h := range ledgerHead {
		sh.put(i+1, 3, 1, 1, h, sh.head)
	}
	for i, x := range records {
		row := d.recordRow(x)
		deadline := row.Deadline
		if row.Late {
			deadline += " 超期"
		}
		for j, v := range []any{i + 1, row.Kind.Name, x.Date.String(), x.Ref, x.Subject, x.Item, x.Outcome, x.Closed.String(), deadline, x.Note, x.Entered.By} {
			style := sh.cell
			if j == 4 || j == 5 || j == 9 {
				style = sh.left
			}
			sh.put(j+1, 4+i, 1, 1, v, style)
		}
	}
	sh.widths(6, 12, 12, 16, 28, 24, 12, 12, 16, 24, 12)
	sh.a4("landscape")
	data, err := sh.bytes()
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	attachment(w, "xlsx", "ledger", title, data)
}
