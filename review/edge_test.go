package review

import (
	"reflect"
	"regexp"
	"strings"
	"testing"

	"jixiao"
	"jixiao/gen"
	"jixiao/internal/fixture"
)

func TestEmptyAndBareDocuments(t *testing.T) {
	r := Review(&jixiao.Document{}, DefaultConfig())
	if len(r.Findings) != 0 || len(r.Projects) != 0 {
		t.Errorf("empty document: %+v", r)
	}
	d := &jixiao.Document{Year: 2024, Projects: []jixiao.Project{{Code: "P9", Name: "空项目"}}}
	r = Review(d, DefaultConfig())
	for _, rule := range []string{"G1", "G13", "G14", "C1"} {
		if len(of(r, rule)) == 0 {
			t.Errorf("bare project: no %s finding", rule)
		}
	}
	if r.Projects[0].Grade != "差" && r.Projects[0].Grade != "中" {
		t.Errorf("bare project graded %s", r.Projects[0].Grade)
	}
}

func TestParagraphWithoutTable(t *testing.T) {
	d := soundDoc()
	d.Overall.ProjectGoals = append(d.Overall.ProjectGoals, jixiao.ProjectGoal{Project: "车辆运行经费", Text: "保障10辆车运行。"})
	fs := of(Review(d, DefaultConfig()), "C1")
	if len(fs) != 1 || fs[0].Project != "" || !strings.Contains(fs[0].Message, "“车辆运行经费”在第二部分没有对应的项目目标表") {
		t.Errorf("C1 = %+v", fs)
	}
}

func TestParseNum(t *testing.T) {
	for s, want := range map[string]int64{"八": 8, "十": 10, "十二": 12, "两": 2, "三百五十": 350, "1,000": 1000, "42": 42} {
		got, ok := parseNum(s)
		if !ok || got != jixiao.Dec(want) {
			t.Errorf("parseNum(%q) = %s %v, want %d", s, got, ok, want)
		}
	}
}

// Whatever part one says, the review neither panics nor invents a
// finding outside the document's projects.
func FuzzParagraph(f *testing.F) {
	f.Add("2024年计划抽检成品油330批次，车用尿素5批次，一共八家，每家3万元。")
	f.Add("每家企业每次检查需聘请专家3人，8家×3万元，项目预算总额为30万元")
	f.Add("，每")
	f.Fuzz(func(t *testing.T, text string) {
		d := soundDoc()
		d.Overall.ProjectGoals[0].Text = text
		d.Overall.Goals = []jixiao.GoalSection{{Heading: text}}
		for _, fd := range Review(d, DefaultConfig()).Findings {
			if fd.Project != "P1" && fd.Project != "" {
				t.Fatalf("finding at %q", fd.Project)
			}
		}
	})
}

// The anchored patterns find exactly what the plain patterns find with
// FindAllStringSubmatchIndex, in paragraphs of the example, of generated
// documents and in awkward strings.
func TestAnchoredFindsAsRegexp(t *testing.T) {
	cfg := DefaultConfig()
	pt := buildPatterns(&cfg)
	texts := []string{"", "12.万元", "一共八家，每家3万元", "8家×3万元，两批次共十二批次", "第3次抽检330批次、1,200.5万元",
		"\xff3个\xfe", "三百五十户 x 2万元", "每位3人", "13022524P0026 5个", "十十十个万元元", "1234567890123平方米，三百五十平方米和1,2,3.45亿元", "5 家×2万元", "2024年3个，1.5.6个，1,2,3个", "三十年二十个，两年十二批次"}
	for _, d := range []*jixiao.Document{fixture.Example(t), gen.Unit(gen.Options{Units: 3, ProjectsPerUnit: 40, Seed: 3}, 1)} {
		for _, g := range d.Overall.ProjectGoals {
			texts = append(texts, g.Text)
		}
	}
	plain := func(a anchored) *regexp.Regexp {
		s := a.re.String()
		return regexp.MustCompile(s[len("^(?:") : len(s)-1])
	}
	for _, text := range texts {
		for i, a := range append([]anchored{pt.count, pt.money}, pt.products...) {
			got, want := a.findAll(text), plain(a).FindAllStringSubmatchIndex(text, -1)
			if !reflect.DeepEqual(got, want) {
				t.Errorf("pattern %d in %q: %v, want %v", i, text, got, want)
			}
		}
	}
}
