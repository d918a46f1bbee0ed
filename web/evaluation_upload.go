package web

import (
	"errors"
	"fmt"
	"net/http"

	"jixiao"
	"jixiao/docx"
	"jixiao/recordfile"
	"jixiao/score"
)

// The self-evaluation form (项目支出绩效自评表) that the evaluation page
// offers as Excel can be filled in and uploaded back
// (recordfile.ReadEvaluationForm). The workbook carries its project in
// custom properties, and the self-evaluation's version it was downloaded
// at, so that an upload over a save made since is refused as the page's
// own form would be.

// evaluationField is the upload's form field.
const evaluationField = "form"

// evaluationUploadPost saves the self-evaluation of a filled-in form for
// the page's project, as the page's own form saves it: scored before it
// is stored, refused over a save made since the download, and shown again
// with the message and what was read when refused.
func (s *server) evaluationUploadPost(w http.ResponseWriter, r *http.Request) {
	d, ok := s.evalBase(w, r)
	if !ok {
		return
	}
	d.fillStored()
	stored := d.Project.Evaluation
	refuse := func(status int, msg string) {
		d.Error = "没有保存：" + msg
		s.render(w, r, status, "evaluation.html", d)
	}
	file, fh, err := r.FormFile(evaluationField)
	if err != nil {
		refuse(http.StatusBadRequest, "没有选择文件。请选择填写后的自评表（Excel）再上传。")
		return
	}
	file.Close()
	data, ok := s.upload(w, r, fh, docx.MaxArchive, func(status int, msg string) { refuse(status, msg+"。") })
	if !ok {
		return
	}
	f, err := recordfile.ReadEvaluationForm(fh.Filename, data)
	if err != nil {
		refuse(http.StatusBadRequest, err.Error())
		return
	}
	k := d.Doc.Key()
	if (f.Project != "" && f.Project != d.Project.Code) || (f.Unit != "" && f.Unit != k.Unit) || (f.Year != 0 && f.Year != k.Year) {
		refuse(http.StatusBadRequest, fmt.Sprintf("%s 是单位 %s %d 年度项目 %s 的自评表，不是本项目（%s）的", fh.Filename, f.Unit, f.Year, f.Project, d.Project.Code))
		return
	}
	if len(f.Rows) != len(d.Rows) {
		refuse(http.StatusBadRequest, fmt.Sprintf("%s 有 %d 个指标行，本项目有 %d 个指标：表格与绩效目标不一致，请重新下载自评表填写", fh.Filename, len(f.Rows), len(d.Rows)))
		return
	}
	// What the form shows computed (全年预算数 from the budget, 全年执行数
	// from the payments) stays computed when it comes back unchanged.
	shown := d.shown()
	if f.Adjusted == shown.adjusted && (stored == nil || stored.AdjustedBudget == 0) {
		f.Adjusted = ""
	}
	if f.Executed == shown.executed && (stored == nil || !stored.HasExecuted) {
		f.Executed = ""
	}
	d.Adjusted, d.Executed, d.Reason = f.Adjusted, f.Executed, f.Reason
	for i, fr := range f.Rows {
		row := &d.Rows[i]
		if !jixiao.SameName(fr.Name, row.Level3) {
			refuse(http.StatusBadRequest, fmt.Sprintf("%s 第%d行：第%d个指标是“%s”，表中是“%s”：表格与绩效目标不一致，请重新下载自评表填写",
				fh.Filename, fr.Line, row.N, row.Level3, fr.Name))
			return
		}
		row.Value, row.Grade, row.Note = fr.Done, "", fr.Note
		if row.Qualitative {
			row.Value, row.Grade = "", fr.Done
		}
	}
	version := d.Version
	if f.HasVersion {
		version = f.Version
	}
	ev, err := d.evaluation()
	if err != nil {
		refuse(http.StatusUnprocessableEntity, err.Error())
		return
	}
	_, err = s.st.SaveEvaluation(r.Context(), k, d.Project.Code, ev, currentUser(r).Name, version)
	switch {
	case err == nil:
		http.Redirect(w, r, projectPath(k, d.Project.Code)+"/evaluation?saved=1", http.StatusSeeOther)
	case errors.Is(err, jixiao.ErrConflict):
		refuse(http.StatusConflict, fmt.Sprintf("下载这份自评表（第 %d 版）之后，本项目的自评已被他人保存（现为第 %d 版）。请下载最新的自评表再填写。", version, d.Version))
	case errors.Is(err, jixiao.ErrNotFound):
		s.notFound(w, r, err.Error())
	default:
		refuse(http.StatusUnprocessableEntity, err.Error())
	}
}

// shownFigures are the 全年预算数 and 全年执行数 a downloaded form shows.
type shownFigures struct{ adjusted, executed string }

// shown is what the downloaded form shows of the stored evaluation.
func (d *evalData) shown() shownFigures {
	p := *d.Project
	if p.Evaluation == nil {
		return shownFigures{}
	}
	res, err := score.Project(&p, d.Doc.Year, score.DefaultConfig())
	if err != nil {
		return shownFigures{}
	}
	return shownFigures{res.Adjusted.Wan(), res.Executed.Wan()}
}
