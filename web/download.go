package web

import (
	"bytes"
	"fmt"
	"net/http"
	"net/url"
	"strconv"

	"jixiao"
	"jixiao/docx"
	"jixiao/jsondoc"
	"jixiao/xlsx"
)

// contentTypes of the downloads.
var contentTypes = map[string]string{
	"docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
	"xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
	"json": "application/json; charset=utf-8",
}

// download writes the document in the format as an attachment named
// after the unit, the year and the project.
func (s *server) download(w http.ResponseWriter, r *http.Request, format string) {
	unit := r.PathValue("unit")
	year, err := strconv.Atoi(r.PathValue("year"))
	if err != nil || year < 1900 || year > 9999 {
		s.notFound(w, r, fmt.Sprintf("年度“%s”不是有效的年份。", r.PathValue("year")))
		return
	}
	doc, err := s.st.Document(r.Context(), jixiao.Key{Unit: unit, Year: year})
	if err != nil {
		s.failed(w, r, err, fmt.Sprintf("没有单位“%s”%d年度的绩效目标。", unit, year))
		return
	}
	code := r.URL.Query().Get("project")
	name := fmt.Sprintf("%s%d年度绩效目标", doc.Unit.Name, doc.Year)
	if code != "" {
		p, ok := doc.Project(code)
		if !ok {
			s.notFound(w, r, fmt.Sprintf("%s %d年度没有项目编码“%s”。", doc.Unit.Name, doc.Year, code))
			return
		}
		name = fmt.Sprintf("%s%d年度%s绩效目标表", doc.Unit.Name, doc.Year, p.Name)
	}
	var buf bytes.Buffer
	switch format {
	case "docx":
		err = docx.Write(&buf, doc, docx.Options{Project: code})
	case "xlsx":
		err = xlsx.Write(&buf, doc, xlsx.Options{Project: code})
	default:
		if code != "" {
			one := *doc
			p, _ := doc.Project(code)
			one.Projects = []jixiao.Project{*p}
			doc = &one
		}
		err = jsondoc.Encode(&buf, []*jixiao.Document{doc})
	}
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	attachment(w, format, "export", name, buf.Bytes())
}

// attachment sends data as a file to save, of the format (a key of
// contentTypes) and named name.format: the Chinese name for browsers that
// read RFC 5987, the ASCII fallback.format for the others. Downloads are
// not cached: they are made from the data of the moment.
func attachment(w http.ResponseWriter, format, fallback, name string, data []byte) {
	w.Header().Set("Content-Type", contentTypes[format])
	w.Header().Set("Content-Disposition", fmt.Sprintf("attachment; filename=\"%s.%s\"; filename*=UTF-8''%s",
		fallback, format, url.PathEscape(name+"."+format)))
	w.Header().Set("Content-Length", strconv.Itoa(len(data)))
	w.Header().Set("Cache-Control", "no-store")
	w.Write(data)
}
