package web

import (
	"errors"
	"fmt"
	"net/http"
	"strings"

	"jixiao"
	"jixiao/docformat"
	"jixiao/store"
)

// importField is the form field of the uploaded files.
const importField = "files"

// importResult is the page shown after a successful import.
type importResult struct {
	Files []importedFile
	Docs  []importedDoc
}

// importedFile says what was read from one file.
type importedFile struct {
	Name, Format string
	Documents    int
}

// importedDoc says what the import did to one document.
type importedDoc struct {
	Change   jixiao.Change
	UnitName string
	Href     string
	Added    []projectRef
	Removed  []projectRef
	Changed  []projectRef
}

// projectRef names a project by code and, when known, by name.
type projectRef struct {
	Code, Name, Href string
}

// importPost reads every uploaded file, then stores all their documents in
// one transaction: either everything is saved or nothing is. The body was
// already limited and parsed by the CSRF check.
func (s *server) importPost(w http.ResponseWriter, r *http.Request) {
	if r.MultipartForm == nil || len(r.MultipartForm.File[importField]) == 0 {
		s.importFailed(w, r, http.StatusBadRequest, "没有选择文件。请选择一个或多个绩效目标文件后再导入。")
		return
	}
	var (
		docs  []*jixiao.Document
		files []importedFile
	)
	for _, fh := range r.MultipartForm.File[importField] {
		data, ok := s.upload(w, r, fh, docformat.MaxSize, func(status int, msg string) { s.importFailed(w, r, status, msg+"。") })
		if !ok {
			return
		}
		ds, format, err := docformat.Read(fh.Filename, data)
		if err != nil {
			var ie *jixiao.ImportError
			if errors.As(err, &ie) {
				s.importFailed(w, r, http.StatusBadRequest, ie.Error())
				return
			}
			s.importFailed(w, r, http.StatusBadRequest, fmt.Sprintf("%s：%v", fh.Filename, err))
			return
		}
		docs = append(docs, ds...)
		files = append(files, importedFile{Name: fh.Filename, Format: format, Documents: len(ds)})
	}
	if len(docs) == 0 {
		s.importFailed(w, r, http.StatusBadRequest, "上传的文件中没有绩效目标文档。")
		return
	}
	u := currentUser(r)
	if msg := importForbidden(u, docs); msg != "" {
		s.importFailed(w, r, http.StatusForbidden, msg+"。")
		return
	}
	changes, err := s.st.SaveDocuments(r.Context(), docs, u.Name)
	if err != nil {
		status, msg := importError(err)
		switch {
		case errors.Is(err, store.ErrGoalsLocked):
			s.log.Warn("导入被拒绝", "status", status, "msg", msg)
			d := errorData{Title: "导入失败", Message: msg, Status: status, Import: true}
			for _, doc := range docs {
				if strings.Contains(msg, doc.Key().String()) || len(docs) == 1 {
					d.Link, d.LinkText = docPath(doc.Key())+"#workflow", "登记调整（财政审核人员在单位页面填写调整原因）"
				}
			}
			s.renderError(w, r, d)
		case status == http.StatusInternalServerError:
			s.serverError(w, r, err)
		default:
			s.importFailed(w, r, status, msg)
		}
		return
	}
	s.log.Info("导入完成", "files", len(files), "documents", len(docs))
	s.render(w, r, http.StatusOK, "imported.html", importResult{Files: files, Docs: describeChanges(docs, changes)})
}

// describeChanges pairs each change with its document to name projects.
func describeChanges(docs []*jixiao.Document, changes []jixiao.Change) []importedDoc {
	byKey := map[jixiao.Key]*jixiao.Document{}
	for _, d := range docs {
		byKey[d.Key()] = d
	}
	var out []importedDoc
	for _, c := range changes {
		d := importedDoc{Change: c, Href: docPath(c.Key)}
		doc := byKey[c.Key]
		ref := func(code string) projectRef {
			r := projectRef{Code: code}
			if doc != nil {
				if p, ok := doc.Project(code); ok {
					r.Name = p.Name
					r.Href = projectPath(c.Key, code)
				}
			}
			return r
		}
		if doc != nil {
			d.UnitName = doc.Unit.Name
		}
		for _, code := range c.Added {
			d.Added = append(d.Added, ref(code))
		}
		for _, code := range c.Changed {
			d.Changed = append(d.Changed, ref(code))
		}
		for _, code := range c.Removed {
			d.Removed = append(d.Removed, projectRef{Code: code})
		}
		out = append(out, d)
	}
	return out
}

// importFailed shows why an import was refused and that nothing was stored.
func (s *server) importFailed(w http.ResponseWriter, r *http.Request, status int, msg string) {
	s.log.Warn("导入被拒绝", "status", status, "msg", msg)
	s.renderError(w, r, errorData{Title: "导入失败", Message: msg, Status: status, Import: true})
}
