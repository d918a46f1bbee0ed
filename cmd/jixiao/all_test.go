package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"jixiao"
	"jixiao/example"
	"jixiao/gen"
	"jixiao/internal/testdb"
	"jixiao/jsonout"
	"jixiao/review"
)

// importProvince stores the example (2024, its 办公楼运维费 with an
// evaluation the scorer refuses), the example with a budget split that
// does not add up as a 2023 document (review errors), and generated units
// of 2024 and 2023 with payments, progress and evaluations.
func importProvince(t *testing.T, e testdb.Engine) {
	t.Helper()
	ev := officeEvaluation()
	ev.Actuals[1].Value = "90个"
	importEvaluation(t, e, ev)
	broken := bytes.Replace(example.Laoting, []byte("\t其中：财政    资金\n\t10.36"), []byte("\t其中：财政    资金\n\t9.36"), 1)
	files := []string{writeFile(t, "broken-2023.txt", broken)}
	for _, o := range []gen.Options{
		{Units: 5, ProjectsPerUnit: 6, Seed: 7, Year: 2024, EvaluatedShare: 60},
		{Units: 3, ProjectsPerUnit: 4, Seed: 8, Year: 2023, EvaluatedShare: 60},
	} {
		paths, err := gen.Write(filepath.Join(t.TempDir(), "p"), o, nil)
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, paths[1:]...) // the first unit is 414001, as the example
	}
	if code, _, errs := jx(t, append(append([]string{"import"}, dbArgs(e)...), files...)...); code != 0 {
		t.Fatalf("import: %s", errs)
	}
}

// jsonLines parses JSON Lines into objects, each decoded into a new T.
func jsonLines[T any](t *testing.T, out string) []T {
	t.Helper()
	var lines []T
	sc := bufio.NewScanner(strings.NewReader(out))
	for sc.Scan() {
		var v T
		dec := json.NewDecoder(strings.NewReader(sc.Text()))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&v); err != nil {
			t.Fatalf("line %q: %v", sc.Text(), err)
		}
		lines = append(lines, v)
	}
	if len(lines) == 0 {
		t.Fatalf("no JSON lines in %q", out)
	}
	return lines
}

// head is what every line of an --all run begins with.
type head struct {
	Kind      string `json:"kind"`
	Unit      string `json:"unit"`
	UnitName  string `json:"unit_name"`
	Year      int    `json:"year"`
	Documents int    `json:"documents"`
}

// split separates the document lines from the total, which must be last
// and only there.
func split[T interface{ kind() string }](t *testing.T, lines []T) ([]T, T) {
	t.Helper()
	docs, last := lines[:len(lines)-1], lines[len(lines)-1]
	if last.kind() != "total" {
		t.Fatalf("last line is %q, want total", last.kind())
	}
	for _, d := range docs {
		if d.kind() != "document" {
			t.Fatalf("line of kind %q before the total", d.kind())
		}
	}
	return docs, last
}

type reviewAllLine struct {
	head
	review.Summary
}

func (l reviewAllLine) kind() string { return l.Kind }

// textRows are the rows of an --all table, split on spaces (no cell of
// the tests' data holds one), without the header.
func textRows(t *testing.T, out string, header string) [][]string {
	t.Helper()
	lines := strings.Split(strings.TrimRight(out, "\n"), "\n")
	if strings.Join(strings.Fields(lines[0]), " ") != header {
		t.Fatalf("header %q, want %q", lines[0], header)
	}
	var rows [][]string
	for _, l := range lines[1:] {
		rows = append(rows, strings.Fields(l))
	}
	return rows
}

