package main

import (
	"context"
	"strings"
	"testing"

	"jixiao"
	"jixiao/internal/testdb"
	"jixiao/ledger"
)

// The command line imports a ledger sheet all or none, and shows the
// indicators counted from it once one is bound.
func TestLedgerCommand(t *testing.T) {
	testdb.Each(t, func(t *testing.T, e testdb.Engine) {
		importExample(t, e)
		good := writeFile(t, "台账.csv", []byte("类别,日期,编号,被抽样单位,样品名称,结果\n抽检,2024-03-05,SC1,甲超市,大米,合格\n抽检,2024-07-05,SC2,乙超市,食用油,不合格\n"))
		code, out, errs := jx(t, append([]string{"ledger", "import", "--by", "检验中心"}, append(dbArgs(e), good)...)...)
		if code != 0 || !strings.Contains(out, "导入 2 条台账记录") {
			t.Fatalf("import: %d %s %s", code, out, errs)
		}
		bad := writeFile(t, "坏.csv", []byte("类别,日期,对象\n抽检,2024-05-01,丙\n巡查,2024-05-01,丁\n"))
		code, _, errs = jx(t, append([]string{"ledger", "import"}, append(dbArgs(e), bad)...)...)
		if code == 0 || !strings.Contains(errs, "坏.csv，第3行：类别“巡查”不对") {
			t.Fatalf("a bad sheet: %d %s", code, errs)
		}
		code, out, errs = jx(t, append([]string{"ledger", "show"}, dbArgs(e)...)...)
		if code != 0 || !strings.Contains(out, "2 条记录") || !strings.Contains(out, "抽检 2（20 个工作日内出具检验结果，超期 2）") || !strings.Contains(out, "没有指标从台账取数") {
			t.Fatalf("show: %d %s %s", code, out, errs)
		}
		st := openStore(t, e)
		if _, err := st.SetMeasure(context.Background(), jixiao.Key{Unit: "414001", Year: 2024},
			ledger.Binding{Project: "13022524P00002410002T", Indicator: 1, Measure: ledger.Measure{Kind: "sampling"}}, "editor"); err != nil {
			t.Fatal(err)
		}
		st.Close()
		code, out, errs = jx(t, append([]string{"ledger", "show", "--as-of", "2024-06-30"}, dbArgs(e)...)...)
		if code != 0 || !strings.Contains(out, "商品质量宣传检测执法经费  1. 抽检批次  1000批次  抽检批次数  1批次  未达到") {
			t.Fatalf("show as of June: %d %s %s", code, out, errs)
		}
	})
}
