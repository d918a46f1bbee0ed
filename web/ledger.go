package web

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"mime/multipart"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"jixiao"
	"jixiao/ledger"
	"jixiao/recordfile"
	"jixiao/store"
)

// ledgerPageSize is how many records one page of the ledger lists.
const ledgerPageSize = 100

// ledgerData is a unit's work-record ledger for a year (工作台账): the
// records by kind, the indicators counted from them with their values,
// and the forms that add records and bind indicators.
type ledgerData struct {
	*docView
	Kinds   []ledger.Kind
	Summary []kindSummary
	Bound   []boundRow
	Choices []indicatorChoice
	// The records listed: filtered by kind and outcome, or the evidence
	// of one bound indicator.
	Kind, Outcome string
	Query         string // search text in the number, subject, item or note
	LateOnly      bool   // only the records past their deadline
	Today         jixiao.Date
	Evidence      *boundRow
	Heading       string
	Records       []ledgerRecordRow
	Total         int
	XLSX          string // the list as a workbook
	Page, Pages   int
	Prev, Next    string
	// Notice says what a write just did; Error why a form was refused.
	Notice, Error string
}

// kindSummary counts one kind's records, by outcome, and those past
// their deadline.
type kindSummary struct {
	ledger.Kind
	N        int
	Href     string
	Outcomes []outcomeCount
	Late     int
	LateHref string
}

// outcomeCount is one outcome of a kind with its count and filter link.
type outcomeCount struct {
	Label string
	N     int
	Href  string
}

// ledgerRecordRow is one record as the list shows it, with its deadline.
type ledgerRecordRow struct {
	ledger.Record
	Kind      ledger.Kind
	Deadline  string // the last day to close it, "" for a kind without one
	Estimated bool   // the deadline was counted without a holiday calendar
	Late      bool
	// LateLabel says how it is late: closed after the deadline, or not
	// closed (or its closing not entered) with the deadline past.
	LateLabel string
}

// indicatorChoice is one indicator a measure can be bound to.
type indicatorChoice struct {
	Value, Label string
}

// boundRow is an indicator counted from the ledger, with its value and
// the link to the records counted.
type boundRow struct {
	ledger.Counted
	Label string // what is counted, in words
	Href  string // the evidence: the records counted
}

// ledgerPage shows the ledger. Query: kind and outcome filter the list;
// evidence=CODE:N lists the records counted into that indicator; page
// pages the list.
func (s *server) ledgerPage(w http.ResponseWriter, r *http.Request) {
	d, ok := s.ledgerBase(w, r)
	if !ok {
		return
	}
	q := r.URL.Query()
	d.Notice = d.notice(q)
	s.renderLedger(w, r, http.StatusOK, d, q)
}

// renderLedger fills the list as the query asks and renders the page.
func (s *server) renderLedger(w http.ResponseWriter, r *http.Request, status int, d *ledgerWork, q url.Values) {
	base := d.Base + "/ledger"
	records, err := d.selection(q)
	if err != nil {
		if errors.Is(err, jixiao.ErrNotFound) {
			s.notFound(w, r, err.Error())
		} else {
			s.errorPage(w, r, http.StatusBadRequest, "筛选条件不对", err.Error())
		}
		return
	}
	d.Total = len(records)
	d.Pages = max(1, (d.Total+ledgerPageSize-1)/ledgerPageSize)
	d.Page, _ = strconv.Atoi(q.Get("page"))
	d.Page = min(max(d.Page, 1), d.Pages)
	filter := url.Values{}
	for _, name := range []string{"kind", "outcome", "evidence", "q"} {
		if x := q.Get(name); x != "" {
			filter.Set(name, x)
		}
	}
	d.XLSX = base + ".xlsx?" + filter.Encode()
	link := func(page int) string {
		v := maps.Clone(filter)
		v.Set("page", strconv.Itoa(page))
		return base + "?" + v.Encode()
	}
	if d.Page > 1 {
		d.Prev = link(d.Page - 1)
	}
	if d.Page < d.Pages {
		d.Next = link(d.Page + 1)
	}
	lo := (d.Page - 1) * ledgerPageSize
	for _, x := range records[lo:min(lo+ledgerPageSize, d.Total)] {
		d.Records = append(d.Records, d.recordRow(x))
	}
	s.render(w, r, status, "ledger.html", d)
}

