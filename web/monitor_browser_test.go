package web

import (
	"testing"

	"github.com/chromedp/chromedp"

	"jixiao/auth"
)

// TestMonitorBrowser enters a spending record through the project's
// monitoring form in a real headless Chromium and sees the chart's actual
// line rise and the light turn from red to green.
func TestMonitorBrowser(t *testing.T) {
	bctx, _, base := browserSession(t, "editor", auth.Editor)
	ctx := pageContext(t, bctx)

	type state struct {
		Light, Actual string
		Points        int
		ActualWidth   float64
		Dot           string
	}
	read := func() state {
		t.Helper()
		var s state
		evalJS(t, ctx, `(() => {
			const line = document.getElementById('actual-line');
			return {
				Light: document.getElementById('light').innerText.trim(),
				Actual: document.getElementById('actual').innerText.trim(),
				Points: line.points.numberOfItems,
				ActualWidth: line.getBBox().height,
				Dot: getComputedStyle(document.querySelector('#light .dot')).backgroundColor,
			};
		})()`, &s)
		return s
	}
	page := base + officeMonitor + "?as_of=2024-07-31"
	if err := chromedp.Do(ctx, chromedp.Navigate(page), chromedp.WaitVisible(chromedp.CSS("#spend-chart"))); err != nil {
		t.Fatal(err)
	}
	before := read()
	if before.Light != "红灯" || before.Actual != "0.00%" || before.ActualWidth != 0 {
		t.Fatalf("before: %+v", before)
	}
	if err := chromedp.Do(ctx,
		chromedp.SetValue(`#spending-form input[name="date"]`, "2024-07-31"),
		chromedp.SendKeys(`#spending-form input[name="amount"]`, "6.00"),
		chromedp.SendKeys(`#spending-form input[name="note"]`, "电费"),

		chromedp.Click(`#spending-form button[type="submit"]`),
		chromedp.WaitVisible(`#spending-history td.num`),
	); err != nil {
		t.Fatal(err)
	}
	after := read()
	if after.Light != "绿灯" || after.Actual != "57.92%" || after.Points <= before.Points || after.ActualWidth < 100 {
		t.Errorf("after entering 6.00万元: %+v (before %+v)", after, before)
	}
	if after.Dot == before.Dot {
		t.Errorf("the light's dot kept its colour %s", after.Dot)
	}
}

// TestMonitorListLayout opens the department's monitoring list in a real
// browser at the common 1280-pixel width: a project's name and the
// reasons for its light keep room to be read (the name breaks at most
// once or twice, not every few characters), while the figures' headers
// wrap instead.
func TestMonitorListLayout(t *testing.T) {
	bctx, _, base := browserSession(t, "editor", auth.Editor)
	ctx := openPage(t, bctx, base+exBase+"/monitor?as_of=2024-12-31")
	var got struct {
		Name, Reasons, Font, Table, Content float64
		Rows                                int
	}
	evalJS(t, ctx, `(() => {
		const row = document.querySelector('#monitor-table tbody tr');
		const px = s => parseFloat(getComputedStyle(s).fontSize);
		const name = row.cells[2];
		return {
			Name: name.getBoundingClientRect().width,
			Reasons: row.cells[8].getBoundingClientRect().width,
			Font: px(name),
			Table: document.getElementById('monitor-table').getBoundingClientRect().width,
			Content: document.querySelector('main').getBoundingClientRect().width,
			Rows: document.querySelectorAll('#monitor-table tbody tr').length,
		};
	})()`, &got)
	if got.Rows != 11 {
		t.Fatalf("%d rows in the monitoring list, want the example's 11 projects", got.Rows)
	}
	if got.Name < 7*got.Font {
		t.Errorf("project name column %.0f px wide, under 7 characters of %.0f px", got.Name, got.Font)
	}
	if got.Reasons < 12*got.Font {
		t.Errorf("reasons column %.0f px wide, under 12 characters of %.0f px", got.Reasons, got.Font)
	}
	if got.Table > got.Content+1 {
		t.Errorf("the list (%.0f px) is wider than the page's content (%.0f px)", got.Table, got.Content)
	}
}
