package main

import (
	"bytes"
	"fmt"
	"os"

	"jixiao"
	"jixiao/jsondoc"
)

func init() {
	register(command{"export", "导出绩效目标（--format json）", cmdExport})
}

func cmdExport(e *env, args []string) int {
	f := newFlags(e, "export", "export --format json [--unit CODE] [--year YYYY] [-o FILE]")
	format := f.String("format", "json", "导出格式：json")
	unit := f.String("unit", "", "单位编码（默认全部）")
	year := f.Int("year", 0, "预算年度（默认全部）")
	out := f.String("o", "", "输出文件（默认标准输出）")
	if code, ok := f.parse(e, args); !ok {
		return code
	}
	if *format != "json" {
		return fail(e, fmt.Errorf("不支持的导出格式“%s”", *format))
	}
	st, err := f.open(e)
	if err != nil {
		return fail(e, err)
	}
	defer st.Close()
	sums, err := st.Documents(e.ctx)
	if err != nil {
		return fail(e, err)
	}
	var docs []*jixiao.Document
	for _, s := range sums {
		if (*unit != "" && s.Key.Unit != *unit) || (*year != 0 && s.Key.Year != *year) {
			continue
		}
		d, err := st.Document(e.ctx, s.Key)
		if err != nil {
			return fail(e, err)
		}
		docs = append(docs, d)
	}
	if len(docs) == 0 {
		return fail(e, fmt.Errorf("没有符合条件的文档"))
	}
	var buf bytes.Buffer
	if err := jsondoc.Encode(&buf, docs); err != nil {
		return fail(e, err)
	}
	if *out == "" {
		_, err = e.stdout.Write(buf.Bytes())
	} else {
		err = os.WriteFile(*out, buf.Bytes(), 0o644)
	}
	if err != nil {
		return fail(e, err)
	}
	return exitOK
}
