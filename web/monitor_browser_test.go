package web

import (
	"context"
	"encoding/json"
	"net/http/httptest"
	"os"
	"os/exec"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// TestMonitorBrowser enters a spending record through the project's
// monitoring form in a real headless Chromium and sees the chart's actual
// line rise and the light turn from red to green.
func TestMonitorBrowser(t *testing.T) {
	exe := chromiumPath
	if _, err := os.Stat(exe); err != nil {
		p, err := exec.LookPath("chromium")
		if err != nil {
			if os.Getenv("JIXIAO_REQUIRE_BROWSER") == "1" {
				t.Fatalf("JIXIAO_REQUIRE_BROWSER=1 but no chromium at %s or on PATH", chromiumPath)
			}
			t.Skipf("chromium not installed (%s)", chromiumPath)
		}
		exe = p
	}
	e := newEnv(t, true)
	srv := httptest.NewServer(e.h)
	defer srv.Close()
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(exe),
		chromedp.Flag("headless", true),
		chromedp.Flag("no-sandbox", true),
		chromedp.Flag("disable-gpu", true),
		chromedp.Flag("no-first-run", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1280, 1000),
	)
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	defer cancelAlloc()
	bctx, cancelBrowser := chromedp.NewContext(actx)
	defer cancelBrowser()
	if err := chromedp.Do(bctx, chromedp.Navigate("about:blank")); err != nil {
		t.Fatalf("starting chromium: %v", err)
	}
	ctx, cancel := context.WithTimeout(bctx, 60*time.Second)
	defer cancel()

	type state struct {
		Light, Actual string
		Points        int
		ActualWidth   float64
		Dot           string
	}
	read := func() state {
		t.Helper()
		v, err := chromedp.Run(ctx, chromedp.Evaluate[any](`(() => {
			const line = document.getElementById('actual-line');
			return {
				Light: document.getElementById('light').innerText.trim(),
				Actual: document.getElementById('actual').innerText.trim(),
				Points: line.points.numberOfItems,
				ActualWidth: line.getBBox().height,
				Dot: getComputedStyle(document.querySelector('#light .dot')).backgroundColor,
			};
		})()`))
		if err != nil {
			t.Fatal(err)
		}
		b, _ := json.Marshal(v)
		var s state
		json.Unmarshal(b, &s)
		return s
	}
	page := srv.URL + officeMonitor + "?as_of=2024-07-31"
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
		chromedp.SendKeys(`#spending-form input[name="by"]`, "张三"),
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
