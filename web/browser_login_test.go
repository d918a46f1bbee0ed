package web

import (
	"context"
	"testing"

	"github.com/chromedp/chromedp"
)

// browserLogin signs the browser in as the user (password testPassword)
// through the login form.
func browserLogin(t *testing.T, bctx context.Context, base, name string) {
	t.Helper()
	ctx := pageContext(t, bctx)
	if err := chromedp.Do(ctx,
		chromedp.Navigate(base+"/login"),
		chromedp.WaitVisible(`#login-form`),
		chromedp.SendKeys(`#username`, name),
		chromedp.SendKeys(`#password`, testPassword),
		chromedp.Click(`#login-form button[type="submit"]`),
		chromedp.WaitNotPresent(`#login-form`),
		chromedp.WaitVisible(`#who`),
	); err != nil {
		t.Fatalf("login as %s: %v", name, err)
	}
}
