package web

import (
	"errors"
	"fmt"
	"mime/multipart"
	"net/http"
	"net/url"
	"strconv"

	"jixiao"
	"jixiao/recordfile"
	"jixiao/store"
)

// recordsField is the form field of the uploaded record files.
const recordsField = "records"

// monitorRecordsPost stores the spending and progress records of the
// uploaded CSV or XLSX files for the department of the page, as the
// command line's records import does, all or nothing. The unit and year
// are the page's: a row naming another is refused. The records are
// entered by the signed-in user. A refusal shows the monitoring page again
// with the message (400); success redirects to it with a summary (303).
func (s *server) monitorRecordsPost(w http.ResponseWriter, r *http.Request) {
	dk, ok := s.docRevision(w, r)
	if !ok {
		return
	}
	k := dk.key
	var files []*multipart.FileHeader
	if r.MultipartForm != nil {
		files = r.MultipartForm.File[recordsField]
	}
	if len(files) == 0 {
		s.recordsFailed(w, r, dk, http.StatusBadRequest, "没有选择文件。请选择支出表或进度表（CSV 或 XLSX）后再导入。")
		return
	}
	u := currentUser(r)
	var rows []recordfile.Row
	for _, fh := range files {
		data, ok := s.upload(w, r, fh, recordfile.MaxSize, func(status int, msg string) {
			s.recordsFailed(w, r, dk, status, msg+"（未导入任何记录）。")
		})
		if !ok {
			return
		}
		rs, err := recordfile.Read(fh.Filename, data, u.Name)
		if err != nil {
			s.recordsFailed(w, r, dk, http.StatusBadRequest, err.Error()+"（未导入任何记录）")
			return
		}
		rows = append(rows, rs...)
	}
	if len(rows) == 0 {
		s.recordsFailed(w, r, dk, http.StatusBadRequest, "上传的文件中没有记录（未导入任何记录）。")
		return
	}
	entries := make([]store.Entry, len(rows))
	for i := range rows {
		row := &rows[i]
		switch {
		case row.Unit != "" && row.Unit != k.Unit:
			s.recordsFailed(w, r, dk, http.StatusBadRequest, row.Errorf("单位编码“%s”不是本页的单位 %s，请在该单位的运行监控页面导入（未导入任何记录）", row.Unit, k.Unit).Error())
			return
		case row.Year != 0 && row.Year != k.Year:
			s.recordsFailed(w, r, dk, http.StatusBadRequest, row.Errorf("年度 %d 不是本页的 %d 年度，请在该年度的运行监控页面导入（未导入任何记录）", row.Year, k.Year).Error())
			return
		}
		row.Entry.Key = k
		entries[i] = row.Entry
	}
	stored, err := s.st.AddRecords(r.Context(), entries)
	if err != nil {
		var ee *store.EntryError
		if errors.As(err, &ee) && errors.Is(err, store.ErrInvalid) && ee.Index < len(rows) {
			s.recordsFailed(w, r, dk, http.StatusBadRequest, rows[ee.Index].Errorf("%v（未导入任何记录）", ee.Err).Error())
			return
		}
		s.failed(w, r, err, fmt.Sprintf("没有单位“%s”%d年度的绩效目标。", k.Unit, k.Year))
		return
	}
	ns, np := recordfile.Count(stored)
	s.log.Info("导入运行监控记录", "user", u.Name, "unit", k.Unit, "year", k.Year, "spending", ns, "progress", np)
	q := url.Values{"imported_spending": {strconv.Itoa(ns)}, "imported_progress": {strconv.Itoa(np)}}
	http.Redirect(w, r, docPath(k)+"/monitor?"+q.Encode(), http.StatusSeeOther)
}

// recordsFailed shows the monitoring page again with why the upload was
// refused; nothing was stored.
func (s *server) recordsFailed(w http.ResponseWriter, r *http.Request, dk docKey, status int, msg string) {
	s.log.Warn("运行监控记录导入被拒绝", "status", status, "msg", msg)
	asOf, err := asOfParam(r, dk.key.Year)
	if err != nil {
		asOf = jixiao.YearEnd(dk.key.Year)
	}
	d, err := s.monitorView(r, dk, asOf)
	if err != nil {
		s.failed(w, r, err, fmt.Sprintf("没有单位“%s”%d年度的绩效目标。", dk.key.Unit, dk.key.Year))
		return
	}
	d.UploadError = msg
	s.render(w, r, status, "monitor.html", d)
}

// importedSummary is the line shown after an upload, from the redirect's
// query ("" when the query carries none).
func importedSummary(q url.Values) string {
	ns, err1 := strconv.Atoi(q.Get("imported_spending"))
	np, err2 := strconv.Atoi(q.Get("imported_progress"))
	if err1 != nil || err2 != nil || ns < 0 || np < 0 {
		return ""
	}
	return fmt.Sprintf("已导入 %d 条支出记录、%d 条进度记录。", ns, np)
}
