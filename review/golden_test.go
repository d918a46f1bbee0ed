package review

import (
	"bytes"
	"compress/gzip"
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"jixiao"
	"jixiao/gen"
	"jixiao/internal/fixture"
	"jixiao/target"
)

var update = flag.Bool("update", false, "rewrite testdata/golden.json.gz from the current review")

// goldenCase is one document reviewed with one config.
type goldenCase struct {
	name string
	doc  *jixiao.Document
	cfg  Config
}

// otherConfig differs from DefaultConfig in every list and threshold:
// units in another order and with additions, empty words, fewer trend
// words, a higher satisfaction floor and other grade limits.
func otherConfig() Config {
	cfg := DefaultConfig()
	cfg.CountUnits = append([]string{"人", "批", "项", "", "户次", "间"}, cfg.CountUnits...)
	cfg.UnitAliases = map[string]string{"批": "批次", "间": "处"}
	cfg.TrendWords = append([]string{"", "不断"}, cfg.TrendWords[5:]...)
	cfg.GradeWords = append([]string{"", "优良", "较高"}, cfg.GradeWords...)
	cfg.SpendingWords = append([]string{"", "执行率"}, cfg.SpendingWords...)
	cfg.ReverseWords = append([]string{"", "隐患"}, cfg.ReverseWords...)
	cfg.SatisfactionWords = []string{"满意", ""}
	cfg.SatisfactionFloor = jixiao.Dec(92)
	cfg.MaxPercent = jixiao.Dec(120)
	cfg.MinIndicators = 9
	cfg.PlanEnd = jixiao.Dec(95)
	cfg.QuoteMax = 30
	cfg.Grade = Grading{ExcellentMaxWarnings: 3, FairMaxErrors: 4}
	return cfg
}

// cellPool holds awkward cells for scrambled documents: every cell of the
// example, and values written every way the importers meet.
func cellPool(doc *jixiao.Document) []string {
	pool := []string{"", " ", "\u3000", "好", "较好", "高中低", "好/较好/一般/差", "达成、部分达成、未达成", "持续提升", "进一步提高",
		"“可持续性”", "可持续性", "≥１２０％", "≥120%", "≤5%", "0次", "＜3个", "2023年12月31日", "2024年6月30日", "2024年12月",
		"100万元", "≤5万元", "300元/批次", "≥95‰", "1200‰", "50家", "1,000批次", "三百五十户", "抽检批次1000批次", "1000批次",
		"支出完成率", "资金拨付及时率", "投诉率", "事故发生次数", "满意度", "服务对象满意率", "\"引号\"", "Ａｂｃ１２", "\xffbad",
		"数量指标", "数量", "质量指标", "成本指标", "经济成本指标", "社会成本", "产出指标", "产出", "效益指标", "成本指标 ", "满意度指标",
		"社会效益指标", "可持续影响", "服务对象满意度指标", "时效指标", "生态环境成本指标", "其他指标"}
	for _, p := range doc.Projects {
		for _, in := range p.Indicators {
			pool = append(pool, in.Level1, in.Level2, in.Level3, in.Description, in.Value, in.Basis)
		}
	}
	return pool
}

// paragraphs are part-one texts with enumerations, per-unit figures,
// products and totals.
var paragraphs = []string{
	"2024年计划抽检成品油330批次，车用尿素5批次，一共八家，每家3万元。",
	"每家企业每次检查需聘请专家3人，8家×3万元，项目预算总额为30万元",
	"完成检查企业50家、抽检200批、巡查十二次，第3次抽检330批次，1,200.5万元用于设备。",
	"三百五十户 x 2万元，两批次共十二批次，每位3人，5 家×2万元，共10个项目预算总额为1000万元",
	"购置执法车辆4辆，保障10辆车运行，每年2次，培训300人次，经费50万元，其中10万元用于培训。",
}

