package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"jixiao"
	"jixiao/example"
	"jixiao/internal/testdb"
	"jixiao/jsondoc"
)

const officeCode = "13022524P00260210037A" // 办公楼运维费

// officeEvaluation is the done-when self-evaluation of 办公楼运维费.
func officeEvaluation() *jixiao.Evaluation {
	return &jixiao.Evaluation{
		AdjustedBudget: 10_360_000, Executed: 9_800_000, HasExecuted: true,
		Actuals: []jixiao.Actual{
			{Indicator: 1, Value: "10个"}, {Indicator: 2, Value: "90%"}, {Indicator: 3, Value: "2024年12月20日"},
			{Indicator: 4, Value: "9.80万元"}, {Indicator: 5, Grade: "达成"}, {Indicator: 6, Grade: "达成"},
			{Indicator: 7, Value: "92%"},
		},
	}
}

// importEvaluation imports the example, exports it, adds the evaluation
// to 办公楼运维费 and imports that jixiao/v1 file back.
func importEvaluation(t *testing.T, e testdb.Engine, ev *jixiao.Evaluation) {
	t.Helper()
	src := writeFile(t, example.Name, example.Laoting)
	if code, _, errs := jx(t, append([]string{"import"}, append(dbArgs(e), src)...)...); code != 0 {
		t.Fatal(errs)
	}
	exported := filepath.Join(t.TempDir(), "a.json")
	if code, _, errs := jx(t, append([]string{"export", "-o", exported}, dbArgs(e)...)...); code != 0 {
		t.Fatal(errs)
	}
	data, _ := os.ReadFile(exported)
	docs, err := jsondoc.Decode("a.json", data)
	if err != nil {
		t.Fatal(err)
	}
	p, ok := docs[0].Project(officeCode)
	if !ok {
		t.Fatal("no 办公楼运维费")
	}
	p.Evaluation = ev
	var buf bytes.Buffer
	if err := jsondoc.Encode(&buf, docs); err != nil {
		t.Fatal(err)
	}
	in := writeFile(t, "evaluated.json", buf.Bytes())
	if code, _, errs := jx(t, append([]string{"import"}, append(dbArgs(e), in)...)...); code != 0 {
		t.Fatal(errs)
	}
}

func TestEvaluateCommand(t *testing.T) {
	testdb.Each(t, func(t *testing.T, e testdb.Engine) {
		importEvaluation(t, e, officeEvaluation())
		code, out, errs := jx(t, append([]string{"evaluate", "--format", "json"}, dbArgs(e)...)...)
		if code != exitOK {
			t.Fatalf("exit %d: %s", code, errs)
		}
		// Numbers are JSON numbers with two decimals.
		for _, want := range []string{`"total": 98.80`, `"execution_score": 9.46`, `"execution_rate": 94.59`,
			`"points": 12.50`, `"score": 11.84`} {
			if !strings.Contains(out, want) {
				t.Errorf("output lacks %s:\n%s", want, out)
			}
		}
		var r struct {
			Projects []struct {
				Code           string
				Total          float64
				Grade          string
				ExecutionRate  float64 `json:"execution_rate"`
				ExecutionScore float64 `json:"execution_score"`
				Indicators     []struct {
					Indicator     int
					Points, Score float64
					Explanation   string
				}
				Flags []string
			}
		}
		dec := json.NewDecoder(strings.NewReader(out))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&r); err != nil {
			t.Fatal(err)
		}
		if len(r.Projects) != 1 {
			t.Fatalf("%d projects evaluated, want 1", len(r.Projects))
		}
		p := r.Projects[0]
		if p.Code != officeCode || p.Total != 98.80 || p.Grade != "优" || p.ExecutionScore != 9.46 ||
			len(p.Indicators) != 7 || p.Flags == nil || len(p.Flags) != 0 {
			t.Errorf("project %+v", p)
		}
		if ind := p.Indicators[1]; ind.Indicator != 2 || !strings.Contains(ind.Explanation, "90 ÷ 95 × 12.5") {
			t.Errorf("正常使用率: %+v", ind)
		}

		code, out, _ = jx(t, append([]string{"evaluate", "--unit", "414001", "--year", "2024"}, dbArgs(e)...)...)
		if code != exitOK || !strings.Contains(out, "办公楼运维费：总分 98.80，等级 优") ||
			!strings.Contains(out, "90 ÷ 95 × 12.5 = 11.84") || !strings.Contains(out, "1 个项目已评价，共 11 个项目") {
			t.Errorf("text: exit %d\n%s", code, out)
		}
	})
}

func TestEvaluateRefusals(t *testing.T) {
	testdb.Each(t, func(t *testing.T, e testdb.Engine) {
		importEvaluation(t, e, officeEvaluation())
		// Weights that do not sum to 100.
		code, _, errs := jx(t, append([]string{"evaluate", "--weights", "产出指标=50,效益指标=30,满意度指标=10"}, dbArgs(e)...)...)
		if code != exitFail || !strings.Contains(errs, "一级指标分值合计为90分，应为100分") {
			t.Errorf("weights: exit %d %q", code, errs)
		}
		if code, _, errs := jx(t, append([]string{"evaluate", "--weights", "产出指标:50"}, dbArgs(e)...)...); code != exitFail ||
			!strings.Contains(errs, "应写作 一级指标=分值") {
			t.Errorf("bad --weights: exit %d %q", code, errs)
		}
		if code, _, errs := jx(t, append([]string{"evaluate", "--format", "xml"}, dbArgs(e)...)...); code != exitFail ||
			!strings.Contains(errs, "不支持的输出格式") {
			t.Errorf("format: exit %d %q", code, errs)
		}
	})
	for _, c := range []struct {
		name string
		edit func(ev *jixiao.Evaluation)
		want string
	}{
		{"wrong unit", func(ev *jixiao.Evaluation) { ev.Actuals[1].Value = "90个" },
			"项目“办公楼运维费”：指标2“正常使用率”的完成值“90个”：完成值的单位“个”与目标单位“%”不一致"},
		{"grade on quantitative", func(ev *jixiao.Evaluation) { ev.Actuals[0] = jixiao.Actual{Indicator: 1, Grade: "达成"} },
			"指标1“派出机构数量”是定量指标（目标“10个”），应填写完成值，不能评定等级“达成”"},
	} {
		t.Run(c.name, func(t *testing.T) {
			testdb.Each(t, func(t *testing.T, e testdb.Engine) {
				ev := officeEvaluation()
				c.edit(ev)
				importEvaluation(t, e, ev)
				code, out, errs := jx(t, append([]string{"evaluate", "--format", "json"}, dbArgs(e)...)...)
				if code != exitFail || !strings.Contains(errs, c.want) || !strings.Contains(out, `"projects": []`) {
					t.Errorf("exit %d, stdout %q, stderr %q", code, out, errs)
				}
			})
		})
	}
	// Execution below 90% without a reason is scored but flagged.
	t.Run("no reason", func(t *testing.T) {
		testdb.Each(t, func(t *testing.T, e testdb.Engine) {
			ev := officeEvaluation()
			ev.Executed = 8_000_000
			importEvaluation(t, e, ev)
			code, out, errs := jx(t, append([]string{"evaluate"}, dbArgs(e)...)...)
			if code != exitOK || !strings.Contains(out, "！预算执行率77.22%低于90%，须填写偏差原因") {
				t.Errorf("exit %d %s\n%s", code, errs, out)
			}
		})
	})
}
