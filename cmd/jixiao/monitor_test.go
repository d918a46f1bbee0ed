package main

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/simplifiedchinese"

	"jixiao/example"
	"jixiao/internal/testdb"
)

// office is the example's 办公楼运维费: 10.36万元, plan 25/50/75/100%.
const office = "13022524P00260210037A"

func importExample(t *testing.T, e testdb.Engine) {
	t.Helper()
	src := writeFile(t, example.Name, example.Laoting)
	if code, _, errs := jx(t, append([]string{"import"}, append(dbArgs(e), src)...)...); code != 0 {
		t.Fatalf("import: %s", errs)
	}
}

func recordsImport(t *testing.T, e testdb.Engine, files ...string) (int, string, string) {
	t.Helper()
	return jx(t, append(append([]string{"records", "import"}, dbArgs(e)...), files...)...)
}

type monitorOut struct {
	AsOf     string `json:"as_of"`
	Projects []struct {
		Code       string      `json:"code"`
		Budget     int64       `json:"budget_fen"`
		Spent      int64       `json:"spent_fen"`
		Expected   json.Number `json:"expected_percent"`
		Actual     json.Number `json:"actual_percent"`
		Deviation  json.Number `json:"deviation_points"`
		Light      string      `json:"light"`
		Indicators []struct {
			Indicator int    `json:"indicator"`
			Target    string `json:"target"`
			Latest    string `json:"latest"`
			Status    string `json:"status"`
		} `json:"indicators"`
	} `json:"projects"`
	Department map[string]any `json:"department"`
}

func monitorJSONOf(t *testing.T, e testdb.Engine, asOf string) monitorOut {
	t.Helper()
	code, out, errs := jx(t, append([]string{"monitor", "--as-of", asOf, "--format", "json"}, dbArgs(e)...)...)
	if code != 0 {
		t.Fatalf("monitor: %d %s", code, errs)
	}
	var m monitorOut
	if err := json.Unmarshal([]byte(out), &m); err != nil {
		t.Fatalf("monitor JSON: %v\n%s", err, out)
	}
	return m
}

func TestMonitorAfterCSVSpending(t *testing.T) {
	testdb.Each(t, func(t *testing.T, e testdb.Engine) {
		importExample(t, e)
		csv := writeFile(t, "支出.csv", []byte("\ufeff单位编码,年度,项目编码,日期, 金额（万元） ,摘要\n"+
			"414001,2024,"+office+",2024-07-31,6.00,电费和电梯维保\n"))
		if code, out, errs := recordsImport(t, e, csv); code != 0 || !strings.Contains(out, "已导入 1 条支出记录") {
			t.Fatalf("records import: %d %q %q", code, out, errs)
		}
		m := monitorJSONOf(t, e, "2024-07-31")
		if m.AsOf != "2024-07-31" || len(m.Projects) != 11 {
			t.Fatalf("as_of %q, %d projects", m.AsOf, len(m.Projects))
		}
		found := false
		for _, p := range m.Projects {
			if p.Code == office {
				found = true
				got := []string{p.Expected.String(), p.Actual.String(), p.Deviation.String(), p.Light}
				if want := []string{"56.30", "57.92", "-1.61", "green"}; !reflect.DeepEqual(got, want) ||
					p.Budget != 10_360_000 || p.Spent != 6_000_000 {
					t.Errorf("office: %v budget %d spent %d, want %v", got, p.Budget, p.Spent, want)
				}
				if len(p.Indicators) == 0 || p.Indicators[0].Target != "10个" || p.Indicators[0].Status != "none" {
					t.Errorf("office indicators: %+v", p.Indicators)
				}
				continue
			}
			if p.Spent != 0 || p.Light != "red" {
				t.Errorf("%s spent nothing by 07-31 but is %s", p.Code, p.Light)
			}
		}
		if !found || m.Projects[len(m.Projects)-1].Code != office {
			t.Errorf("the only green project should come last: %+v", m.Projects)
		}
		if m.Department["red"] != float64(10) || m.Department["green"] != float64(1) || m.Department["spent_fen"] != float64(6_000_000) {
			t.Errorf("department = %v", m.Department)
		}
		code, text, _ := jx(t, append([]string{"monitor", "--as-of", "2024-07-31"}, dbArgs(e)...)...)
		if code != 0 || !strings.Contains(text, "[绿灯] "+office+" 办公楼运维费：预算 10.36 万元，已支出 6.00 万元，预期 56.30%，实际 57.92%，偏差 -1.61 个百分点") {
			t.Errorf("text report:\n%s", text)
		}
	})
}

