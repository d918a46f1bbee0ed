package web

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"jixiao/auth"
)

// TestLedgerBrowser types a sampling record into the ledger's form in a
// real headless Chromium, binds 抽检批次 to the sampling count with the
// page's selects, and reads the counted value and its evidence link; the
// page keeps to the window's width at 1280 pixels.
func TestLedgerBrowser(t *testing.T) {
	bctx, _, base := browserSession(t, "editor", auth.Editor)
	ctx := openPage(t, bctx, base+exBase+"/ledger")
	if err := chromedp.Do(ctx,
		chromedp.SetValue(`#record-kind`, "sampling"),
		chromedp.SetValue(`#record-date`, "2024-05-06"),
		chromedp.SendKeys(`#record-ref`, "SC2024-0506"),
		chromedp.SendKeys(`#record-subject`, "乐亭县某超市"),
		chromedp.SendKeys(`#record-item`, "大米"),
		chromedp.SetValue(`#record-outcome`, "合格"),
		chromedp.Click(`#record-form button[type="submit"]`),
		chromedp.WaitVisible(`#ledger-notice`),
	); err != nil {
		t.Fatal(err)
	}
	var notice string
	evalJS(t, ctx, `document.getElementById('ledger-notice').innerText`, &notice)
	if !strings.HasPrefix(notice, "已录入第 ") || !strings.HasSuffix(notice, "号抽检记录：2024-05-06 乐亭县某超市。") {
		t.Errorf("notice %q", notice)
	}
	// Its lab result came on 20 May: entered from the record's row.
	if err := chromedp.Do(ctx,
		chromedp.Click(`#records-table details.close summary`),
		chromedp.WaitVisible(`#records-table .close-form input[name="closed"]`),
		chromedp.SetValue(`#records-table .close-form input[name="closed"]`, "2024-05-20"),
		chromedp.SetValue(`#records-table .close-form select[name="outcome"]`, "合格"),
		chromedp.Click(`#records-table .close-form button[type="submit"]`),
		// The notice of the entry stays until the next page loads, where
		// the closed record has no closing form any more.
		chromedp.WaitNotPresent(`#records-table details.close`),
		chromedp.WaitVisible(`#ledger-notice`),
	); err != nil {
		t.Fatal(err)
	}
	evalJS(t, ctx, `document.getElementById('ledger-notice').innerText`, &notice)
	var closed string
	evalJS(t, ctx, `document.querySelector('#records-table tbody tr td:nth-child(7)').innerText`, &closed)
	if !strings.HasPrefix(notice, "已登记第 ") || !strings.HasSuffix(notice, "号记录于 2024-05-20 办结。") || closed != "2024-05-20" {
		t.Errorf("after closing: notice %q, closing date %q", notice, closed)
	}
	if err := chromedp.Do(ctx,
		chromedp.SetValue(`#measure-indicator`, checkCode+":1"),
		chromedp.SetValue(`#measure-kind`, "sampling"),
		chromedp.SetValue(`#measure-count`, "records"),
		chromedp.Click(`#measure-form button[type="submit"]`),
		chromedp.WaitVisible(`#measures-table`),
	); err != nil {
		t.Fatal(err)
	}
	var got struct {
		Value, Met, Evidence, Summary string
		Scroll, Width                 float64
	}
	evalJS(t, ctx, `(() => {
		const row = document.querySelector('#measures-table tbody tr');
		return {
			Value: row.querySelector('.value').innerText.trim(),
			Met: row.querySelector('.met').innerText.trim(),
			Evidence: row.querySelector('a').getAttribute('href'),
			Summary: document.querySelector('#ledger-summary tr[data-kind="sampling"] td.num').innerText,
			Scroll: document.documentElement.scrollWidth,
			Width: window.innerWidth,
		};
	})()`, &got)
	if got.Value != "1批次" || got.Met != "未达到" || got.Summary != "1" || got.Evidence != exBase+"/ledger?evidence="+checkCode+"%3A1" {
		t.Errorf("bound row %+v", got)
	}
	if got.Scroll > got.Width {
		t.Errorf("the page is %v pixels wide in a %v-pixel window", got.Scroll, got.Width)
	}
	if err := chromedp.Do(ctx, chromedp.Click(`#measures-table tbody tr a`), chromedp.WaitVisible(`#records-heading`)); err != nil {
		t.Fatal(err)
	}
	var heading string
	evalJS(t, ctx, `document.getElementById('records-heading').innerText`, &heading)
	if heading != "计入“商品质量宣传检测执法经费”第 1 个指标“抽检批次”的记录（抽检批次数）（1 条）" {
		t.Errorf("evidence heading %q", heading)
	}
}
