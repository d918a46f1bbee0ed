package web

import (
	"context"
	"fmt"
	"html"
	"net/http"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"jixiao"
	"jixiao/auth"
	"jixiao/internal/fixture"
	"jixiao/store"
	"jixiao/workflow"
)

var auditSeq = regexp.MustCompile(`<td class="num">(\d+)</td>`)
var (
	newerLink = regexp.MustCompile(`href="\?after=(\d+)" id="audit-newer"`)
	olderLink = regexp.MustCompile(`href="\?before=(\d+)" id="audit-older"`)
)

// auditPageSeqs reads the seqs shown on an audit page and its paging links
// ("" when absent).
func auditPageSeqs(t *testing.T, e *env, path string) (seqs []int64, newer, older string) {
	t.Helper()
	res, body := e.get(t, path)
	if res.StatusCode != http.StatusOK {
		t.Fatalf("%s: %d", path, res.StatusCode)
	}
	for _, m := range auditSeq.FindAllStringSubmatch(body, -1) {
		n, _ := strconv.ParseInt(m[1], 10, 64)
		seqs = append(seqs, n)
	}
	if m := newerLink.FindStringSubmatch(body); m != nil {
		newer = m[1]
	}
	if m := olderLink.FindStringSubmatch(body); m != nil {
		older = m[1]
	}
	return seqs, newer, older
}

// TestAuditPages: the document's and a project's audit pages show 100
// entries a page, newest first, with 较新/较早 links by entry seq that
// together walk the whole trail once.
func TestAuditPages(t *testing.T) {
	e := newEnv(t, true)
	ctx := context.Background()
	const saves = 110
	for i := range saves {
		d := fixture.Example(t)
		p, _ := d.Project(officeCode)
		p.Purpose = fmt.Sprintf("用于办公楼运维（第 %d 次修改）", i+1)
		if _, err := e.st.SaveDocuments(ctx, []*jixiao.Document{d}, "editor"); err != nil {
			t.Fatal(err)
		}
	}
	for _, c := range []struct {
		path string
		f    store.AuditFilter
	}{
		{exBase + "/audit", store.AuditFilter{Unit: exUnit, Year: exYear}},
		{exBase + "/projects/" + officeCode + "/audit", store.AuditFilter{Unit: exUnit, Year: exYear, Project: officeCode}},
	} {
		all, err := e.st.AuditLog(ctx, c.f)
		if err != nil {
			t.Fatal(err)
		}
		if len(all) <= 100 {
			t.Fatalf("%s: only %d entries", c.path, len(all))
		}
		// Backwards with 较早 from the newest page.
		var walked []int64
		var pages [][]int64
		path := c.path
		for {
			seqs, newer, older := auditPageSeqs(t, e, path)
			if len(seqs) == 0 || len(seqs) > 100 {
				t.Fatalf("%s: %d entries on a page", path, len(seqs))
			}
			if (path == c.path) != (newer == "") {
				t.Errorf("%s: newer link %q", path, newer)
			}
			if newer != "" && newer != fmt.Sprint(seqs[0]) {
				t.Errorf("%s: newer link %s, first entry %d", path, newer, seqs[0])
			}
			pages = append(pages, seqs)
			walked = append(walked, seqs...)
			if older == "" {
				break
			}
			if older != fmt.Sprint(seqs[len(seqs)-1]) || len(seqs) != 100 {
				t.Fatalf("%s: older link %s after %d entries", path, older, len(seqs))
			}
			path = c.path + "?before=" + older
		}
		if len(walked) != len(all) {
			t.Fatalf("%s: walked %d entries, trail has %d", c.path, len(walked), len(all))
		}
		for i, s := range walked {
			if want := all[len(all)-1-i].Seq; s != want {
				t.Fatalf("%s: entry %d is seq %d, want %d (newest first)", c.path, i, s, want)
			}
		}
		// Forwards with 较新 from the oldest page: the same pages, the
		// last reached being the newest page.
		last := pages[len(pages)-1]
		path = fmt.Sprintf("%s?after=%d", c.path, last[0])
		for i := len(pages) - 2; i >= 0; i-- {
			seqs, newer, _ := auditPageSeqs(t, e, path)
			if fmt.Sprint(seqs) != fmt.Sprint(pages[i]) {
				t.Errorf("%s: %v, want page %d", path, seqs, i)
			}
			if (i == 0) != (newer == "") {
				t.Errorf("%s: newer link %q on page %d", path, newer, i)
			}
			path = c.path + "?after=" + newer
		}
	}
	_, first := e.get(t, exBase+"/audit")
	mustContain(t, first, ">较早</a>")
	for _, bad := range []string{"?before=abc", "?after=-3", "?before=0"} {
		res, page := e.get(t, exBase+"/audit"+bad)
		if res.StatusCode != http.StatusBadRequest {
			t.Errorf("%s: %d", bad, res.StatusCode)
		}
		mustContain(t, page, "翻页参数")
	}
}

