package web

import (
	"errors"
	"fmt"
	"net/http"
	"time"

	"jixiao"
	"jixiao/ledger"
	"jixiao/store"
)

// The ledger API lets a bureau's other systems (a sampling lab's system,
// the 12315 tip-off platform) send their work records, and read the
// records with the indicator values counted from them.

// apiLedgerRecord is a work record as the API writes and reads it.
type apiLedgerRecord struct {
	ID        int64  `json:"id,omitempty"`
	Kind      string `json:"kind"`
	KindName  string `json:"kind_name,omitempty"`
	Date      string `json:"date"`
	Ref       string `json:"ref,omitempty"`
	Subject   string `json:"subject"`
	Item      string `json:"item,omitempty"`
	Outcome   string `json:"outcome,omitempty"`
	Note      string `json:"note,omitempty"`
	Closed    string `json:"closed,omitempty"`
	Deadline  string `json:"deadline,omitempty"`
	Late      bool   `json:"late,omitempty"`
	EnteredBy string `json:"entered_by,omitempty"`
	EnteredAt string `json:"entered_at,omitempty"`
}

// apiMeasure is an indicator counted from the ledger, with its value.
type apiMeasure struct {
	Project   string   `json:"project"`
	Indicator int      `json:"indicator"`
	Name      string   `json:"name"`
	Kind      string   `json:"kind"`
	Subjects  bool     `json:"subjects"`
	OnTime    bool     `json:"on_time"`
	Share     bool     `json:"share"`
	Base      int      `json:"base,omitempty"`
	Outcomes  []string `json:"outcomes"`
	Label     string   `json:"label"`
	Value     string   `json:"value"`
	Count     int      `json:"count"`
	Of        int      `json:"of"`
	Met       string   `json:"met,omitempty"`
	Problem   string   `json:"problem,omitempty"`
	RecordIDs []int64  `json:"record_ids"`
}

// apiLedger answers the unit's records of the year and its counted
// indicators, counted up to ?as_of= (the whole year without it).
func (s *server) apiLedger(w http.ResponseWriter, r *http.Request) {
	doc, ok := s.apiDoc(w, r)
	if !ok {
		return
	}
	var asOf jixiao.Date
	if q := r.URL.Query().Get("as_of"); q != "" {
		var err error
		if asOf, err = jixiao.ParseDate(q); err != nil {
			apiError(w, http.StatusBadRequest, "as_of："+err.Error())
			return
		}
	}
	set, err := s.countLedger(r.Context(), doc, asOf)
	if err != nil {
		s.apiFail(w, r, err)
		return
	}
	all, bound := set.all, set.bound
	today := jixiao.DateOf(time.Now().In(china))
	records := make([]apiLedgerRecord, 0, len(all))
	for _, x := range all {
		k, _ := ledger.KindOf(x.Kind)
		out := apiLedgerRecord{ID: x.ID, Kind: x.Kind, KindName: k.Name, Date: x.Date.String(), Ref: x.Ref,
			Subject: x.Subject, Item: x.Item, Outcome: x.Outcome, Note: x.Note, Closed: x.Closed.String(), Late: x.Late(today),
			EnteredBy: x.Entered.By, EnteredAt: x.Entered.At.UTC().Format("2006-01-02T15:04:05Z")}
		if last, _, ok := x.Deadline(); ok {
			out.Deadline = last.String()
		}
		records = append(records, out)
	}
	measures := make([]apiMeasure, 0, len(bound))
	for _, b := range bound {
		m := apiMeasure{Project: b.Project, Indicator: b.Indicator, Name: b.Name, Kind: b.Measure.Kind, Subjects: b.Measure.Subjects,
			OnTime: b.Measure.OnTime, Share: b.Measure.Share, Base: b.Measure.Base, Outcomes: b.Measure.Outcomes, Label: b.Label, Value: b.Value, Count: b.Count, Of: b.Of,
			Met: b.Met, Problem: b.Problem, RecordIDs: []int64{}}
		if m.Outcomes == nil {
			m.Outcomes = []string{}
		}
		for _, x := range b.Records {
			m.RecordIDs = append(m.RecordIDs, x.ID)
		}
		measures = append(measures, m)
	}
	apiJSON(w, map[string]any{"records": records, "measures": measures})
}

// apiLedgerIn is the request body of a records post.
type apiLedgerIn struct {
	Records []apiLedgerRecord `json:"records"`
}

// apiLedgerPost adds the request's work records to the unit's year,
// entered by the token's user, all or none, and answers with their ids in
// the order sent.
func (s *server) apiLedgerPost(w http.ResponseWriter, r *http.Request) {
	k, ok := apiDocKey(w, r)
	if !ok {
		return
	}
	var in apiLedgerIn
	if !readAPIBody(w, r, &in, "台账记录") {
		return
	}
	if len(in.Records) == 0 {
		apiError(w, http.StatusBadRequest, "请求体中没有台账记录（records 为空）")
		return
	}
	records := make([]ledger.Record, len(in.Records))
	for i, x := range in.Records {
		d, err := jixiao.ParseDate(x.Date)
		if err != nil {
			apiError(w, http.StatusBadRequest, fmt.Sprintf("records[%d]：%v；没有保存任何记录", i, err))
			return
		}
		var closed jixiao.Date
		if x.Closed != "" {
			if closed, err = jixiao.ParseDate(x.Closed); err != nil {
				apiError(w, http.StatusBadRequest, fmt.Sprintf("records[%d]：closed：%v；没有保存任何记录", i, err))
				return
			}
		}
		records[i] = ledger.Record{Kind: x.Kind, Date: d, Ref: x.Ref, Subject: x.Subject, Item: x.Item, Outcome: x.Outcome, Note: x.Note, Closed: closed}
	}
	by := currentUser(r).Name
	stored, err := s.st.AddWorkRecords(r.Context(), k, records, by)
	if err != nil {
		var ee *store.EntryError
		switch {
		case errors.As(err, &ee):
			apiError(w, http.StatusBadRequest, fmt.Sprintf("records[%d]：%v；没有保存任何记录", ee.Index, ee.Err))
		case errors.Is(err, store.ErrInvalid):
			apiError(w, http.StatusBadRequest, err.Error())
		case errors.Is(err, jixiao.ErrNotFound):
			apiError(w, http.StatusNotFound, fmt.Sprintf("没有单位“%s”%d年度的绩效目标", k.Unit, k.Year))
		default:
			s.apiFail(w, r, err)
		}
		return
	}
	ids := make([]int64, len(stored))
	for i, x := range stored {
		ids[i] = x.ID
	}
	s.log.Info("接口录入台账记录", "user", by, "unit", k.Unit, "year", k.Year, "records", len(ids))
	apiJSON(w, map[string]any{"ids": ids})
}