func TestReviewAll(t *testing.T) {
	testdb.Each(t, func(t *testing.T, e testdb.Engine) {
		importProvince(t, e)
		code, out, errs := jx(t, append([]string{"review", "--all", "--format", "json"}, dbArgs(e)...)...)
		docs, total := split(t, jsonLines[reviewAllLine](t, out))
		if len(docs) != 8 || total.Documents != 8 {
			t.Fatalf("%d document lines, total of %d; want 8", len(docs), total.Documents)
		}
		want := reviewAllLine{head: head{Kind: "total", Documents: 8}, Summary: newReviewSummary()}
		anyErrors := false
		for _, d := range docs {
			c, one, errs := jx(t, append([]string{"review", "--unit", d.Unit, "--year", strconv.Itoa(d.Year), "--format", "json"}, dbArgs(e)...)...)
			var r review.Report
			if err := json.Unmarshal([]byte(one), &r); err != nil {
				t.Fatalf("%s %d: %v %s", d.Unit, d.Year, err, errs)
			}
			if r.Summary.Grades = withGrades(r.Summary.Grades, review.Grades); !reflect.DeepEqual(d.Summary, r.Summary) {
				t.Errorf("%s %d: --all gives %+v, review alone %+v", d.Unit, d.Year, d.Summary, r.Summary)
			}
			if r.Unit != d.UnitName {
				t.Errorf("%s: unit name %q, review alone %q", d.Unit, d.UnitName, r.Unit)
			}
			anyErrors = anyErrors || c == exitFinding
			addReviewSummary(&want.Summary, r.Summary)
		}
		if !reflect.DeepEqual(total, want) {
			t.Errorf("total %+v, want the sum %+v", total, want)
		}
		if !anyErrors || code != exitFinding {
			t.Errorf("the 2023 document has errors: exit %d, want 1 (%s)", code, errs)
		}
		// The table says the same, one row per document and the total.
		code, text, _ := jx(t, append([]string{"review", "--all"}, dbArgs(e)...)...)
		rows := textRows(t, text, "单位编码 单位名称 年度 项目 指标 错误 警告 提示 优 良 中 差")
		if code != exitFinding || len(rows) != 9 {
			t.Fatalf("text: exit %d\n%s", code, text)
		}
		for i, d := range docs {
			cells := append([]string{d.Unit, d.UnitName, strconv.Itoa(d.Year)}, reviewCells(d.Summary)...)
			if !reflect.DeepEqual(rows[i], cells) {
				t.Errorf("row %v, want %v", rows[i], cells)
			}
		}
		if got := rows[8]; got[0] != "合计" || got[1] != "8" || !reflect.DeepEqual(got[3:], reviewCells(want.Summary)) {
			t.Errorf("total row %v", got)
		}
		// Only 2024: the documents without errors, exit 0.
		code, out, _ = jx(t, append([]string{"review", "--all", "--year", "2024", "--format", "json"}, dbArgs(e)...)...)
		docs, total = split(t, jsonLines[reviewAllLine](t, out))
		if code != exitOK || len(docs) != 5 || total.Documents != 5 || total.Errors != 0 {
			t.Errorf("--year 2024: exit %d, %d documents, total %+v", code, len(docs), total)
		}
		for _, d := range docs {
			if d.Year != 2024 {
				t.Errorf("--year 2024 gave %s %d", d.Unit, d.Year)
			}
		}
	})
}

type monitorLine struct {
	head
	AsOf     string `json:"as_of"`
	Projects int    `json:"projects"`
	jsonout.MonitorDept
}

func (l monitorLine) kind() string { return l.Kind }