// scramble rewrites a generated document so that every rule has
// something to say: cells swapped with awkward ones, budgets and plans
// broken, paragraphs that enumerate counts in the table's units, names
// that match only partly, and stated totals.
func scramble(d *jixiao.Document, pool []string, seed uint64) {
	r := rand.New(rand.NewPCG(seed, 99))
	pick := func() string { return pool[r.IntN(len(pool))] }
	for pi := range d.Projects {
		p := &d.Projects[pi]
		for n := range p.Indicators {
			in := &p.Indicators[n]
			if r.IntN(3) == 0 {
				continue
			}
			switch r.IntN(7) {
			case 0:
				in.Level1 = pick()
			case 1:
				in.Level2 = pick()
			case 2:
				in.Level3 = pick()
			case 3:
				in.Description = pick()
			case 4:
				in.Basis = pick()
			}
			if r.IntN(2) == 0 {
				in.Value = pick()
				in.Target = target.Parse(in.Value)
				if r.IntN(4) == 0 {
					in.Target = jixiao.Target{}
				}
			}
			if r.IntN(5) == 0 && n > 0 {
				in.Level3 = p.Indicators[r.IntN(n)].Level3
			}
		}
		switch r.IntN(6) {
		case 0:
			p.Indicators = p.Indicators[:r.IntN(len(p.Indicators)+1)]
		case 1:
			p.Plan = nil
		case 2:
			if len(p.Plan) > 1 {
				p.Plan[0], p.Plan[1] = p.Plan[1], p.Plan[0]
			}
			p.Budget += jixiao.Fen(r.IntN(3)-1) * jixiao.FenPerWan
		case 3:
			p.Budget = 0
		}
	}
	for gi := range d.Overall.ProjectGoals {
		g := &d.Overall.ProjectGoals[gi]
		var b strings.Builder
		b.WriteString(g.Text)
		if gi < len(d.Projects) {
			for _, in := range d.Projects[gi].Indicators {
				t := targetOf(&in)
				if t.Kind != jixiao.Quantity || r.IntN(2) == 0 {
					continue
				}
				total := t.Number.Round(0)
				a := jixiao.Dec(int64(r.IntN(40)))
				if r.IntN(2) == 0 {
					a = total / 2 / jixiao.DecimalScale * jixiao.DecimalScale
				}
				fmt.Fprintf(&b, "%s%s%s，其他%s%s；", in.Level3, a.Fixed(0), t.Unit, (total - a).Fixed(0), t.Unit)
			}
		}
		if r.IntN(3) == 0 {
			b.WriteString(paragraphs[r.IntN(len(paragraphs))])
		}
		g.Text = b.String()
		switch r.IntN(8) {
		case 0:
			g.Project = "“" + g.Project + "”"
		case 1:
			g.Project = strings.TrimSuffix(g.Project, "经费")
		case 2:
			g.Project += "项目"
		case 3:
			g.Project = "某某工作"
		}
	}
	total := d.TotalBudget()
	d.Overall.Goals = append(d.Overall.Goals, jixiao.GoalSection{Heading: "总体目标",
		Items: []string{fmt.Sprintf("共%d个项目，预算总额%s万元。", len(d.Projects), (total + jixiao.Fen(r.IntN(2))*jixiao.FenPerWan).Wan())}})
}

// goldenCases are the documents the golden file records: the example and
// generated units, as given and scrambled, under each preset, with the
// default and another config.
func goldenCases(t testing.TB) []goldenCase {
	var cs []goldenCase
	presets := []jixiao.Preset{jixiao.Preset88, jixiao.Preset101, ""}
	configs := map[string]Config{"default": DefaultConfig(), "other": otherConfig()}
	pool := cellPool(fixture.Example(t))
	for _, cname := range []string{"default", "other"} {
		for _, preset := range presets {
			d := fixture.Example(t)
			d.Preset = preset
			cs = append(cs, goldenCase{fmt.Sprintf("example/%s/%s", preset, cname), d, configs[cname]})
			for _, seed := range []uint64{1, 7} {
				d := fixture.Example(t)
				d.Preset = preset
				scramble(d, pool, seed)
				cs = append(cs, goldenCase{fmt.Sprintf("example-scrambled-%d/%s/%s", seed, preset, cname), d, configs[cname]})
			}
			for _, seed := range []uint64{1, 5, 42} {
				o := gen.Options{Units: 20, ProjectsPerUnit: 100, Seed: seed}
				for _, unit := range []int{0, 7, 19} {
					d := gen.Unit(o, unit)
					d.Preset = preset
					cs = append(cs, goldenCase{fmt.Sprintf("gen-%d-%d/%s/%s", seed, unit, preset, cname), d, configs[cname]})
				}
				d := gen.Unit(o, 3)
				d.Preset = preset
				scramble(d, pool, seed)
				cs = append(cs, goldenCase{fmt.Sprintf("gen-scrambled-%d-3/%s/%s", seed, preset, cname), d, configs[cname]})
			}
		}
	}
	return cs
}

// goldenText is every case's report as WriteJSON writes it, each after a
// line naming the case.
func goldenText(t testing.TB) []byte {
	var buf bytes.Buffer
	for _, c := range goldenCases(t) {
		fmt.Fprintf(&buf, "### %s\n", c.name)
		if err := WriteJSON(&buf, Review(c.doc, c.cfg)); err != nil {
			t.Fatal(err)
		}
	}
	return buf.Bytes()
}

// The review gives, byte for byte, the reports recorded in the golden
// file: speed-ups must not change a single finding, grade or count.
// Regenerate with -update only when a rule is meant to change.
func TestGoldenReports(t *testing.T) {
	path := filepath.Join("testdata", "golden.json.gz")
	got := goldenText(t)
	if *update {
		var z bytes.Buffer
		w, _ := gzip.NewWriterLevel(&z, gzip.BestCompression)
		w.Write(got)
		if err := w.Close(); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, z.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	want, err := io.ReadAll(zr)
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Equal(got, want) {
		return
	}
	gl, wl := strings.Split(string(got), "\n"), strings.Split(string(want), "\n")
	name := ""
	for i := 0; i < max(len(gl), len(wl)); i++ {
		g, w := "", ""
		if i < len(gl) {
			g = gl[i]
		}
		if i < len(wl) {
			w = wl[i]
		}
		if strings.HasPrefix(w, "### ") {
			name = w
		}
		if g != w {
			t.Fatalf("%s, line %d:\n got %s\nwant %s", name, i+1, g, w)
		}
	}
}
