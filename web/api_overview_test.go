package web

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"jixiao"
	"jixiao/auth"
	"jixiao/store"
)

// apiGet sends an API GET with the user's token and decodes the answer.
func (e *env) apiGet(t *testing.T, u *auth.User, path string, out any) int {
	t.Helper()
	tok, _, err := e.st.CreateToken(context.Background(), u.ID, "测试", "test")
	if err != nil {
		t.Fatal(err)
	}
	r := httptest.NewRequest(http.MethodGet, path, nil)
	r.Header.Set("Authorization", "Bearer "+tok)
	res, body := e.raw(t, r)
	if err := json.Unmarshal([]byte(body), out); err != nil {
		t.Fatalf("GET %s: %d, not JSON: %.300s", path, res.StatusCode, body)
	}
	return res.StatusCode
}

// The API's overview is the overview page's, unit by unit and in total;
// the document list carries the review's counts; the remarks endpoint
// gives the reviewers' remarks; a date outside the year is refused.
func TestAPIOverviewAndRemarks(t *testing.T) {
	e, keys := liveEnv(t)
	ctx := context.Background()
	reviewer := e.user(t, "接口审核", auth.Reviewer)
	year := keys[0].Year
	q := fmt.Sprintf("?year=%d&as_of=%d-10-08", year, year)
	_, page := e.get(t, "/overview"+q)
	rows := overviewRows(t, page)

	var ov struct {
		Year  int    `json:"year"`
		AsOf  string `json:"as_of"`
		Units []struct {
			Unit      string  `json:"unit"`
			Projects  int     `json:"projects"`
			BudgetFen int64   `json:"budget_fen"`
			Red       int     `json:"red"`
			Yellow    int     `json:"yellow"`
			Green     int     `json:"green"`
			SpentFen  int64   `json:"spent_fen"`
			Warnings  *int    `json:"review_warnings"`
			Evaluated int     `json:"evaluated"`
			Mean      *string `json:"mean_score"`
		} `json:"units"`
		Total struct {
			Units int `json:"units"`
			Red   int `json:"red"`
		} `json:"total"`
	}
	if code := e.apiGet(t, reviewer, "/api/v1/overview"+q, &ov); code != http.StatusOK {
		t.Fatalf("overview: %d", code)
	}
	if ov.Year != year || ov.AsOf != fmt.Sprintf("%d-10-08", year) || len(ov.Units) != len(keys) || ov.Total.Units != len(keys) {
		t.Fatalf("overview %+v", ov)
	}
	red := 0
	for _, u := range ov.Units {
		cells := rows[u.Unit]
		if cells == nil {
			t.Fatalf("unit %s not on the page", u.Unit)
		}
		got := []string{fmt.Sprint(u.Projects), jixiao.Fen(u.BudgetFen).Wan(), fmt.Sprint(u.Red), fmt.Sprint(u.Yellow),
			fmt.Sprint(u.Green), jixiao.Fen(u.SpentFen).Wan()}
		want := []string{cells[1], cells[2], cells[6], cells[7], cells[8], cells[9]}
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("%s: API %v, page %v", u.Unit, got, want)
		}
		if u.Warnings == nil {
			t.Errorf("%s: no review counts", u.Unit)
		}
		red += u.Red
	}
	if ov.Total.Red != red {
		t.Errorf("total red %d, units sum to %d", ov.Total.Red, red)
	}

	var docs struct {
		Documents []struct {
			Unit     string `json:"unit"`
			Warnings *int   `json:"review_warnings"`
		} `json:"documents"`
	}
	e.apiGet(t, reviewer, "/api/v1/documents", &docs)
	for _, d := range docs.Documents {
		if d.Unit == exUnit && (d.Warnings == nil || *d.Warnings != 28) {
			t.Errorf("the example's review warnings in the list: %v", d.Warnings)
		}
	}

	if _, err := e.st.SaveRemark(ctx, keys[0], store.Remark{Project: officeCode, Text: "测算依据不足"}, 0, reviewer.Name); err != nil {
		t.Fatal(err)
	}
	var rm struct {
		Remarks []struct {
			Project, Text, By string
			Version           int64
		} `json:"remarks"`
	}
	if code := e.apiGet(t, reviewer, "/api/v1/units/414001/2024/remarks", &rm); code != http.StatusOK ||
		len(rm.Remarks) != 1 || rm.Remarks[0].Project != officeCode || rm.Remarks[0].Text != "测算依据不足" || rm.Remarks[0].Version != 1 {
		t.Errorf("remarks: %d %+v", code, rm)
	}

	var fail map[string]string
	if code := e.apiGet(t, reviewer, fmt.Sprintf("/api/v1/overview?year=%d&as_of=%d-01-01", year, year+1), &fail); code != http.StatusBadRequest || fail["error"] == "" {
		t.Errorf("a date outside the year: %d %v", code, fail)
	}
}