// selection is the records the query asks for — the evidence of one
// counted indicator, or those of a kind and outcome, narrowed by a search
// text — and sets the page's heading and filter to match.
func (d *ledgerWork) selection(q url.Values) ([]ledger.Record, error) {
	records := d.all
	d.Kind, d.Outcome, d.Query = q.Get("kind"), q.Get("outcome"), strings.TrimSpace(q.Get("q"))
	d.LateOnly = q.Get("late") == "1"
	switch ev := q.Get("evidence"); {
	case ev != "":
		for i := range d.Bound {
			if b := &d.Bound[i]; b.Project+":"+strconv.Itoa(b.Indicator) == ev {
				d.Evidence = b
			}
		}
		if d.Evidence == nil {
			return nil, fmt.Errorf("没有从台账取数的指标“%s”：%w", ev, jixiao.ErrNotFound)
		}
		records = d.Evidence.Records
		d.Heading = fmt.Sprintf("计入“%s”第 %d 个指标“%s”的记录（%s）", d.Evidence.ProjectName, d.Evidence.Indicator, d.Evidence.Name, d.Evidence.Label)
		d.Kind, d.Outcome = "", ""
	case d.Kind != "":
		k, ok := ledger.KindOf(d.Kind)
		if !ok {
			return nil, fmt.Errorf("台账类别“%s”不对", d.Kind)
		}
		records = slices.DeleteFunc(slices.Clone(records), func(x ledger.Record) bool {
			return x.Kind != k.Code || (d.Outcome != "" && x.Outcome != d.Outcome)
		})
		d.Heading = k.Name + "记录"
		if d.Outcome != "" {
			d.Heading += "（" + d.Outcome + "）"
		}
	default:
		d.Heading = "全部记录"
	}
	if d.Query != "" {
		records = slices.DeleteFunc(slices.Clone(records), func(x ledger.Record) bool {
			for _, f := range []string{x.Ref, x.Subject, x.Item, x.Note} {
				if strings.Contains(f, d.Query) {
					return false
				}
			}
			return true
		})
		d.Heading += "，搜索“" + d.Query + "”"
	}
	if d.LateOnly {
		records = slices.DeleteFunc(slices.Clone(records), func(x ledger.Record) bool { return !x.Late(d.Today) })
		d.Heading += "，超期"
	}
	return records, nil
}

// ledgerBase loads the document, its records and bindings, and counts
// every bound indicator.
func (s *server) ledgerBase(w http.ResponseWriter, r *http.Request) (*ledgerWork, bool) {
	dv, ok := s.loadDocument(w, r)
	if !ok {
		return nil, false
	}
	all, bound, err := s.ledgerValues(r.Context(), dv, jixiao.Date{})
	if err != nil {
		s.serverError(w, r, err)
		return nil, false
	}
	d := &ledgerWork{ledgerData: ledgerData{docView: dv, Kinds: ledger.Kinds, Bound: bound,
		Today: jixiao.DateOf(time.Now().In(china))}, all: all}
	base := dv.Base + "/ledger"
	for _, c := range ledger.Tally(all, d.Today) {
		k := c.Kind
		ks := kindSummary{Kind: k, N: c.N, Late: c.Late, Href: base + "?kind=" + k.Code, LateHref: base + "?late=1&kind=" + k.Code}
		for i, o := range k.Outcomes {
			ks.Outcomes = append(ks.Outcomes, outcomeCount{Label: o, N: c.Outcomes[i],
				Href: base + "?kind=" + k.Code + "&outcome=" + url.QueryEscape(o)})
		}
		d.Summary = append(d.Summary, ks)
	}
	for _, p := range dv.Doc.Projects {
		for i, ind := range p.Indicators {
			d.Choices = append(d.Choices, indicatorChoice{Value: p.Code + ":" + strconv.Itoa(i+1),
				Label: fmt.Sprintf("%s · %d. %s（%s）", p.Name, i+1, ind.Level3, ind.Value)})
		}
	}
	return d, true
}

