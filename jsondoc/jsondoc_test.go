package jsondoc_test

import (
	"bytes"
	"errors"
	"jixiao/internal/fixture"
	"jixiao/jsondoc"
	"strings"
	"testing"
	"time"

	"jixiao"
)

// withRecords adds one of each record kind to the first project.
func withRecords(d *jixiao.Document) {
	p := &d.Projects[0]
	at := time.Date(2024, 3, 20, 8, 0, 0, 0, time.UTC)
	p.Spending = []jixiao.Spending{
		{ID: 7, Date: jixiao.NewDate(2024, 3, 20), Amount: 2_000_000, Note: "电费", Entered: jixiao.Stamp{By: "张三", At: at}},
		{ID: 9, Date: jixiao.NewDate(2024, 3, 21), Amount: 1_900_000, Note: "电费（更正）", Replaces: 7},
	}
	p.Progress = []jixiao.Progress{{ID: 3, Indicator: 1, AsOf: jixiao.NewDate(2024, 7, 31), Value: "10个", Likelihood: "确定能"}}
	p.Evaluation = &jixiao.Evaluation{
		AdjustedBudget: 10_360_000, Executed: 9_800_000, HasExecuted: true,
		Actuals: []jixiao.Actual{{Indicator: 1, Value: "10个"}, {Indicator: 5, Grade: "部分达成", Reason: "…", Score: jixiao.MustDecimal("10.5"), HasScore: true}},
	}
}

func TestRoundTrip(t *testing.T) {
	d := fixture.Example(t)
	withRecords(d)
	var a bytes.Buffer
	if err := jsondoc.Encode(&a, []*jixiao.Document{d}); err != nil {
		t.Fatal(err)
	}
	docs, err := jsondoc.Decode("a.json", a.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := jsondoc.Encode(&b, docs); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Fatal("export → import → export differs")
	}
	got := docs[0]
	if got.TotalBudget() != 814_860_000 || got.IndicatorCount() != 77 {
		t.Fatalf("budget %d, indicators %d", got.TotalBudget(), got.IndicatorCount())
	}
	for i := range d.Projects {
		if !jixiao.SameGoals(&d.Projects[i], &got.Projects[i]) {
			t.Errorf("project %s differs after the round trip", d.Projects[i].Code)
		}
	}
	// Records refer to each other by position in the file.
	sp := got.Projects[0].Spending
	if len(sp) != 2 || sp[1].Replaces != sp[0].ID || sp[0].Entered.By != "张三" || !sp[0].Entered.At.Equal(time.Date(2024, 3, 20, 8, 0, 0, 0, time.UTC)) {
		t.Errorf("spending %+v", sp)
	}
	if e := got.Projects[0].Evaluation; e == nil || !e.HasExecuted || e.Executed != 9_800_000 || e.Actuals[1].Score != jixiao.MustDecimal("10.5") {
		t.Errorf("evaluation %+v", e)
	}
	if !strings.Contains(a.String(), `"percent": 25`) || !strings.Contains(a.String(), `"number": "10.36"`) {
		t.Error("percent must be a JSON number and target numbers exact strings (FORMAT.md)")
	}
}

func TestDecodeErrors(t *testing.T) {
	cases := []struct{ name, in, want string }{
		{"other format", `{"format":"other/v2","documents":[]}`, "不受支持"},
		{"no format", `{"documents":[]}`, "缺少"},
		{"syntax", "{\"format\":\"jixiao/v1\",\n\"documents\": [,]}", "第2行"},
		{"type", `{"format":"jixiao/v1","documents":[{"year":"2024"}]}`, "类型不对"},
		{"empty", `{"format":"jixiao/v1","documents":[]}`, "documents 为空"},
		{"bad year", `{"format":"jixiao/v1","documents":[{"unit":{"code":"1"},"year":24,"projects":[]}]}`, "预算年度"},
		{"bad indicator", `{"format":"jixiao/v1","documents":[{"unit":{"code":"1"},"year":2024,"projects":[{"code":"P1","name":"甲","progress":[{"indicator":3,"as_of":"2024-07-31"}]}]}]}`, "指标序号 3 不存在"},
		{"bad number", `{"format":"jixiao/v1","documents":[{"unit":{"code":"1"},"year":2024,"projects":[{"code":"P1","indicators":[{"value":"1","target":{"kind":"quantity","op":"=","number":"1e3"}}]}]}]}`, "不是精确小数"},
		{"dup code", `{"format":"jixiao/v1","documents":[{"unit":{"code":"1"},"year":2024,"projects":[{"code":"P1"},{"code":"P1"}]}]}`, "重复"},
		{"negative", `{"format":"jixiao/v1","documents":[{"unit":{"code":"1"},"year":2024,"projects":[{"code":"P1","budget_fen":-5}]}]}`, "负数"},
	}
	for _, c := range cases {
		_, err := jsondoc.Decode("x.json", []byte(c.in))
		var ie *jixiao.ImportError
		if !errors.As(err, &ie) || ie.File != "x.json" || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: got %v, want an ImportError mentioning %q", c.name, err, c.want)
		}
	}
	big := bytes.Repeat([]byte(" "), jsondoc.MaxSize+1)
	if _, err := jsondoc.Decode("big.json", big); err == nil || !strings.Contains(err.Error(), "超过上限") {
		t.Errorf("oversized input: %v", err)
	}
}

func TestTargetFromValueWhenAbsent(t *testing.T) {
	docs, err := jsondoc.Decode("x.json", []byte(`{"format":"jixiao/v1","documents":[{"unit":{"code":"1"},"year":2024,"projects":[{"code":"P1","indicators":[{"value":"≥95%"}]}]}]}`))
	if err != nil {
		t.Fatal(err)
	}
	tg := docs[0].Projects[0].Indicators[0].Target
	if tg.Kind != jixiao.Percent || tg.Op != "≥" || tg.Number != jixiao.Dec(95) {
		t.Fatalf("target %+v", tg)
	}
}

func FuzzDecode(f *testing.F) {
	var b bytes.Buffer
	d := fixture.Example(f)
	withRecords(d)
	jsondoc.Encode(&b, []*jixiao.Document{d})
	f.Add(b.Bytes())
	f.Add([]byte(`{"format":"jixiao/v1","documents":[{"unit":{"code":"1"},"year":2024,"projects":[{"code":"P1"}]}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		docs, err := jsondoc.Decode("f.json", data)
		if err != nil {
			return
		}
		// Whatever decodes must encode and decode again to the same bytes.
		var a, c bytes.Buffer
		if err := jsondoc.Encode(&a, docs); err != nil {
			t.Fatal(err)
		}
		again, err := jsondoc.Decode("f.json", a.Bytes())
		if err != nil {
			t.Fatalf("re-decode: %v", err)
		}
		jsondoc.Encode(&c, again)
		if !bytes.Equal(a.Bytes(), c.Bytes()) {
			t.Fatal("not stable")
		}
	})
}