func TestRecordsImportGBKAndXLSX(t *testing.T) {
	testdb.Each(t, func(t *testing.T, e testdb.Engine) {
		importExample(t, e)
		gbk, err := simplifiedchinese.GBK.NewEncoder().String("项目编码,日期,金额（元）,摘要\n" + office + ",2024-03-31,25900,一季度电费\n")
		if err != nil {
			t.Fatal(err)
		}
		csv := writeFile(t, "gbk.csv", []byte(gbk))

		x := excelize.NewFile()
		x.SetSheetRow("Sheet1", "A1", &[]any{"项目编码", "指标序号", "截至日期", "完成值", "偏差原因", "完成目标可能性", "改进措施"})
		x.SetSheetRow("Sheet1", "A2", &[]any{office, 1, "2024-07-31", "6个", "其他", "有可能", "加快进度"})
		path := writeFile(t, "进度.xlsx", nil)
		if err := x.SaveAs(path); err != nil {
			t.Fatal(err)
		}
		if code, out, errs := recordsImport(t, e, csv, path); code != 0 || !strings.Contains(out, "1 条支出记录、1 条指标进度记录") {
			t.Fatalf("records import: %d %q %q", code, out, errs)
		}
		m := monitorJSONOf(t, e, "2024-07-31")
		for _, p := range m.Projects {
			if p.Code == office {
				if p.Spent != 2_590_000 || p.Indicators[0].Latest != "6个" || p.Indicators[0].Status != "on_track" {
					t.Errorf("office after import: spent %d, indicator %+v", p.Spent, p.Indicators[0])
				}
			}
		}
	})
}

func TestRecordsImportAllOrNothing(t *testing.T) {
	testdb.Each(t, func(t *testing.T, e testdb.Engine) {
		importExample(t, e)
		before := counts(t, e)
		csv := writeFile(t, "支出.csv", []byte("项目编码,日期,金额（万元）\n"+
			office+",2024-03-31,5\n"+
			office+",2024-04-30,5.37\n"))
		code, _, errs := recordsImport(t, e, csv)
		if code != exitFail || !strings.Contains(errs, "支出.csv，第3行") || !strings.Contains(errs, "超过预算数10.36万元") ||
			!strings.Contains(errs, "未导入任何记录") {
			t.Errorf("over budget: %d %q", code, errs)
		}
		x := excelize.NewFile()
		x.SetSheetName("Sheet1", "七月")
		x.SetSheetRow("七月", "A1", &[]any{"项目编码", "指标序号", "截至日期", "完成值"})
		x.SetSheetRow("七月", "A2", &[]any{office, 1, "2024-07-31", "6个"})
		x.SetSheetRow("七月", "A3", &[]any{office, 2, "2024-07-31", "很好"})
		path := writeFile(t, "进度.xlsx", nil)
		if err := x.SaveAs(path); err != nil {
			t.Fatal(err)
		}
		code, _, errs = recordsImport(t, e, path)
		if code != exitFail || !strings.Contains(errs, "进度.xlsx，表“七月”，第3行") || !strings.Contains(errs, "完成值“很好”") {
			t.Errorf("malformed value: %d %q", code, errs)
		}
		bad := writeFile(t, "bad.csv", []byte("项目编码,日期,金额（元）\n"+office+",2024-13-01,100\n"))
		if code, _, errs := recordsImport(t, e, bad); code != exitFail || !strings.Contains(errs, "bad.csv，第2行：日期") {
			t.Errorf("bad date: %d %q", code, errs)
		}
		if after := counts(t, e); !reflect.DeepEqual(after, before) {
			t.Errorf("refused imports changed counts: %v → %v", before, after)
		}
	})
}
