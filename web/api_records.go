package web

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"

	"jixiao"
	"jixiao/store"
)

// The records API takes payments and progress reports from other systems
// — the treasury's payment system, a department's own ledger — for one
// unit's year, as the monitoring page's upload takes files: all or
// nothing, each record checked against its project as stored, a
// correction naming the record it corrects by its id.

// apiSpendingIn is a payment sent to the API.
type apiSpendingIn struct {
	Project   string `json:"project"`
	Date      string `json:"date"`
	AmountFen int64  `json:"amount_fen"`
	Note      string `json:"note"`
	Replaces  int64  `json:"replaces_id"`
}

// apiProgressIn is a progress report sent to the API.
type apiProgressIn struct {
	Project    string `json:"project"`
	Indicator  int    `json:"indicator"`
	AsOf       string `json:"as_of"`
	Value      string `json:"value"`
	Cause      string `json:"cause"`
	Likelihood string `json:"likelihood"`
	Measures   string `json:"measures"`
	Replaces   int64  `json:"replaces_id"`
}

// apiRecordsIn is the request body.
type apiRecordsIn struct {
	Spending []apiSpendingIn `json:"spending"`
	Progress []apiProgressIn `json:"progress"`
}

// readAPIBody decodes the request's JSON body into v, refusing unknown
// fields, and answers the error itself (what names the records, for the
// message) when it cannot.
func readAPIBody(w http.ResponseWriter, r *http.Request, v any, what string) bool {
	data, err := io.ReadAll(r.Body)
	var tooBig *http.MaxBytesError
	switch {
	case errors.As(err, &tooBig):
		apiError(w, http.StatusRequestEntityTooLarge, fmt.Sprintf("请求体超过 %d MB 上限，没有保存任何%s", MaxBody>>20, what))
		return false
	case err != nil:
		apiError(w, http.StatusBadRequest, "请求体无法读取，没有保存任何"+what)
		return false
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		apiError(w, http.StatusBadRequest, fmt.Sprintf("请求体不是%s的 JSON（%v），没有保存任何%s", what, err, what))
		return false
	}
	return true
}

// apiRecords stores the request's records for the unit's year, entered
// by the token's user, and answers with their ids in the order sent.
func (s *server) apiRecords(w http.ResponseWriter, r *http.Request) {
	k, ok := apiDocKey(w, r)
	if !ok {
		return
	}
	var in apiRecordsIn
	if !readAPIBody(w, r, &in, "记录") {
		return
	}
	by := jixiao.Stamp{By: currentUser(r).Name}
	var entries []store.Entry
	where := make([]string, 0, len(in.Spending)+len(in.Progress))
	fail := func(at string, format string, a ...any) {
		apiError(w, http.StatusBadRequest, at+"："+fmt.Sprintf(format, a...)+"；没有保存任何记录")
	}
	for i, sp := range in.Spending {
		at := fmt.Sprintf("spending[%d]", i)
		d, err := jixiao.ParseDate(sp.Date)
		if err != nil {
			fail(at, "%v", err)
			return
		}
		entries = append(entries, store.Entry{Key: k, Code: sp.Project, Spending: &jixiao.Spending{Date: d,
			Amount: jixiao.Fen(sp.AmountFen), Note: sp.Note, Replaces: sp.Replaces, Entered: by}})
		where = append(where, at)
	}
	for i, pr := range in.Progress {
		at := fmt.Sprintf("progress[%d]", i)
		d, err := jixiao.ParseDate(pr.AsOf)
		if err != nil {
			fail(at, "%v", err)
			return
		}
		entries = append(entries, store.Entry{Key: k, Code: pr.Project, Progress: &jixiao.Progress{Indicator: pr.Indicator,
			AsOf: d, Value: pr.Value, Cause: pr.Cause, Likelihood: pr.Likelihood, Measures: pr.Measures,
			Replaces: pr.Replaces, Entered: by}})
		where = append(where, at)
	}
	if len(entries) == 0 {
		apiError(w, http.StatusBadRequest, "请求体中没有记录（spending、progress 都为空）")
		return
	}
	stored, err := s.st.AddRecords(r.Context(), entries)
	if err != nil {
		var ee *store.EntryError
		switch {
		case errors.As(err, &ee) && ee.Index < len(where) && (errors.Is(err, store.ErrInvalid) || errors.Is(err, jixiao.ErrNotFound)):
			fail(where[ee.Index], "%v", ee.Err)
		case errors.Is(err, jixiao.ErrNotFound):
			apiError(w, http.StatusNotFound, fmt.Sprintf("没有单位“%s”%d年度的绩效目标", k.Unit, k.Year))
		default:
			s.apiFail(w, r, err)
		}
		return
	}
	out := map[string][]int64{"spending": {}, "progress": {}}
	for _, e := range stored {
		if e.Spending != nil {
			out["spending"] = append(out["spending"], e.Spending.ID)
		} else {
			out["progress"] = append(out["progress"], e.Progress.ID)
		}
	}
	s.log.Info("接口录入运行监控记录", "user", by.By, "unit", k.Unit, "year", k.Year, "spending", len(out["spending"]), "progress", len(out["progress"]))
	apiJSON(w, out)
}