// recordRow lays out one record for the list.
func (d *ledgerWork) recordRow(x ledger.Record) ledgerRecordRow {
	k, _ := ledger.KindOf(x.Kind)
	row := ledgerRecordRow{Record: x, Kind: k, Late: x.Late(d.Today)}
	if last, exact, ok := x.Deadline(); ok {
		row.Deadline, row.Estimated = last.String(), !exact
	}
	switch {
	case row.Late && x.Closed.IsZero():
		row.LateLabel = "超期未办结"
	case row.Late:
		row.LateLabel = "超期办结"
	}
	return row
}

// ledgerWork is the page's data with the records it was counted from.
type ledgerWork struct {
	ledgerData
	all []ledger.Record
}

// ledgerKey names a document's ledger at one revision, counted as of
// one date: every write of the records or the bindings raises the
// revision, so a cached count is never stale.
type ledgerKey struct {
	doc  docKey
	asOf jixiao.Date
}

// ledgerSet is a document's records with its bound indicators counted
// from them; shared between requests, never changed.
type ledgerSet struct {
	all   []ledger.Record
	bound []boundRow
}

// ledgerValues returns document dv's records and its bound indicators
// counted from the records dated up to asOf (all of the year's when
// zero), from the cache while the document's revision stands. The slices
// are shared: callers copy before they change them.
func (s *server) ledgerValues(ctx context.Context, dv *docView, asOf jixiao.Date) ([]ledger.Record, []boundRow, error) {
	ctx = context.WithoutCancel(ctx) // a count others wait for outlives one client leaving
	set, err := s.ledgers.get(ledgerKey{dv.key, asOf}, func() (*ledgerSet, error) { return s.countLedger(ctx, dv.Doc, asOf) })
	if err != nil {
		return nil, nil, err
	}
	return set.all, set.bound, nil
}

// countLedger reads document doc's records and bindings and counts each
// bound indicator, uncached.
func (s *server) countLedger(ctx context.Context, doc *jixiao.Document, asOf jixiao.Date) (*ledgerSet, error) {
	k := doc.Key()
	all, err := s.st.WorkRecords(ctx, k)
	if err != nil {
		return nil, err
	}
	bindings, err := s.st.Measures(ctx, k)
	if err != nil {
		return nil, err
	}
	set := &ledgerSet{all: all}
	for _, c := range ledger.Count(doc, all, bindings, asOf) {
		set.bound = append(set.bound, boundRow{Counted: c, Label: c.Measure.Label(),
			Href: fmt.Sprintf("%s/ledger?evidence=%s", docPath(k), url.QueryEscape(c.Project+":"+strconv.Itoa(c.Indicator)))})
	}
	return set, nil
}

// ledgerBack is where a write of the ledger returns to. What it did goes
// as a word and a record id, a count or an indicator, never as text:
// the page writes its notice from what is stored (notice), so a link
// cannot put words of its own on the page.
func ledgerBack(dv *docView, done, what string) string {
	return dv.Base + "/ledger?" + url.Values{"done": {done}, "what": {what}}.Encode()
}

