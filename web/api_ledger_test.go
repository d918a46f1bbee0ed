package web

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"jixiao"
	"jixiao/auth"
	"jixiao/ledger"
)

// Other systems send work records through the API, all or none, and
// read them back with the indicators counted from them, as of a date.
func TestAPILedger(t *testing.T) {
	e := newEnv(t, true)
	ctx := context.Background()
	k := jixiao.Key{Unit: exUnit, Year: exYear}
	lab := e.user(t, "检验中心系统", auth.Editor, exUnit)
	path := "/api/v1/units/414001/2024/ledger"
	body := `{"records": [{"kind": "sampling", "date": "2024-03-05", "ref": "SC001", "subject": "甲超市", "item": "大米", "outcome": "合格"},
		{"kind": "抽检", "date": "2024-08-01", "subject": "乙超市", "outcome": "不合格"},
		{"kind": "tipoff", "date": "2024-02-01", "subject": "丙药店", "outcome": "已处置", "closed": "2024-02-05"}]}`
	var ids struct{ IDs []int64 }
	if code := e.apiPost(t, lab, path, body, &ids); code != http.StatusOK || len(ids.IDs) != 3 {
		t.Fatalf("post: %d %v", code, ids)
	}
	before, _ := e.st.Counts(ctx)
	for _, c := range []struct{ body, want string }{
		{`{"records": [{"kind": "sampling", "date": "2024-03-05", "subject": "甲"}, {"kind": "tipoff", "date": "2024-03-05", "subject": "乙", "outcome": "合格"}]}`, "records[1]：投诉举报的结果“合格”不对"},
		{`{"records": [{"kind": "sampling", "date": "2024-02-30", "subject": "甲"}]}`, "records[0]"},
		{`{"records": [{"kind": "sampling", "date": "2025-01-01", "subject": "甲"}]}`, "不在 2024 年度"},
		{`{"records": [], "x": 1}`, "不是台账记录的 JSON"},
		{`{"records": []}`, "没有台账记录"},
		{`{"records": [{"kind": "tipoff", "date": "2024-03-05", "subject": "甲", "closed": "2024-03-04"}]}`, "records[0]：处理决定日期 2024-03-04 早于日期 2024-03-05"},
	} {
		var fail map[string]string
		if code := e.apiPost(t, lab, path, c.body, &fail); code != http.StatusBadRequest || !strings.Contains(fail["error"], c.want) {
			t.Errorf("%s: %d %q, want 400 naming %q", c.body, code, fail["error"], c.want)
		}
	}
	if after, _ := e.st.Counts(ctx); after["work_records"] != before["work_records"] || before["work_records"] != 3 {
		t.Errorf("work records %d before, %d after refused requests", before["work_records"], after["work_records"])
	}

	if _, err := e.st.SetMeasure(ctx, k, ledger.Binding{Project: checkCode, Indicator: 1, Measure: ledger.Measure{Kind: "sampling"}}, "editor"); err != nil {
		t.Fatal(err)
	}
	var got struct {
		Records []struct {
			ID                      int64
			Kind, KindName, Subject string
			Closed, Deadline        string
			Late                    bool
			EnteredBy               string `json:"entered_by"`
		}
		Measures []struct {
			Project   string
			Indicator int
			Label     string
			Value     string
			Met       string
			RecordIDs []int64 `json:"record_ids"`
		}
	}
	if code := e.apiGet(t, lab, path+"?as_of=2024-06-30", &got); code != http.StatusOK {
		t.Fatalf("get: %d", code)
	}
	// The tip-off of Thursday 1 February 2024: 15 working days across the
	// Spring Festival, with the make-up Sundays 4 and 18 February, end on
	// 27 February; it was closed on the 5th.
	if len(got.Records) != 3 || got.Records[0].Kind != "tipoff" || got.Records[0].Closed != "2024-02-05" ||
		got.Records[0].Deadline != "2024-02-27" || got.Records[0].Late || !got.Records[2].Late ||
		got.Records[1].Subject != "甲超市" || got.Records[2].EnteredBy != "检验中心系统" {
		t.Errorf("records %+v", got.Records)
	}
	if len(got.Measures) != 1 || got.Measures[0].Value != "1批次" || got.Measures[0].Met != "未达到" ||
		len(got.Measures[0].RecordIDs) != 1 || got.Measures[0].RecordIDs[0] != ids.IDs[0] || got.Measures[0].Label != "抽检批次数" {
		t.Errorf("measures as of June %+v", got.Measures)
	}
	if e.apiGet(t, lab, path, &got); got.Measures[0].Value != "2批次" {
		t.Errorf("measures for the year %+v", got.Measures)
	}
	var fail map[string]string
	if code := e.apiGet(t, lab, path+"?as_of=2024-13-01", &fail); code != http.StatusBadRequest {
		t.Errorf("a bad date: %d", code)
	}
	viewer := e.user(t, "查看", auth.Viewer, exUnit)
	if code := e.apiPost(t, viewer, path, body, &fail); code != http.StatusForbidden {
		t.Errorf("a viewer sending records: %d", code)
	}
	other := e.user(t, "他人", auth.Editor, "999001")
	if code := e.apiGet(t, other, path, &fail); code != http.StatusForbidden {
		t.Errorf("another unit reading the ledger: %d", code)
	}
}
