package web

import (
	"bytes"
	"context"
	"net/http"
	"net/url"
	"slices"
	"testing"

	"jixiao"
	"jixiao/internal/fixture"
	"jixiao/ledger"
	"jixiao/rollover"
	"jixiao/workflow"
)

// The unit's editor drafts next year's goals from the unit page: the new
// year is stored as rollover.Document of this year, a draft, opened with
// a notice; asking again refuses and leaves the new year as it is.
func TestRolloverFromUnitPage(t *testing.T) {
	e := newEnv(t, true)
	ctx := context.Background()
	_, page := e.get(t, exBase)
	mustContain(t, page, `action="/units/414001/2024/rollover" id="rollover-form"`, "以本年度为基础编制 2025 年度绩效目标")

	// 抽检批次 is counted from the ledger this year, and so it is next year.
	if _, err := e.st.SetMeasure(ctx, jixiao.Key{Unit: exUnit, Year: exYear}, ledger.Binding{Project: checkCode, Indicator: 1,
		Measure: ledger.Measure{Kind: "sampling"}}, "editor"); err != nil {
		t.Fatal(err)
	}
	res, _ := e.postForm(t, exBase+"/rollover", url.Values{})
	if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/units/414001/2025?rolled=1" {
		t.Fatalf("rollover: %d to %q", res.StatusCode, res.Header.Get("Location"))
	}
	this, err := e.st.Document(ctx, jixiao.Key{Unit: exUnit, Year: exYear})
	if err != nil {
		t.Fatal(err)
	}
	next, err := e.st.Document(ctx, jixiao.Key{Unit: exUnit, Year: exYear + 1})
	if err != nil {
		t.Fatal(err)
	}
	want := rollover.Document(this)
	want.Version = next.Version
	for i := range want.Projects {
		want.Projects[i].Version = next.Projects[i].Version
	}
	if !bytes.Equal(fixture.JSON(t, next), fixture.JSON(t, want)) {
		t.Error("the stored new year is not rollover.Document of this year")
	}
	if ms, _ := e.st.Measures(ctx, next.Key()); len(ms) != 1 || ms[0].Project != checkCode || ms[0].Measure.Kind != "sampling" {
		t.Errorf("next year's ledger measures %+v", ms)
	}
	if st, _ := e.st.WorkflowState(ctx, next.Key(), workflow.Goals); st != workflow.Draft {
		t.Errorf("the new year is %s, want a draft", st)
	}
	_, page = e.get(t, "/units/414001/2025?rolled=1")
	mustContain(t, page, `id="rolled-over"`, "已以 2024 年度为基础编制本年度绩效目标",
		`href="/?q=414001" id="other-years"`, `href="/units/414001/2024/evaluation" id="last-year-results"`)
	// The unit page's link to the unit's years lists both.
	if rows, _ := homeRows(t, e, "/?q=414001"); !slices.Equal(rows, []string{"414001/2025", "414001/2024"}) {
		t.Errorf("the unit's years: %v", rows)
	}

	res, body := e.postForm(t, exBase+"/rollover", url.Values{})
	if res.StatusCode != http.StatusConflict {
		t.Fatalf("second rollover: %d", res.StatusCode)
	}
	mustContain(t, body, "2025 年度的绩效目标已存在")
	again, err := e.st.Document(ctx, next.Key())
	if err != nil || again.Version != next.Version {
		t.Errorf("the refused rollover changed the new year (version %d → %d, %v)", next.Version, again.Version, err)
	}
}
