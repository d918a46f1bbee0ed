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

	"jixiao/auth"
)

// chromiumPath is where Debian installs the browser.
const chromiumPath = "/usr/bin/chromium"

// startBrowser starts a headless Chromium for the test, stopped when the
// test ends, and returns its context (without a deadline: a deadline on
// the first run would bound the browser's whole life). Without Chromium
// the test is skipped, or fails when JIXIAO_REQUIRE_BROWSER=1.
func startBrowser(t *testing.T) context.Context {
	t.Helper()
	exe := chromiumPath
	if _, err := os.Stat(exe); err != nil {
		p, err := exec.LookPath("chromium")
		if err != nil {
			if os.Getenv("JIXIAO_REQUIRE_BROWSER") == "1" {
				t.Fatalf("JIXIAO_REQUIRE_BROWSER=1 but no chromium at %s or on PATH", chromiumPath)
			}
			t.Skipf("chromium not installed (%s); install Debian's chromium package to run the browser tests", chromiumPath)
		}
		exe = p
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(exe),
		chromedp.Flag("headless", true),
		chromedp.Flag("no-sandbox", true),
		chromedp.Flag("disable-gpu", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("no-first-run", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1280, 1000),
	)
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	t.Cleanup(cancelAlloc)
	bctx, cancelBrowser := chromedp.NewContext(actx)
	t.Cleanup(cancelBrowser) // runs first: the tab closes before the browser
	if err := chromedp.Do(bctx, chromedp.Navigate("about:blank")); err != nil {
		t.Fatalf("starting chromium: %v", err)
	}
	return bctx
}

// pageContext bounds one page's checks, so that a hung page fails its
// test instead of the whole run.
func pageContext(t *testing.T, bctx context.Context) context.Context {
	t.Helper()
	ctx, cancel := context.WithTimeout(bctx, 60*time.Second)
	t.Cleanup(cancel)
	return ctx
}

// openPage navigates to url and waits for the page's main element; the
// returned context is bounded as pageContext's.
func openPage(t *testing.T, bctx context.Context, url string) context.Context {
	t.Helper()
	ctx := pageContext(t, bctx)
	if err := chromedp.Do(ctx, chromedp.Navigate(url), chromedp.WaitVisible(chromedp.CSS("main"))); err != nil {
		t.Fatalf("open %s: %v", url, err)
	}
	return ctx
}

// evalJS evaluates the expression in the page and decodes its value into out.
func evalJS(t *testing.T, ctx context.Context, js string, out any) {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[any](js))
	if err != nil {
		t.Fatalf("evaluate %s: %v", js, err)
	}
	b, _ := json.Marshal(v)
	if err := json.Unmarshal(b, out); err != nil {
		t.Fatalf("evaluate %s: result %s: %v", js, b, err)
	}
}

// browserSession starts a browser and a server over a fresh store holding
// the example, and signs the browser in as user name through the login
// form: the env's own editor of the example's unit, or an account made
// with role and units. It returns the browser's context (see
// startBrowser), the env and the server's address.
func browserSession(t *testing.T, name string, role auth.Role, units ...string) (context.Context, *env, string) {
	t.Helper()
	bctx := startBrowser(t)
	e := newEnv(t, true)
	if name != "editor" {
		e.user(t, name, role, units...)
	}
	srv := httptest.NewServer(e.h)
	t.Cleanup(srv.Close)
	browserLogin(t, bctx, srv.URL, name)
	return bctx, e, srv.URL
}
