package web

import (
	"testing"

	"jixiao/auth"
)

// TestPagesFitTheWidth opens the signed-in pages in a real browser at
// 1280 pixels, the common office screen, as an administrator who sees
// them all: none is wider than the window, so nothing is read by
// scrolling sideways (long texts in the audit trail and the goal tables
// wrap instead).
func TestPagesFitTheWidth(t *testing.T) {
	bctx, _, base := browserSession(t, "管理员", auth.Admin)
	project := exBase + "/projects/" + officeCode
	for _, path := range []string{
		"/", exBase, project, exBase + "/review", exBase + "/monitor", project + "/monitor",
		exBase + "/evaluation", project + "/evaluation", exBase + "/audit", project + "/audit",
		"/overview", "/help", exBase + "/overall/edit", "/admin/users", "/admin/audit", "/account/tokens", "/api/",
	} {
		ctx := openPage(t, bctx, base+path)
		var got struct{ Scroll, Client float64 }
		evalJS(t, ctx, `({Scroll: document.documentElement.scrollWidth, Client: document.documentElement.clientWidth})`, &got)
		if got.Scroll > got.Client {
			t.Errorf("%s: the page is %.0f px wide in a %.0f px window", path, got.Scroll, got.Client)
		}
	}
}
