package review

import (
	"bytes"
	"encoding/json"
	"jixiao/internal/fixture"
	"os"
	"reflect"
	"strings"
	"testing"

	"jixiao"
)

// Project codes of the example.
const (
	office     = "13022524P00260210037A" // 办公楼运维费
	random     = "13022524P00002410003E" // 标准计量特种设备双随机监管经费
	star       = "13022524P00002410012N" // 基层“星级所”建设经费
	branch     = "13022524P000024100042" // 基层分局运转经费
	equipment  = "13022524P00002410013A" // 基层特种设备执法装备配备保障经费
	commodity  = "13022524P00002410002T" // 商品质量宣传检测执法经费
	tipoff     = "13022524P000024100017" // 食品药品举报奖
	food       = "13022524P000024100069" // 食品药品宣传检测执法经费
	work       = "13022524P00002410005M" // 市场监管工作经费
	subsidy    = "13022524P002NJJ100058" // 市场监管专项补助经费
	specialist = "13022524P00002410008G" // 特种设备隐患排查专家会诊费
)

func find(r Report, rule, project string, indicator int) *Finding {
	for i, f := range r.Findings {
		if f.Rule == rule && f.Project == project && f.Indicator == indicator {
			return &r.Findings[i]
		}
	}
	return nil
}

func TestExampleFlagsTheDefects(t *testing.T) {
	r := Review(fixture.Example(t), DefaultConfig())
	cases := []struct {
		rule      string
		project   string
		indicator int
		sev       Severity
		contains  []string
	}{
		{"G5", specialist, 1, Warning, []string{"检查数量", "≥95%", "百分比"}},
		{"G5", tipoff, 1, Warning, []string{"举报线索处置率", "100%"}},
		{"G6", equipment, 1, Warning, []string{"支出完成率", "按时有序支付", "≥95%"}},
		{"G6", work, 1, Warning, []string{"按时有序支付", "≥95%"}},
		{"G6", subsidy, 1, Warning, []string{"支出完成率"}},
		{"G4", random, 6, Warning, []string{"“可持续性”", "重复指标名称"}},
		{"G4", subsidy, 6, Warning, []string{"持续提升我局社会影响力", "重复指标名称"}},
		{"G4", office, 5, Warning, []string{"日益提高", "趋势性"}},
		{"G4", commodity, 5, Warning, []string{"持续提高"}},
		{"G10", subsidy, 6, Warning, []string{"没有填写指标值确定依据"}},
		{"C2", commodity, 1, Warning, []string{"330＋5＋200＋400＋10＋42＝987批次", "1000批次", "成品油330批次"}},
		{"G7", office, 4, Info, []string{"等于全部预算数10.36万元"}},
		{"C2", food, 1, Info, []string{"2000＋1500＝3500批次", "一致"}},
		{"C2", food, 0, Info, []string{"8×3万元＝24.00万元", "34.00万元"}},
	}
	for _, c := range cases {
		f := find(r, c.rule, c.project, c.indicator)
		if f == nil {
			t.Errorf("%s at %s/%d: not found", c.rule, c.project, c.indicator)
			continue
		}
		if f.Severity != c.sev {
			t.Errorf("%s at %s/%d: severity %s, want %s", c.rule, c.project, c.indicator, f.Severity, c.sev)
		}
		for _, s := range c.contains {
			if !strings.Contains(f.Message, s) {
				t.Errorf("%s at %s/%d: message %q lacks %q", c.rule, c.project, c.indicator, f.Message, s)
			}
		}
		if f.Fix == "" || f.Basis == "" {
			t.Errorf("%s at %s/%d: no fix or basis", c.rule, c.project, c.indicator)
		}
	}
	// The spending-progress rows are G6's, not G5's as well.
	if f := find(r, "G5", equipment, 1); f != nil {
		t.Errorf("G5 repeats G6: %s", f.Message)
	}
}

