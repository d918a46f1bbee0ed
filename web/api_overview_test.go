package web

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"testing"

	"jixiao"
	"jixiao/auth"
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

	if _, err := e.st.SaveRemark(ctx, keys[0], officeCode, "测算依据不足", 0, reviewer.Name); err != nil {
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
