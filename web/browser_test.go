package web

import (
	"bytes"
	"context"
	"image/png"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"jixiao/auth"
)

// TestBrowser renders the pages in a real headless Chromium and checks what
// a user sees: the text, the merged cells of the goal table, the highlighted
// findings, the print layout. One browser serves all subtests.
func TestBrowser(t *testing.T) {
	bctx, _, base := browserSession(t, "editor", auth.Editor)
	open := func(t *testing.T, path string) context.Context {
		t.Helper()
		return openPage(t, bctx, base+path)
	}
	eval := evalJS

	t.Run("department", func(t *testing.T) {
		ctx := open(t, exBase)
		var got struct {
			Total, Heading, Text string
			Bars                 int
			Widths               []float64
			Styled               bool
		}
		eval(t, ctx, `({
			Total: document.getElementById('total-budget').textContent.trim(),
			Heading: document.querySelector('h1').textContent.trim(),
			Text: document.body.innerText,
			Bars: document.querySelectorAll('#budget-chart rect.bar').length,
			Widths: [...document.querySelectorAll('#budget-chart rect.bar')].map(r => r.getBoundingClientRect().width),
			Styled: getComputedStyle(document.querySelector('header.site')).display === 'flex',
		})`, &got)
		if got.Total != "814.86" {
			t.Errorf("total %q, want 814.86", got.Total)
		}
		if got.Heading != "乐亭县市场监督管理局本级 2024年度绩效目标" {
			t.Errorf("heading %q", got.Heading)
		}
		for _, s := range []string{"预算总额（万元）", "一、总体绩效目标", "严守安全底线，在风险管控上再加力", "二、分项绩效目标", "三、工作保障措施", "办公楼运维费", "审核概况"} {
			if !strings.Contains(got.Text, s) {
				t.Errorf("page text lacks %q", s)
			}
		}
		if got.Bars != 11 {
			t.Errorf("%d bars, want 11", got.Bars)
		}
		for i, w := range got.Widths {
			if w <= 0 {
				t.Errorf("bar %d not drawn (width %v)", i+1, w)
			}
		}
		if !got.Styled {
			t.Error("stylesheet not applied (blocked by the CSP?)")
		}
	})

	t.Run("project", func(t *testing.T) {
		ctx := open(t, exBase+"/projects/"+officeCode)
		var got struct {
			Title   string
			Level1  [][2]any
			Values  []string
			Level3  []string
			Merged  bool
			Marked  []string
			MarkBg  string
			Message string
		}
		eval(t, ctx, `(() => {
			const t = document.getElementById('goal-table');
			const rows = [...t.querySelectorAll('tr.indicator')];
			const out = document.querySelector('td.level1');
			const fourth = rows[3].getBoundingClientRect();
			const mark = t.querySelector('td.finding-warning, td.finding-error');
			return {
				Title: document.querySelector('h1.form-title').textContent.trim(),
				Level1: [...t.querySelectorAll('td.level1')].map(td => [td.textContent.trim(), td.rowSpan]),
				Values: rows.map(r => r.querySelector('td.value').textContent.trim()),
				Level3: rows.map(r => r.querySelector('td.level3').textContent.trim()),
				Merged: Math.abs(out.getBoundingClientRect().bottom - fourth.bottom) < 2,
				Marked: [...t.querySelectorAll('td[class*="finding-"]')].map(td => td.textContent.trim()),
				MarkBg: mark ? getComputedStyle(mark).backgroundColor : '',
				Message: mark ? mark.parentElement.querySelector('.review-col').innerText : '',
			};
		})()`, &got)
		if got.Title != "1.办公楼运维费绩效目标表" {
			t.Errorf("title %q", got.Title)
		}
		want := [][2]any{{"产出指标", 4.0}, {"效益指标", 2.0}, {"满意度指标", 1.0}}
		if len(got.Level1) != len(want) {
			t.Fatalf("一级 cells %v, want %v", got.Level1, want)
		}
		for i := range want {
			if got.Level1[i] != want[i] {
				t.Errorf("一级 cell %d: %v, want %v", i+1, got.Level1[i], want[i])
			}
		}
		if !got.Merged {
			t.Error("产出指标 cell does not reach the bottom of the 4th row")
		}
		wantValues := []string{"10个", "≥95%", "2024年12月31日", "10.36万元", "日益提高", "日益提高", "≥90%"}
		if strings.Join(got.Values, "|") != strings.Join(wantValues, "|") {
			t.Errorf("指标值 %v, want %v", got.Values, wantValues)
		}
		if got.Level3[0] != "派出机构数量" || got.Level3[2] != "项目完成时间" {
			t.Errorf("三级 %v", got.Level3)
		}
		if len(got.Marked) == 0 {
			t.Fatal("no highlighted cell")
		}
		if !slices.Contains(got.Marked, "日益提高") {
			t.Errorf("highlighted cells %v lack the trend value 日益提高", got.Marked)
		}
		if got.MarkBg == "" || got.MarkBg == "rgba(0, 0, 0, 0)" {
			t.Errorf("highlighted cell has no background (%q)", got.MarkBg)
		}
		if !strings.Contains(got.Message, "日益提高") || !strings.Contains(got.Message, "建议") {
			t.Errorf("message beside the highlighted cell: %q", got.Message)
		}
	})

	t.Run("print", func(t *testing.T) {
		ctx := open(t, exBase+"/review")
		if err := chromedp.Do(ctx, chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
			_, err := cdp.Call(ctx, tg, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: "print"})
			return err
		})); err != nil {
			t.Fatal(err)
		}
		var got struct {
			Nav, Signature, Border string
		}
		eval(t, ctx, `({
			Nav: getComputedStyle(document.querySelector('header.site')).display,
			Signature: getComputedStyle(document.querySelector('.signature')).display,
			Border: getComputedStyle(document.querySelector('#review-summary-table td')).borderTopStyle,
		})`, &got)
		if got.Nav != "none" {
			t.Errorf("navigation printed (display %q)", got.Nav)
		}
		if got.Signature == "none" {
			t.Error("signature block not printed")
		}
		if got.Border != "solid" {
			t.Errorf("printed table cells without borders (%q)", got.Border)
		}
	})

	t.Run("screenshot", func(t *testing.T) {
		ctx := open(t, exBase+"/projects/"+officeCode)
		img, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
		if err != nil {
			t.Fatal(err)
		}
		file := filepath.Join(t.TempDir(), "project.png")
		if err := os.WriteFile(file, img, 0o644); err != nil {
			t.Fatal(err)
		}
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		cfg, err := png.DecodeConfig(bytes.NewReader(data))
		if err != nil {
			t.Fatalf("screenshot is not a PNG: %v", err)
		}
		if len(data) < 1000 || cfg.Width < 600 || cfg.Height < 400 {
			t.Errorf("screenshot %d bytes, %d×%d", len(data), cfg.Width, cfg.Height)
		}
	})
}
