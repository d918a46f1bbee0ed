package main

import (
	"fmt"
	"io"

	"jixiao"
	"jixiao/docx"
	"jixiao/jsondoc"
	"jixiao/store"
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
	if *format == "json" {
		return exportJSON(e, st, store.Filter{Unit: *unit, Year: *year}, *project, *out)
	}
	d, err := oneDocument(e, st, *unit, *year, *project, *format)
	if err != nil {
		return fail(e, err)
	}
	err = writeOut(e, *out, func(w io.Writer) error {
		if *format == "docx" {
			return docx.Write(w, d, docx.Options{Project: *project})
		}
		return xlsx.Write(w, d, xlsx.Options{Project: *project})
	})
	if err != nil {
		return fail(e, err)
	}
	return exitOK
}

// noMatch is the error for a selection without documents.
func noMatch(project string) error {
	if project != "" {
		return fmt.Errorf("没有含项目编码“%s”的文档", project)
	}
	return fmt.Errorf("没有符合条件的文档")
}

// exportJSON writes the documents the filter selects (with only the
// project given, if one is) as one jixiao/v1 file, each document written
// as the store's walk reads it, so that a province's export is never in
// memory whole. A file is written beside out and renamed to it at the
// end: a failed export leaves no partial file.
func exportJSON(e *env, st *store.Store, f store.Filter, project, out string) int {
	err := writeOut(e, out, func(w io.Writer) error {
		enc := jsondoc.NewEncoder(w)
		n := 0
		err := st.EachDocument(e.ctx, f, func(d *jixiao.Document) error {
			if project != "" {
				p, ok := d.Project(project)
				if !ok {
					return nil
				}
				one := *d
				one.Projects = []jixiao.Project{*p}
				d = &one
			}
			n++
			return enc.Add(d)
		})
		if err == nil && n == 0 {
			err = noMatch(project)
		}
		if err != nil {
			return err
		}
		return enc.Close()
	})
	if err != nil {
		return fail(e, err)
	}
	return exitOK
}

// oneDocument is the one document a Word or Excel export selects (with
// the project given, if one is), read one at a time: an export of one
// form must not load a province to say that it selects more than one.
func oneDocument(e *env, st *store.Store, unit string, year int, project, format string) (*jixiao.Document, error) {
	sums, err := st.Documents(e.ctx)
	if err != nil {
		return nil, err
	}
	var keys []jixiao.Key
	for _, s := range sums {
		if (unit == "" || s.Key.Unit == unit) && (year == 0 || s.Key.Year == year) {
			keys = append(keys, s.Key)
		}
	}
	var first *jixiao.Document
	n := 0
	for _, k := range keys {
		if project == "" && len(keys) > 1 {
			n = len(keys) // no need to read them to count them
			break
		}
		d, err := st.Document(e.ctx, k)
		if err != nil {
			return nil, err
		}
		if project != "" {
			if _, ok := d.Project(project); !ok {
				continue
			}
		}
		if n++; n == 1 {
			first = d
		}
	}
	switch {
	case n == 0:
		return nil, noMatch(project)
	case n > 1:
		return nil, fmt.Errorf("%s 一个文件只能导出一个文档，符合条件的有 %d 个，请用 --unit 和 --year 选定", format, n)
	}
	return first, nil
}