func TestMonitorAll(t *testing.T) {
	testdb.Each(t, func(t *testing.T, e testdb.Engine) {
		importProvince(t, e)
		// --as-of without --year monitors that date's year, as for one document.
		code, out, errs := jx(t, append([]string{"monitor", "--all", "--as-of", "2024-07-31", "--format", "json"}, dbArgs(e)...)...)
		if code != exitOK {
			t.Fatalf("exit %d: %s", code, errs)
		}
		docs, total := split(t, jsonLines[monitorLine](t, out))
		if len(docs) != 5 || total.Documents != 5 || total.AsOf != "2024-07-31" {
			t.Fatalf("%d documents, total %+v", len(docs), total)
		}
		var sum monitorLine
		for _, d := range docs {
			one := monitorOneJSON(t, e, d.Unit, d.Year, "2024-07-31")
			dept := monitorLine{}
			if err := json.Unmarshal(one.Department, &dept); err != nil {
				t.Fatal(err)
			}
			dept.head, dept.AsOf, dept.Projects = d.head, one.AsOf, len(one.Projects)
			if d != dept {
				t.Errorf("%s: --all gives %+v, monitor alone %+v", d.Unit, d, dept)
			}
			sum.Projects += d.Projects
			sum.BudgetFen += d.BudgetFen
			sum.SpentFen += d.SpentFen
			sum.ExpectedFen += d.ExpectedFen
			sum.Green += d.Green
			sum.Yellow += d.Yellow
			sum.Red += d.Red
		}
		if sum.Projects != total.Projects || sum.BudgetFen != total.BudgetFen || sum.SpentFen != total.SpentFen ||
			sum.ExpectedFen != total.ExpectedFen || sum.Green != total.Green || sum.Yellow != total.Yellow || sum.Red != total.Red {
			t.Errorf("total %+v, sums %+v", total, sum)
		}
		if sum.SpentFen == 0 || sum.Red == 0 || sum.Green == 0 {
			t.Errorf("the generated payments should give spending and lights of several colours: %+v", sum)
		}
		rate := jixiao.Ratio(total.SpentFen*100, total.BudgetFen).Fixed(2)
		if total.ActualPercent.String() != rate {
			t.Errorf("total execution rate %s, want %s", total.ActualPercent, rate)
		}
		// The table: money in 万元 exactly as monitor prints it.
		code, text, _ := jx(t, append([]string{"monitor", "--all", "--as-of", "2024-07-31"}, dbArgs(e)...)...)
		rows := textRows(t, text, "单位编码 单位名称 年度 截至 项目 红灯 黄灯 绿灯 预算（万元） 已支出（万元） 预期进度 执行率")
		if code != exitOK || len(rows) != 6 {
			t.Fatalf("text: exit %d\n%s", code, text)
		}
		for i, d := range docs {
			want := []string{d.Unit, d.UnitName, "2024", "2024-07-31", strconv.Itoa(d.Projects), strconv.Itoa(d.Red),
				strconv.Itoa(d.Yellow), strconv.Itoa(d.Green), jixiao.Fen(d.BudgetFen).Wan(), jixiao.Fen(d.SpentFen).Wan(),
				d.ExpectedPercent.String() + "%", d.ActualPercent.String() + "%"}
			if !reflect.DeepEqual(rows[i], want) {
				t.Errorf("row %v, want %v", rows[i], want)
			}
		}
		if got := rows[5]; got[0] != "合计" || got[len(got)-1] != rate+"%" || got[len(got)-4] != jixiao.Fen(total.BudgetFen).Wan() {
			t.Errorf("total row %v", got)
		}
		// Without --as-of, each year as of its own default date (a past
		// year: its 31 December).
		code, out, _ = jx(t, append([]string{"monitor", "--all", "--year", "2023", "--format", "json"}, dbArgs(e)...)...)
		docs, total = split(t, jsonLines[monitorLine](t, out))
		if code != exitOK || len(docs) != 3 || total.AsOf != "2023-12-31" || docs[0].AsOf != "2023-12-31" {
			t.Errorf("2023: exit %d, %d documents, total %+v", code, len(docs), total)
		}
	})
}

// monitorOne is monitor's JSON for one document.
type monitorOne struct {
	AsOf       string            `json:"as_of"`
	Projects   []json.RawMessage `json:"projects"`
	Department json.RawMessage   `json:"department"`
}

func monitorOneJSON(t *testing.T, e testdb.Engine, unit string, year int, asOf string) monitorOne {
	t.Helper()
	code, out, errs := jx(t, append([]string{"monitor", "--unit", unit, "--year", strconv.Itoa(year), "--as-of", asOf, "--format", "json"}, dbArgs(e)...)...)
	var m monitorOne
	if err := json.Unmarshal([]byte(out), &m); code != 0 || err != nil {
		t.Fatalf("monitor %s: exit %d %v %s", unit, code, err, errs)
	}
	return m
}

