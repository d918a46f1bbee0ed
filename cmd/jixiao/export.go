package main

import (
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"path/filepath"

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
	f := newFlags(e, "export", "export --format json|docx|xlsx [--unit CODE] [--year YYYY] [--project CODE] [-o FILE | --dir DIR]")
	format := f.String("format", "json", "导出格式：json、docx（Word）或 xlsx（Excel）")
	unit := f.String("unit", "", "单位编码（默认全部；docx、xlsx 须只选中一个文档）")
	year := f.Int("year", 0, "预算年度（默认全部）")
	project := f.String("project", "", "只导出这个项目编码的绩效目标表")
	out := f.String("o", "", "输出文件（默认标准输出）")
	dir := f.String("dir", "", "JSON 每份文档写成该目录下的一个文件（单位编码-年度.json），可用 jixiao import DIR/*.json 导回")
	if code, ok := f.parse(e, args); !ok {
		return code
	}
	if *dir != "" && (*format != "json" || *out != "") {
		return fail(e, fmt.Errorf("--dir 只用于 JSON 导出，且不能与 -o 同用"))
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
		return exportJSON(e, st, store.Filter{Unit: *unit, Year: *year}, *project, *out, *dir)
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
// project given, if one is) as one jixiao/v1 file, or with dir one file
// per document in dir, each document written as the store's walk reads
// it, so that a province's export is never in memory whole. One file per
// document is what imports back: each is far under the import's size
// limit, where a province in one file is not.
func exportJSON(e *env, st *store.Store, f store.Filter, project, out, dir string) int {
	only := func(d *jixiao.Document) (*jixiao.Document, bool) {
		if project == "" {
			return d, true
		}
		p, ok := d.Project(project)
		if !ok {
			return nil, false
		}
		one := *d
		one.Projects = []jixiao.Project{*p}
		return &one, true
	}
	if dir != "" {
		return exportDir(e, st, f, only, project, dir)
	}
	err := writeOut(e, out, func(w io.Writer) error {
		enc := jsondoc.NewEncoder(w)
		n := 0
		err := st.EachDocument(e.ctx, f, func(d *jixiao.Document) error {
			if d, ok := only(d); ok {
				n++
				return enc.Add(d)
			}
			return nil
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

// exportDir writes each selected document to dir as UNIT-YEAR.json.
func exportDir(e *env, st *store.Store, f store.Filter, only func(*jixiao.Document) (*jixiao.Document, bool),
	project, dir string) int {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fail(e, err)
	}
	n := 0
	written := map[string]jixiao.Key{}
	err := st.EachDocument(e.ctx, f, func(d *jixiao.Document) error {
		d, ok := only(d)
		if !ok {
			return nil
		}
		n++
		name := docFileName(d)
		if k, ok := written[name]; ok {
			return fmt.Errorf("%s 和 %s 的文件名都是“%s”", k, d.Key(), name)
		}
		written[name] = d.Key()
		path := filepath.Join(dir, name)
		size := 0
		err := writeOut(e, path, func(w io.Writer) error {
			c := &countingWriter{w: w}
			err := jsondoc.Encode(c, []*jixiao.Document{d})
			size = c.n
			return err
		})
		if err == nil && size > jsondoc.MaxSize {
			fmt.Fprintf(e.stderr, "注意：“%s”有 %d 字节，超过导入上限 %d MB，不能再导入\n", path, size, jsondoc.MaxSize>>20)
		}
		return err
	})
	if err == nil && n == 0 {
		err = noMatch(project)
	}
	if err != nil {
		return fail(e, err)
	}
	fmt.Fprintf(e.stderr, "已导出 %d 份文档到 %s\n", n, dir)
	return exitOK
}

// docFileName is a document's file name in an export directory: its unit
// code and year, the code spelled in hex when it has characters a file
// name should not (a code is whatever the document said).
func docFileName(d *jixiao.Document) string {
	code := d.Unit.Code
	for _, r := range code {
		if !(r >= '0' && r <= '9' || r >= 'A' && r <= 'Z' || r >= 'a' && r <= 'z' || r == '_' || r == '-') {
			code = "x" + hex.EncodeToString([]byte(d.Unit.Code))
			break
		}
	}
	return fmt.Sprintf("%s-%d.json", code, d.Year)
}

// countingWriter counts the bytes written through it.
type countingWriter struct {
	w io.Writer
	n int
}

func (c *countingWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += n
	return n, err
}

// oneDocument is the one document a Word or Excel export selects (with
// the project given, if one is), read one at a time: an export of one
// form must not load a province to say that it selects more than one.
func oneDocument(e *env, st *store.Store, unit string, year int, project, format string) (*jixiao.Document, error) {
	keys, err := matching(e, st, unit, year)
	if err != nil {
		return nil, err
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