// notice says what the write the query names did, from the stored data;
// "" when the query names none, or something not (or no longer) there.
func (d *ledgerWork) notice(q url.Values) string {
	done, what := q.Get("done"), q.Get("what")
	id, idErr := strconv.ParseInt(what, 10, 64)
	switch done {
	case "imported":
		if idErr == nil && id > 0 {
			return fmt.Sprintf("已导入 %d 条台账记录。", id)
		}
	case "withdrawn", "corrected":
		if idErr == nil && done == "withdrawn" {
			return fmt.Sprintf("已撤销第 %d 号记录。", id)
		}
		if idErr == nil && slices.ContainsFunc(d.all, func(x ledger.Record) bool { return x.ID == id }) {
			return fmt.Sprintf("已修改第 %d 号记录。", id)
		}
	case "added", "closed":
		for _, x := range d.all {
			if x.ID != id {
				continue
			}
			row := d.recordRow(x)
			switch {
			case done == "added":
				return fmt.Sprintf("已录入第 %d 号%s记录：%s %s。", id, row.Kind.Name, x.Date, x.Subject)
			case x.Closed.IsZero():
			case row.Late:
				return fmt.Sprintf("已登记第 %d 号记录于 %s 办结，超过期限 %s。", id, x.Closed, row.Deadline)
			default:
				return fmt.Sprintf("已登记第 %d 号记录于 %s 办结。", id, x.Closed)
			}
		}
	case "measured":
		for _, b := range d.Bound {
			if b.Project+":"+strconv.Itoa(b.Indicator) == what {
				return fmt.Sprintf("指标“%s”改为从台账取数：%s。", b.Name, b.Label)
			}
		}
	case "unbound":
		code, n, _ := strings.Cut(what, ":")
		pos, err := strconv.Atoi(n)
		if p, ok := d.Doc.Project(code); ok && err == nil && pos >= 1 && pos <= len(p.Indicators) {
			return fmt.Sprintf("指标“%s”不再从台账取数。", p.Indicators[pos-1].Level3)
		}
	}
	return ""
}

// ledgerRefused shows the ledger again with why a form was refused.
func (s *server) ledgerRefused(w http.ResponseWriter, r *http.Request, status int, msg string) {
	d, ok := s.ledgerBase(w, r)
	if !ok {
		return
	}
	d.Error = msg
	s.renderLedger(w, r, status, d, url.Values{})
}

// ledgerAddPost adds one record typed into the page's form.
func (s *server) ledgerAddPost(w http.ResponseWriter, r *http.Request) {
	dv, ok := s.loadDocument(w, r)
	if !ok {
		return
	}
	rec, err := recordFromForm(r)
	if err != nil {
		s.ledgerRefused(w, r, http.StatusUnprocessableEntity, "未录入："+err.Error())
		return
	}
	added, err := s.st.AddWorkRecords(r.Context(), dv.Doc.Key(), []ledger.Record{rec}, currentUser(r).Name)
	if err != nil {
		s.ledgerWriteFailed(w, r, err, nil)
		return
	}
	http.Redirect(w, r, ledgerBack(dv, "added", strconv.FormatInt(added[0].ID, 10)), http.StatusSeeOther)
}

// recordFromForm reads a record from the fields of the entry form (and of
// a row's correction form).
func recordFromForm(r *http.Request) (ledger.Record, error) {
	date, err := jixiao.ParseDate(strings.TrimSpace(r.PostFormValue("date")))
	if err != nil {
		return ledger.Record{}, err
	}
	var closed jixiao.Date
	if c := strings.TrimSpace(r.PostFormValue("closed")); c != "" {
		if closed, err = jixiao.ParseDate(c); err != nil {
			return ledger.Record{}, fmt.Errorf("办结日期：%w", err)
		}
	}
	return ledger.Record{Kind: r.PostFormValue("kind"), Date: date, Ref: r.PostFormValue("ref"), Subject: r.PostFormValue("subject"),
		Item: r.PostFormValue("item"), Outcome: r.PostFormValue("outcome"), Note: r.PostFormValue("note"), Closed: closed}, nil
}

// ledgerCorrectPost puts right what one record says.
func (s *server) ledgerCorrectPost(w http.ResponseWriter, r *http.Request) {
	dv, id, ok := s.ledgerRecord(w, r)
	if !ok {
		return
	}
	refuse := func(err error) {
		s.ledgerRefused(w, r, http.StatusUnprocessableEntity, fmt.Sprintf("未修改：第 %d 号记录：%v", id, err))
	}
	rec, err := recordFromForm(r)
	if err != nil {
		refuse(err)
		return
	}
	_, err = s.st.CorrectWorkRecord(r.Context(), dv.Doc.Key(), id, rec, currentUser(r).Name)
	switch {
	case err == nil:
		http.Redirect(w, r, ledgerBack(dv, "corrected", strconv.FormatInt(id, 10)), http.StatusSeeOther)
	case errors.Is(err, store.ErrInvalid):
		refuse(err)
	default:
		s.failed(w, r, err, "没有这条台账记录，可能已被撤销。")
	}
}

