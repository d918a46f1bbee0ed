package main

import (
	"strings"
	"testing"

	"jixiao"
	"jixiao/example"
	"jixiao/internal/testdb"
	"jixiao/score"
)

// rollover drafts the next year for every unit of the year, skips a unit
// whose next year is on file, and the draft exports as the new year.
func TestRolloverCommand(t *testing.T) {
	src := writeFile(t, example.Name, example.Laoting)
	testdb.Each(t, func(t *testing.T, e testdb.Engine) {
		db := dbArgs(e)
		if code, _, errs := jx(t, append([]string{"import"}, append(db, src)...)...); code != 0 {
			t.Fatalf("import: %s", errs)
		}
		// A poor self-evaluation of the office project: its grade suggests a cut.
		st := openStore(t, e)
		k := jixiao.Key{Unit: "414001", Year: 2024}
		const office = "13022524P00260210037A"
		if _, err := st.SaveEvaluation(t.Context(), k, office, jixiao.Evaluation{Executed: 1_000_000, HasExecuted: true, Reason: "项目延期",
			Actuals: []jixiao.Actual{{Indicator: 1, Value: "1个"}}}, "test", 0); err != nil {
			t.Fatal(err)
		}
		this, _ := st.Document(t.Context(), k)
		p, _ := this.Project(office)
		res, err := score.Project(p, 2024, score.DefaultConfig())
		st.Close()
		if err != nil {
			t.Fatal(err)
		}
		suggestion := score.Suggest(score.DefaultConsequences(), res.Grade, res.Adjusted)
		code, out, errs := jx(t, append([]string{"rollover", "--year", "2024", "--by", "财政局"}, db...)...)
		if code != 0 || !strings.Contains(out, "已编制 414001 乐亭县市场监督管理局本级 2025 年度：11 个项目，77 个指标") ||
			!strings.Contains(out, "共编制 1 个单位的 2025 年度绩效目标（草稿），跳过 0 个") ||
			!suggestion.Cut || !strings.Contains(out, office+" 办公楼运维费：2024 年度自评 "+res.Grade+"（"+res.Total.Fixed(2)+" 分），"+suggestion.Text) {
			t.Fatalf("rollover: %d %q %q", code, out, errs)
		}
		st = openStore(t, e)
		next, err := st.Document(t.Context(), jixiao.Key{Unit: "414001", Year: 2025})
		st.Close()
		if err != nil || len(next.Projects) != 11 || next.Projects[0].Plan[0].By.Y != 2025 {
			t.Fatalf("the draft: %v", err)
		}
		code, out, _ = jx(t, append([]string{"rollover", "--year", "2024"}, db...)...)
		if code != 0 || !strings.Contains(out, "跳过 414001") || !strings.Contains(out, "共编制 0 个单位") {
			t.Errorf("second rollover: %d %q", code, out)
		}
		if code, _, errs := jx(t, append([]string{"rollover", "--year", "2030"}, db...)...); code == 0 || !strings.Contains(errs, "没有找到") {
			t.Errorf("a year with no documents: %d %q", code, errs)
		}
		if code, _, errs := jx(t, append([]string{"rollover"}, db...)...); code == 0 || !strings.Contains(errs, "--year") {
			t.Errorf("without --year: %d %q", code, errs)
		}
	})
}
