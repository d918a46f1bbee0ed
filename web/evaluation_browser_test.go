package web

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"jixiao/auth"
	"jixiao/store"
)

// TestEvaluationBrowser fills in the self-evaluation of 办公楼运维费 in a
// real headless Chromium, saves it and sees the total 98.80 and grade 优;
// then lowers 正常使用率 to 76% and sees the total drop to 96.96.
func TestEvaluationBrowser(t *testing.T) {
	bctx, e, base := browserSession(t, "editor", auth.Editor)
	e.user(t, "lisi", auth.Editor, exUnit)
	ctx := openPage(t, bctx, base+evalPath)

	type result struct {
		Saved, Total, Grade, Score2, Explain2, Version string
	}
	read := func() result {
		t.Helper()
		var r result
		evalJS(t, ctx, `(() => {
			const text = id => { const el = document.getElementById(id); return el ? el.textContent.trim() : ''; };
			return {
				Saved: text('saved'), Total: text('total'), Grade: text('grade'),
				Score2: text('score-2'), Explain2: text('explain-2'),
				Version: document.querySelector('input[name="version"]').value,
			};
		})()`, &r)
		return r
	}
	if r := read(); r.Total != "" || r.Version != "0" {
		t.Fatalf("before any save: %+v", r)
	}
	if err := chromedp.Do(ctx,
		chromedp.SendKeys(`#adjusted`, "10.36"),
		chromedp.SendKeys(`#executed`, "9.80"),
		chromedp.SendKeys(`#value1`, "10个"),
		chromedp.SendKeys(`#value2`, "90%"),
		chromedp.SendKeys(`#value3`, "2024年12月20日"),
		chromedp.SendKeys(`#value4`, "9.80万元"),
		chromedp.SetValue(`#grade5`, "达成"),
		chromedp.SetValue(`#grade6`, "达成"),
		chromedp.SendKeys(`#value7`, "92%"),
		chromedp.Click(`#evaluation-form button[type="submit"]`),
		chromedp.WaitVisible(`#saved`),
	); err != nil {
		t.Fatal(err)
	}
	first := read()
	if first.Total != "98.80" || first.Grade != "优" || first.Score2 != "11.84" || first.Version != "1" ||
		!strings.Contains(first.Saved, "第 1 版") {
		t.Fatalf("after saving the example evaluation: %+v", first)
	}

	// A second editor signs in and lowers the value. The notice of the
	// first save is gone on the fresh page, so waiting for it waits for the
	// page the second save leads to.
	browserLogin(t, bctx, base, "lisi")
	ctx = openPage(t, bctx, base+evalPath)
	if err := chromedp.Do(ctx,
		chromedp.Clear(`#value2`),
		chromedp.SendKeys(`#value2`, "76%"),
		chromedp.Click(`#evaluation-form button[type="submit"]`),
		chromedp.WaitVisible(`#saved`),
	); err != nil {
		t.Fatal(err)
	}
	second := read()
	if second.Total != "96.96" || second.Grade != "优" || second.Score2 != "10.00" || second.Version != "2" ||
		!strings.Contains(second.Explain2, "76 ÷ 95 × 12.5 = 10.00") {
		t.Fatalf("after lowering 正常使用率 to 76%%: %+v", second)
	}

	// Both saves are in the audit trail, each by the signed-in evaluator,
	// the second with the first as its before side.
	trail, err := e.st.AuditLog(t.Context(), store.AuditFilter{Unit: exUnit, Year: exYear, Project: officeCode})
	if err != nil {
		t.Fatal(err)
	}
	var saves []store.AuditEntry
	for _, a := range trail {
		if a.Action == store.AuditEvaluationSave {
			saves = append(saves, a)
		}
	}
	if len(saves) != 2 || saves[0].Actor != "editor" || saves[1].Actor != "lisi" || saves[0].Before != "" || !strings.Contains(saves[1].Before, `"value":"90%"`) ||
		!strings.Contains(saves[1].After, `"value":"76%"`) {
		t.Errorf("evaluation saves in the audit trail: %+v", saves)
	}
}