// ledgerUploadPost adds the records of the uploaded CSV or XLSX files,
// all or none.
func (s *server) ledgerUploadPost(w http.ResponseWriter, r *http.Request) {
	dv, ok := s.loadDocument(w, r)
	if !ok {
		return
	}
	var files []*multipart.FileHeader
	if r.MultipartForm != nil {
		files = r.MultipartForm.File["ledger"]
	}
	if len(files) == 0 {
		s.ledgerRefused(w, r, http.StatusBadRequest, "没有选择文件。请选择台账表（CSV 或 XLSX）后再导入。")
		return
	}
	var rows []recordfile.LedgerRow
	for _, fh := range files {
		data, ok := s.upload(w, r, fh, recordfile.MaxSize, func(status int, msg string) {
			s.ledgerRefused(w, r, status, msg+"（未导入任何记录）。")
		})
		if !ok {
			return
		}
		rs, err := recordfile.ReadLedger(fh.Filename, data)
		if err != nil {
			s.ledgerRefused(w, r, http.StatusBadRequest, err.Error()+"（未导入任何记录）")
			return
		}
		rows = append(rows, rs...)
	}
	records := make([]ledger.Record, len(rows))
	for i, row := range rows {
		records[i] = row.Record
	}
	if _, err := s.st.AddWorkRecords(r.Context(), dv.Doc.Key(), records, currentUser(r).Name); err != nil {
		s.ledgerWriteFailed(w, r, err, rows)
		return
	}
	http.Redirect(w, r, ledgerBack(dv, "imported", strconv.Itoa(len(records))), http.StatusSeeOther)
}

// ledgerWriteFailed says why the store refused an add: a record's fault
// names its file row when it came from one; a system failure is a 500.
func (s *server) ledgerWriteFailed(w http.ResponseWriter, r *http.Request, err error, rows []recordfile.LedgerRow) {
	var ee *store.EntryError
	switch {
	case errors.As(err, &ee) && errors.Is(err, store.ErrInvalid) && ee.Index < len(rows):
		s.ledgerRefused(w, r, http.StatusBadRequest, rows[ee.Index].Errorf("%v（未导入任何记录）", ee.Err).Error())
	case errors.As(err, &ee) && errors.Is(err, store.ErrInvalid):
		s.ledgerRefused(w, r, http.StatusUnprocessableEntity, "未录入："+ee.Err.Error())
	case errors.Is(err, store.ErrInvalid):
		s.ledgerRefused(w, r, http.StatusUnprocessableEntity, "未保存："+err.Error())
	default:
		s.failed(w, r, err, "没有这份绩效目标。")
	}
}

// ledgerRecord reads the document and the record id of a record's
// route, answering 404 itself.
func (s *server) ledgerRecord(w http.ResponseWriter, r *http.Request) (*docView, int64, bool) {
	dv, ok := s.loadDocument(w, r)
	if !ok {
		return nil, 0, false
	}
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		s.notFound(w, r, "没有这条台账记录。")
		return nil, 0, false
	}
	return dv, id, true
}

// ledgerWithdrawPost withdraws one record.
func (s *server) ledgerWithdrawPost(w http.ResponseWriter, r *http.Request) {
	dv, id, ok := s.ledgerRecord(w, r)
	if !ok {
		return
	}
	if err := s.st.WithdrawWorkRecord(r.Context(), dv.Doc.Key(), id, currentUser(r).Name); err != nil {
		s.failed(w, r, err, "没有这条台账记录，可能已被撤销。")
		return
	}
	http.Redirect(w, r, ledgerBack(dv, "withdrawn", strconv.FormatInt(id, 10)), http.StatusSeeOther)
}

