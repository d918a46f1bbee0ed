package main

import (
	"bytes"
	"fmt"
	"os"

	"jixiao"
	"jixiao/docx"
	"jixiao/jsondoc"
	"jixiao/xlsx"
)

func init() {
	register(command{"export", "导出绩效目标（--format json|docx|xlsx）", cmdExport})
}

func cmdExport(e *env, args []string) int {
	f := newFlags(e, "export", "export --format json|docx|xlsx [--unit CODE] [--year YYYY] [--project CODE] [-o FILE]")
	format := f.String("format", "json", "导出格式：json、docx（Word）或 xlsx（Excel）")
	unit := f.String("unit", "", "单位编码（默认全部；docx、xlsx 须只选中一个文档）")
	year := f.Int("year", 0, "预算年度（默认全部）")
	project := f.String("project", "", "只导出这个项目编码的绩效目标表")
	out := f.String("o", "", "输出文件（默认标准输出）")
	if code, ok := f.parse(e, args); !ok {
		return code
	}
	switch *format {
	case "json", "docx", "xlsx":
	default:
		return fail(e, fmt.Errorf("不支持的导出格式“%s”（可选 json、docx、xlsx）", *format))
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
		if *project != "" {
			if _, ok := d.Project(*project); !ok {
				continue
			}
		}
		docs = append(docs, d)
	}
	if len(docs) == 0 {
		if *project != "" {
			return fail(e, fmt.Errorf("没有含项目编码“%s”的文档", *project))
		}
		return fail(e, fmt.Errorf("没有符合条件的文档"))
	}
	var buf bytes.Buffer
	switch *format {
	case "json":
		if *project != "" {
			for i, d := range docs {
				one := *d
				p, _ := d.Project(*project)
				one.Projects = []jixiao.Project{*p}
				docs[i] = &one
			}
		}
		err = jsondoc.Encode(&buf, docs)
	default:
		if len(docs) > 1 {
			return fail(e, fmt.Errorf("%s 一个文件只能导出一个文档，符合条件的有 %d 个，请用 --unit 和 --year 选定", *format, len(docs)))
		}
		if *format == "docx" {
			err = docx.Write(&buf, docs[0], docx.Options{Project: *project})
		} else {
			err = xlsx.Write(&buf, docs[0], xlsx.Options{Project: *project})
		}
	}
	if err != nil {
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