// TestAuditPageDescribesChanges makes one change of every kind a unit's
// trail holds — a goal table edited, a payment and its correction, a
// progress report, a self-evaluation saved twice, a submission — and
// reads the project's audit page: each change is said in the form's
// words (万元, 月底, an indicator by position and name), and no image's
// Go field names or fen amounts show.
func TestAuditPageDescribesChanges(t *testing.T) {
	e := newEnv(t, true)
	ctx := context.Background()
	k := jixiao.Key{Unit: exUnit, Year: exYear}
	d, err := e.st.Document(ctx, k)
	if err != nil {
		t.Fatal(err)
	}
	p, _ := d.Project(officeCode)
	edited := *p
	edited.Indicators = slices.Clone(p.Indicators)
	edited.Budget, edited.Fiscal = 11_000_000, 11_000_000
	edited.Plan = slices.Clone(p.Plan)
	edited.Plan[0].Percent = jixiao.MustDecimal("30")
	edited.Indicators[0].Value = "12个"
	edited.Indicators = append(edited.Indicators, jixiao.Indicator{Level1: "产出指标", Level2: "数量指标",
		Level3: "电梯维保次数", Description: "电梯维保次数", Value: "≥12次", Basis: "根据合同"})
	if _, err := e.st.SaveProject(ctx, k, &edited, d.Version, "editor"); err != nil {
		t.Fatal(err)
	}
	day := func(s string) jixiao.Date {
		d, err := jixiao.ParseDate(s)
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	paid, err := e.st.AddSpending(ctx, k, officeCode, jixiao.Spending{Date: day("2024-03-20"), Amount: 2_500_000, Note: "电费",
		Entered: jixiao.Stamp{By: "editor"}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := e.st.AddSpending(ctx, k, officeCode, jixiao.Spending{Date: day("2024-03-20"), Amount: 2_600_000, Note: "电费（更正）",
		Replaces: paid.ID, Entered: jixiao.Stamp{By: "editor"}}); err != nil {
		t.Fatal(err)
	}
	if _, err := e.st.AddProgress(ctx, k, officeCode, jixiao.Progress{Indicator: 2, AsOf: day("2024-06-30"), Value: "96%",
		Likelihood: "确定能", Entered: jixiao.Stamp{By: "editor"}}); err != nil {
		t.Fatal(err)
	}
	ev := jixiao.Evaluation{AdjustedBudget: 11_000_000, Actuals: []jixiao.Actual{{Indicator: 1, Value: "12个"}}}
	if _, err := e.st.SaveEvaluation(ctx, k, officeCode, ev, "editor", 0); err != nil {
		t.Fatal(err)
	}
	ev.Actuals[0].Value = "11个"
	ev.Actuals[0].Reason = "一处派出所合并"
	if _, err := e.st.SaveEvaluation(ctx, k, officeCode, ev, "editor", 1); err != nil {
		t.Fatal(err)
	}
	if err := e.st.Transition(ctx, k, workflow.Goals, workflow.Submitted, e.user(t, "填报人", auth.Editor, exUnit), ""); err != nil {
		t.Fatal(err)
	}

	_, page := e.get(t, exBase+"/projects/"+officeCode+"/audit")
	page = html.UnescapeString(page)
	mustContain(t, page,
		"修改绩效目标", "预算数（万元）：10.36 → 11.00", "财政资金（万元）：10.36 → 11.00",
		"资金支出计划：3月底 25% → 30%",
		"第 1 个指标“派出机构数量”：指标值 10个 → 12个",
		"新增第 8 个指标：产出指标 / 数量指标 / 电梯维保次数，指标值 ≥12次",
		"录入支出", "2024-03-20 支出 2.50 万元，摘要：电费",
		"更正支出记录 #1：2024-03-20 支出 2.50 万元，摘要：电费", "更正为：2024-03-20 支出 2.60 万元，摘要：电费（更正）",
		"支出记录 #2",
		"录入指标进度", "第 2 个指标“正常使用率”截至 2024-06-30 完成值：96%；完成目标可能性：确定能",
		"保存自评", "自评第 1 版", "全年预算数（万元）：11.00", "全年执行数（万元）：取自支出记录", "第 1 个指标“派出机构数量”：12个",
		"自评第 2 版", "第 1 个指标“派出机构数量”：12个 → 11个，偏差原因 一处派出所合并",
		"办公楼运维费", "新增项目", "项目名称：办公楼运维费", "预算数 10.36 万元（财政资金 10.36，其他资金 0.00）",
	)
	for _, raw := range []string{"Budget：", "Indicators：", "amount_fen", "adjusted_budget_fen", "11000000", "spending:"} {
		if strings.Contains(page, raw) {
			t.Errorf("the project's audit page shows the raw image text %q", raw)
		}
	}
	_, unitPage := e.get(t, exBase+"/audit")
	unitPage = html.UnescapeString(unitPage)
	mustContain(t, unitPage, "审核状态变更", "绩效目标：草稿 → 已报送", "保存文档", "首次导入，共 11 个项目：新增 11 个",
		"部门整体目标", fmt.Sprintf("总体绩效目标 %d 项，分项绩效目标 %d 段，工作保障措施 %d 条",
			len(d.Overall.Goals), len(d.Overall.ProjectGoals), len(d.Overall.Measures)))
}

// The administrators' trail of accounts: making, changing, disabling an
// account and an API token, said in words, newest first, and nothing of
// the units' documents; others may not see it.
func TestAccountAuditPage(t *testing.T) {
	e := newEnv(t, true)
	ctx := context.Background()
	admin := e.login(t, "管理员", auth.Admin)
	u := e.user(t, "wangwu", auth.Reviewer, "1302")
	if err := e.st.UpdateUser(ctx, "wangwu", "王五", auth.Reviewer, []string{"1302", "1303"}, "管理员"); err != nil {
		t.Fatal(err)
	}
	if err := e.st.DisableUser(ctx, "wangwu", "管理员"); err != nil {
		t.Fatal(err)
	}
	if _, _, err := e.st.CreateToken(ctx, u.ID, "预算系统", "管理员"); err != nil {
		t.Fatal(err)
	}
	for range auth.DefaultSettings.MaxFailures {
		if _, err := e.st.RecordLoginFailure(ctx, "wangwu", auth.DefaultSettings); err != nil {
			t.Fatal(err)
		}
	}
	res, page := e.getAs(t, admin, "/admin/audit")
	if res.StatusCode != http.StatusOK {
		t.Fatalf("account trail: %d", res.StatusCode)
	}
	page = html.UnescapeString(page)
	mustContain(t, page, "登录失败过多被锁定", "连续登录失败，锁定至 20")
	mustContain(t, page, "账户审计日志", "创建账户", "角色：财政审核人员", "单位范围：1302",
		"修改账户", "姓名：wangwu → 王五", "单位范围：1302 → 1302、1303",
		"停用账户", "状态：正常 → 停用", "创建接口令牌", "令牌“预算系统”")
	if strings.Index(page, "创建接口令牌") > strings.Index(page, "创建账户") {
		t.Error("the trail is not newest first")
	}
	if strings.Contains(page, "新增项目") {
		t.Error("the account trail shows a unit's document entries")
	}
	if res, _ := e.get(t, "/admin/audit"); res.StatusCode != http.StatusForbidden {
		t.Errorf("an editor reading the account trail: %d", res.StatusCode)
	}
}