type evaluateLine struct {
	head
	Evaluated int            `json:"evaluated"`
	MeanScore *json.Number   `json:"mean_score"`
	Grades    map[string]int `json:"grades"`
	Refused   int            `json:"refused"`
	Refusals  []string       `json:"refusals"`
}

func (l evaluateLine) kind() string { return l.Kind }

func TestEvaluateAll(t *testing.T) {
	testdb.Each(t, func(t *testing.T, e testdb.Engine) {
		importProvince(t, e)
		code, out, errs := jx(t, append([]string{"evaluate", "--all", "--format", "json"}, dbArgs(e)...)...)
		docs, total := split(t, jsonLines[evaluateLine](t, out))
		const reason = "项目“办公楼运维费”：指标2“正常使用率”的完成值“90个”：完成值的单位“个”与目标单位“%”不一致"
		// The refusal is said as evaluate says it, and fails the run as
		// it fails evaluate of that one document.
		if code != exitFail || !strings.Contains(errs, "错误：414001 乐亭县市场监督管理局本级 2024年："+reason) {
			t.Errorf("exit %d, stderr %q", code, errs)
		}
		if len(docs) != 8 || total.Documents != 8 || total.Refused != 1 || total.Refusals != nil {
			t.Fatalf("%d documents, total %+v", len(docs), total)
		}
		evaluated, grades, sum := 0, map[string]int{"优": 0, "良": 0, "中": 0, "差": 0}, jixiao.Decimal(0)
		for _, d := range docs {
			c, one, errs := jx(t, append([]string{"evaluate", "--unit", d.Unit, "--year", strconv.Itoa(d.Year), "--format", "json"}, dbArgs(e)...)...)
			var r struct {
				Projects []struct {
					Total json.Number
					Grade string
				}
			}
			if err := json.Unmarshal([]byte(one), &r); err != nil {
				t.Fatal(err)
			}
			g, s := map[string]int{"优": 0, "良": 0, "中": 0, "差": 0}, jixiao.Decimal(0)
			for _, p := range r.Projects {
				g[p.Grade]++
				grades[p.Grade]++
				s += jixiao.MustDecimal(p.Total.String())
			}
			sum += s
			evaluated += len(r.Projects)
			if d.Evaluated != len(r.Projects) || !reflect.DeepEqual(d.Grades, g) {
				t.Errorf("%s %d: --all %d evaluated %v, evaluate alone %d %v", d.Unit, d.Year, d.Evaluated, d.Grades, len(r.Projects), g)
			}
			if len(r.Projects) > 0 {
				if mean := jixiao.MulDiv(s, jixiao.Dec(1), jixiao.Dec(int64(len(r.Projects)))).Fixed(2); d.MeanScore == nil || d.MeanScore.String() != mean {
					t.Errorf("%s %d: mean %v, want %s", d.Unit, d.Year, d.MeanScore, mean)
				}
			} else if d.MeanScore != nil {
				t.Errorf("%s %d: mean %v of no project", d.Unit, d.Year, d.MeanScore)
			}
			refused := c == exitFail && strings.Contains(errs, reason)
			if refused != (d.Refused == 1) || d.Refused != len(d.Refusals) || (refused && d.Refusals[0] != reason) {
				t.Errorf("%s %d: refused %d %q; evaluate alone: exit %d %q", d.Unit, d.Year, d.Refused, d.Refusals, c, errs)
			}
		}
		mean := jixiao.MulDiv(sum, jixiao.Dec(1), jixiao.Dec(int64(evaluated))).Fixed(2)
		if evaluated == 0 || total.Evaluated != evaluated || !reflect.DeepEqual(total.Grades, grades) ||
			total.MeanScore == nil || total.MeanScore.String() != mean {
			t.Errorf("total %+v (mean %v), want %d evaluated, %v, mean %s", total, total.MeanScore, evaluated, grades, mean)
		}
		code, text, _ := jx(t, append([]string{"evaluate", "--all", "--year", "2023"}, dbArgs(e)...)...)
		rows := textRows(t, text, "单位编码 单位名称 年度 已评价项目 平均分 优 良 中 差 未能评分")
		if code != exitOK || len(rows) != 4 || rows[0][2] != "2023" || rows[2][0] != "414001" || rows[3][0] != "合计" {
			t.Errorf("2023 text: exit %d\n%s", code, text)
		}
		// With --year the payments are summed in the database to the
		// year's end: every 2024 document's line is the same as without.
		_, all, _ := jx(t, append([]string{"evaluate", "--all", "--format", "json"}, dbArgs(e)...)...)
		_, y2024, _ := jx(t, append([]string{"evaluate", "--all", "--year", "2024", "--format", "json"}, dbArgs(e)...)...)
		var want []string
		for _, l := range strings.Split(strings.TrimSpace(all), "\n") {
			if strings.Contains(l, `"year":2024`) && strings.Contains(l, `"kind":"document"`) {
				want = append(want, l)
			}
		}
		got := strings.Split(strings.TrimSpace(y2024), "\n")
		if len(want) < 3 || len(got) != len(want)+1 || strings.Join(got[:len(want)], "\n") != strings.Join(want, "\n") {
			t.Errorf("2024 alone differs from 2024 among all:\n%s\nwant\n%s", y2024, strings.Join(want, "\n"))
		}
		// Weights that do not add up are said once, before any document.
		code, out, errs = jx(t, append([]string{"evaluate", "--all", "--weights", "产出指标=50,效益指标=30,满意度指标=10"}, dbArgs(e)...)...)
		if code != exitFail || out != "" || strings.Count(errs, "一级指标分值合计为90分，应为100分") != 1 {
			t.Errorf("weights: exit %d %q %q", code, out, errs)
		}
	})
}