// apiPost sends an API POST with the user's token and decodes the answer.
func (e *env) apiPost(t *testing.T, u *auth.User, path, body string, out any) int {
	t.Helper()
	tok, _, err := e.st.CreateToken(context.Background(), u.ID, "测试", "test")
	if err != nil {
		t.Fatal(err)
	}
	r := httptest.NewRequest(http.MethodPost, path, strings.NewReader(body))
	r.Header.Set("Authorization", "Bearer "+tok)
	r.Header.Set("Content-Type", "application/json")
	res, answer := e.raw(t, r)
	if err := json.Unmarshal([]byte(answer), out); err != nil {
		t.Fatalf("POST %s: %d, not JSON: %.300s", path, res.StatusCode, answer)
	}
	return res.StatusCode
}

// Other systems send payments and progress reports through the API:
// stored all together, entered by the token's user, ids answered in the
// order sent, a correction naming a record by its id; a bad record is
// refused naming it and nothing is stored; a viewer may not send any.
func TestAPIRecords(t *testing.T) {
	e := newEnv(t, true)
	ctx := context.Background()
	k := jixiao.Key{Unit: exUnit, Year: exYear}
	editor := e.user(t, "国库支付系统", auth.Editor, exUnit)
	path := "/api/v1/units/414001/2024/records"
	var ids map[string][]int64
	body := `{"spending": [{"project": "` + officeCode + `", "date": "2024-03-20", "amount_fen": 2500000, "note": "电费"},
		{"project": "` + officeCode + `", "date": "2024-04-20", "amount_fen": 1000000, "note": "电梯维保"}],
		"progress": [{"project": "` + officeCode + `", "indicator": 2, "as_of": "2024-06-30", "value": "96%", "likelihood": "确定能"}]}`
	if code := e.apiPost(t, editor, path, body, &ids); code != http.StatusOK || len(ids["spending"]) != 2 || len(ids["progress"]) != 1 {
		t.Fatalf("records: %d %v", code, ids)
	}
	doc, _ := e.st.Document(ctx, k)
	p, _ := doc.Project(officeCode)
	if len(p.Spending) != 2 || p.Spending[0].ID != ids["spending"][0] || p.Spending[1].Amount != 1_000_000 ||
		p.Spending[0].Entered.By != "国库支付系统" || len(p.Progress) != 1 || p.Progress[0].Value != "96%" {
		t.Fatalf("stored %+v %+v", p.Spending, p.Progress)
	}
	fix := fmt.Sprintf(`{"spending": [{"project": "%s", "date": "2024-03-20", "amount_fen": 2600000, "note": "电费（更正）", "replaces_id": %d}]}`,
		officeCode, ids["spending"][0])
	if code := e.apiPost(t, editor, path, fix, &ids); code != http.StatusOK {
		t.Fatalf("a correction: %d", code)
	}

	before, _ := e.st.Counts(ctx)
	for _, c := range []struct{ body, want string }{
		{`{"spending": [{"project": "` + officeCode + `", "date": "2024-02-30", "amount_fen": 1}]}`, "spending[0]"},
		{`{"spending": [{"project": "` + officeCode + `", "date": "2024-05-01", "amount_fen": 1}, {"project": "无此项目", "date": "2024-05-01", "amount_fen": 1}]}`, "spending[1]"},
		{`{"progress": [{"project": "` + officeCode + `", "indicator": 99, "as_of": "2024-06-30", "value": "1"}]}`, "progress[0]"},
		{`{"spending": [], "other": 1}`, "不是记录的 JSON"},
		{`{}`, "没有记录"},
	} {
		var fail map[string]string
		if code := e.apiPost(t, editor, path, c.body, &fail); code != http.StatusBadRequest || !strings.Contains(fail["error"], c.want) {
			t.Errorf("%s: %d %q, want 400 naming %q", c.body, code, fail["error"], c.want)
		}
	}
	if after, _ := e.st.Counts(ctx); after["spending"] != before["spending"] || after["progress"] != before["progress"] {
		t.Error("a refused request stored records")
	}
	viewer := e.user(t, "查看", auth.Viewer, exUnit)
	var fail map[string]string
	if code := e.apiPost(t, viewer, path, body, &fail); code != http.StatusForbidden {
		t.Errorf("a viewer sending records: %d", code)
	}
}