// No warning or error on a sound indicator: 派出机构数量 10个, 抽查企业数量
// 110户, 保障车辆数量 10辆, 检测数量 3500批次, and every quality,
// timeliness, cost and satisfaction row of the example.
func TestExampleSilentOnSoundIndicators(t *testing.T) {
	doc := fixture.Example(t)
	r := Review(doc, DefaultConfig())
	sound := map[string]map[int]bool{
		office: {1: true}, star: {1: true}, random: {1: true}, branch: {1: true}, food: {1: true},
	}
	for _, p := range doc.Projects {
		if sound[p.Code] == nil {
			sound[p.Code] = map[int]bool{}
		}
		for _, n := range []int{2, 3, 4, 7} {
			sound[p.Code][n] = true
		}
	}
	for _, f := range r.Findings {
		if f.Severity != Info && sound[f.Project][f.Indicator] {
			t.Errorf("%s %s at %s/%d on a sound indicator: %s", f.Severity, f.Rule, f.Project, f.Indicator, f.Message)
		}
	}
	if r.Summary.Errors != 0 {
		t.Errorf("the example has no error-level defect, got %d errors", r.Summary.Errors)
	}
	if len(of(r, "C1")) != 0 {
		t.Errorf("every paragraph has its table: %+v", of(r, "C1"))
	}
}

func TestExampleOrderGradesSummary(t *testing.T) {
	doc := fixture.Example(t)
	r := Review(doc, DefaultConfig())
	if !reflect.DeepEqual(r, Review(doc, DefaultConfig())) {
		t.Fatal("review is not deterministic")
	}
	// Document order: per-project findings by project, then indicator;
	// the cross-document ones after them all.
	pos := map[string]int{}
	for i, p := range doc.Projects {
		pos[p.Code] = i
	}
	last, lastInd, cross := -1, -1, false
	for _, f := range r.Findings {
		if f.Rule[0] == 'C' {
			cross = true
			continue
		}
		if cross {
			t.Fatalf("%s after the cross-document findings", f.Rule)
		}
		p := pos[f.Project]
		if p < last || p == last && f.Indicator < lastInd {
			t.Fatalf("%s at %s/%d out of order", f.Rule, f.Project, f.Indicator)
		}
		if p != last {
			lastInd = -1
		}
		last, lastInd = p, f.Indicator
	}
	if len(r.Projects) != 11 || r.Summary.Projects != 11 || r.Summary.Indicators != 77 {
		t.Fatalf("projects %d, summary %+v", len(r.Projects), r.Summary)
	}
	sum := 0
	for _, p := range r.Projects {
		if p.Errors != 0 || p.Warnings < 2 || p.Grade != "良" {
			t.Errorf("%s %s: %d errors %d warnings grade %s", p.Code, p.Name, p.Errors, p.Warnings, p.Grade)
		}
		sum += p.Warnings
	}
	if sum != r.Summary.Warnings || r.Summary.Grades["良"] != 11 {
		t.Errorf("summary %+v disagrees with projects (warnings %d)", r.Summary, sum)
	}
	total := 0
	for _, n := range r.Summary.ByRule {
		total += n
	}
	if total != len(r.Findings) {
		t.Errorf("by rule %v sums to %d, findings %d", r.Summary.ByRule, total, len(r.Findings))
	}
}

func TestConfigChangesTheReview(t *testing.T) {
	doc := fixture.Example(t)
	cfg := DefaultConfig()
	cfg.SatisfactionFloor = jixiao.Dec(90)
	cfg.TrendWords = nil
	cfg.Grade.ExcellentMaxWarnings = 10
	r := Review(doc, cfg)
	if f := find(r, "G9", subsidy, 7); f == nil || f.Severity != Warning || !strings.Contains(f.Message, "≥85%") {
		t.Errorf("satisfaction floor 90%%: %+v", f)
	}
	if f := find(r, "G4", office, 5); f != nil {
		t.Errorf("no trend words, still: %s", f.Message)
	}
	if r.Projects[0].Grade != "优" {
		t.Errorf("grade with 10 warnings allowed: %s", r.Projects[0].Grade)
	}
}