func TestAllFlagsAndEmptyDatabase(t *testing.T) {
	db := filepath.Join(t.TempDir(), "empty.db")
	for _, cmd := range []string{"review", "monitor", "evaluate"} {
		code, out, errs := jx(t, cmd, "--db", db, "--all", "--unit", "414001")
		if code != exitFail || out != "" || !strings.Contains(errs, "--all 与 --unit 414001 不能同时使用") {
			t.Errorf("%s --all --unit: exit %d %q %q", cmd, code, out, errs)
		}
		code, out, errs = jx(t, cmd, "--db", db, "--all")
		if code != exitOK || out != "数据库中没有绩效目标（先用 jixiao import 导入）\n" || errs != "" {
			t.Errorf("%s --all on an empty database: exit %d %q %q", cmd, code, out, errs)
		}
		code, out, errs = jx(t, cmd, "--db", db, "--all", "--year", "2030", "--format", "json")
		var total head
		if err := json.Unmarshal([]byte(out), &total); err != nil || code != exitOK || strings.Count(out, "\n") != 1 ||
			total.Kind != "total" || total.Documents != 0 || !strings.Contains(errs, "没有 2030 年度的绩效目标") {
			t.Errorf("%s --all --format json on an empty database: exit %d %q %q", cmd, code, out, errs)
		}
		if _, help, _ := jx(t, cmd, "--help"); !strings.Contains(help, "--unit CODE | --all") || !strings.Contains(help, "-all") {
			t.Errorf("%s --help does not mention --all:\n%s", cmd, help)
		}
	}
}

func TestDisplayWidth(t *testing.T) {
	for s, want := range map[string]int{"": 0, "414001": 6, "单位编码": 8, "预算（万元）": 12, "合计 8": 6, "—": 1} {
		if got := displayWidth(s); got != want {
			t.Errorf("displayWidth(%q) = %d, want %d", s, got, want)
		}
	}
}