// ledgerClosePost enters the closing date (and outcome) of one record.
func (s *server) ledgerClosePost(w http.ResponseWriter, r *http.Request) {
	dv, id, ok := s.ledgerRecord(w, r)
	if !ok {
		return
	}
	closed, err := jixiao.ParseDate(strings.TrimSpace(r.PostFormValue("closed")))
	if err != nil {
		s.ledgerRefused(w, r, http.StatusUnprocessableEntity, "未登记：办结日期："+err.Error())
		return
	}
	_, err = s.st.CloseWorkRecord(r.Context(), dv.Doc.Key(), id, closed, r.PostFormValue("outcome"), currentUser(r).Name)
	switch {
	case errors.Is(err, store.ErrInvalid):
		s.ledgerRefused(w, r, http.StatusUnprocessableEntity, fmt.Sprintf("未登记：第 %d 号记录：%v", id, err))
		return
	case err != nil:
		s.failed(w, r, err, "没有这条台账记录，可能已被撤销。")
		return
	}
	http.Redirect(w, r, ledgerBack(dv, "closed", strconv.FormatInt(id, 10)), http.StatusSeeOther)
}

// ledgerMeasurePost binds an indicator to a measure, or unbinds it
// (count=none). The outcomes come as KIND:OUTCOME so that a ticked
// outcome of another kind is refused by name rather than ignored.
func (s *server) ledgerMeasurePost(w http.ResponseWriter, r *http.Request) {
	dv, ok := s.loadDocument(w, r)
	if !ok {
		return
	}
	code, n, found := strings.Cut(r.PostFormValue("indicator"), ":")
	pos, err := strconv.Atoi(n)
	if !found || err != nil {
		s.ledgerRefused(w, r, http.StatusUnprocessableEntity, "未保存：请选择要取数的指标。")
		return
	}
	b := ledger.Binding{Project: code, Indicator: pos}
	count := r.PostFormValue("count")
	if count != "none" {
		b.Measure.Kind = r.PostFormValue("kind")
		kind, ok := ledger.KindOf(b.Measure.Kind)
		if !ok {
			s.ledgerRefused(w, r, http.StatusUnprocessableEntity, "未保存：请选择台账类别。")
			return
		}
		switch count {
		case "records":
		case "subjects":
			b.Measure.Subjects = true
		case "share":
			b.Measure.Share = true
		case "subject-share":
			b.Measure.Subjects, b.Measure.Share = true, true
		default:
			s.ledgerRefused(w, r, http.StatusUnprocessableEntity, "未保存：请选择计数方式。")
			return
		}
		b.Measure.OnTime = r.PostFormValue("on_time") == "1"
		if v := strings.TrimSpace(r.PostFormValue("base")); v != "" {
			base, err := strconv.Atoi(v)
			if err != nil || base <= 0 {
				s.ledgerRefused(w, r, http.StatusUnprocessableEntity, fmt.Sprintf("未保存：基数“%s”应为正整数（如重点企业 50 家）。", v))
				return
			}
			b.Measure.Base = base
		}
		for _, v := range r.PostForm["outcome"] {
			kc, o, _ := strings.Cut(v, ":")
			if kc != kind.Code {
				other, _ := ledger.KindOf(kc)
				s.ledgerRefused(w, r, http.StatusUnprocessableEntity, fmt.Sprintf("未保存：所选结果“%s”属于%s，不属于%s。", o, other.Name, kind.Name))
				return
			}
			b.Measure.Outcomes = append(b.Measure.Outcomes, o)
		}
	}
	if p, ok := dv.Doc.Project(code); ok && count != "none" && pos >= 1 && pos <= len(p.Indicators) {
		if err := b.Measure.Fits(&p.Indicators[pos-1]); err != nil {
			s.ledgerRefused(w, r, http.StatusUnprocessableEntity, "未保存："+err.Error()+"。")
			return
		}
	}
	if _, err := s.st.SetMeasure(r.Context(), dv.Doc.Key(), b, currentUser(r).Name); err != nil {
		s.ledgerWriteFailed(w, r, err, nil)
		return
	}
	done := "measured"
	if count == "none" {
		done = "unbound"
	}
	http.Redirect(w, r, ledgerBack(dv, done, code+":"+strconv.Itoa(pos)), http.StatusSeeOther)
}