func TestGrading(t *testing.T) {
	g := DefaultConfig().Grade
	for _, c := range []struct {
		errors, warnings int
		want             string
	}{{0, 0, "优"}, {0, 1, "优"}, {0, 2, "良"}, {0, 9, "良"}, {1, 0, "中"}, {2, 5, "中"}, {3, 0, "差"}} {
		if got := g.Of(c.errors, c.warnings); got != c.want {
			t.Errorf("Of(%d, %d) = %s, want %s", c.errors, c.warnings, got, c.want)
		}
	}
}

func TestPresetInferred(t *testing.T) {
	d := soundDoc()
	d.Preset = ""
	d.Projects[0].Indicators[3] = ind("成本指标", "经济成本指标", "每批次抽检费用", "≤300元")
	r := Review(d, DefaultConfig())
	if r.Preset != jixiao.Preset101 || len(of(r, "G2")) != 0 {
		t.Errorf("preset %s, G2 %+v", r.Preset, of(r, "G2"))
	}
	d.Projects[0].Indicators[3] = ind("产出指标", "成本指标", "每批次抽检费用", "≤300元")
	if r := Review(d, DefaultConfig()); r.Preset != jixiao.Preset88 {
		t.Errorf("preset %s, want 88", r.Preset)
	}
}

func TestJSONShape(t *testing.T) {
	r := Review(fixture.Example(t), DefaultConfig())
	var buf bytes.Buffer
	if err := WriteJSON(&buf, r); err != nil {
		t.Fatal(err)
	}
	var raw struct {
		Findings []map[string]any `json:"findings"`
		Projects []map[string]any `json:"projects"`
	}
	if err := json.Unmarshal(buf.Bytes(), &raw); err != nil {
		t.Fatal(err)
	}
	if len(raw.Findings) != len(r.Findings) || len(raw.Projects) != 11 {
		t.Fatalf("%d findings, %d projects", len(raw.Findings), len(raw.Projects))
	}
	for i, f := range raw.Findings {
		for _, k := range []string{"rule", "severity", "project", "message", "fix", "basis"} {
			if _, ok := f[k]; !ok {
				t.Fatalf("finding %d lacks %q: %v", i, k, f)
			}
		}
		n, has := f["indicator"]
		if want := r.Findings[i].Indicator; want == 0 && has || want > 0 && n != float64(want) {
			t.Fatalf("finding %d indicator %v, want %d", i, n, want)
		}
	}
	for _, k := range []string{"code", "grade", "errors", "warnings"} {
		if _, ok := raw.Projects[0][k]; !ok {
			t.Fatalf("project lacks %q", k)
		}
	}
	var back Report
	if err := json.Unmarshal(buf.Bytes(), &back); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(back.Findings, r.Findings) || !reflect.DeepEqual(back.Projects, r.Projects) {
		t.Error("JSON does not round-trip")
	}
	if !strings.Contains(buf.String(), `"indicator": 1`) || !strings.Contains(buf.String(), "987批次") {
		t.Error("JSON lacks the C2 finding")
	}
}

func TestWriteText(t *testing.T) {
	r := Review(fixture.Example(t), DefaultConfig())
	var buf bytes.Buffer
	if err := WriteText(&buf, r); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	for _, s := range []string{
		"绩效目标审核：乐亭县市场监督管理局本级 2024年（指标体系：88号）",
		"审核等级：优 0，良 11，中 0，差 0",
		"【良】13022524P00260210037A 办公楼运维费",
		"[警告] C2 指标1：第一部分“商品质量宣传检测执法经费”",
		"建议：", "依据：财预〔2015〕88号 第九条",
	} {
		if !strings.Contains(out, s) {
			t.Errorf("text lacks %q", s)
		}
	}
	if testing.Verbose() {
		os.Stdout.WriteString(out)
	}
}

func BenchmarkReviewExample(b *testing.B) {
	doc := fixture.Example(b)
	cfg := DefaultConfig()
	b.ReportAllocs()
	for b.Loop() {
		Review(doc, cfg)
	}
}
