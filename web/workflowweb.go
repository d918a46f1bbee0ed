package web

import (
	"errors"
	"fmt"
	"net/http"
	"path"
	"strings"
	"time"

	"jixiao"
	"jixiao/auth"
	"jixiao/review"
	"jixiao/rollover"
	"jixiao/store"
	"jixiao/workflow"
)

// trackView is one review track on the department page: where it stands,
// the moves the signed-in user may make, and the history with comments.
type trackView struct {
	Track   workflow.Track
	State   workflow.State
	Buttons []moveButton
	History []store.Transition
	// Prefill is the suggested return comment: the review findings.
	Prefill string
}

// moveButton is one allowed move.
type moveButton struct {
	To     workflow.State
	Verb   string // submit, return, approve, publish
	Label  string
	Action string // the form's URL
}

// verbs name the moves in URLs.
var verbs = map[workflow.State]string{
	workflow.Submitted: "submit",
	workflow.Returned:  "return",
	workflow.Approved:  "approve",
	workflow.Published: "publish",
}

var verbLabels = map[string]string{"submit": "报送", "return": "退回", "approve": "审核通过", "publish": "公开"}

// workflowData is the review part of the department page.
type workflowData struct {
	Tracks []trackView
	// CanAdjust: the user may record an adjustment and the goals are locked.
	CanAdjust, AdjustPending bool
	GoalsLocked              bool
	// PublishDue is the last day to publish approved goals (workflow.
	// PublishDue of the approval), zero unless the goals are approved.
	PublishDue jixiao.Date
}

// publishInfo is what a list says of approved goals not yet published:
// the last day, and how many days past it they are.
type publishInfo struct {
	Due     jixiao.Date
	Overdue int
}

// publishStatus is the publishing deadline of goals in state st since
// the instant since, as of today; nil unless they are approved.
func publishStatus(st workflow.State, since time.Time, today jixiao.Date) *publishInfo {
	if st != workflow.Approved || since.IsZero() {
		return nil
	}
	due := workflow.PublishDue(jixiao.DateOf(since.In(china)))
	return &publishInfo{Due: due, Overdue: max(0, due.DaysUntil(today))}
}

func init() {
	funcs["publishDue"] = func(st workflow.State, since time.Time) *publishInfo {
		return publishStatus(st, since, jixiao.DateOf(time.Now().In(china)))
	}
}

// loadWorkflow reads every track of the document for the user.
func (s *server) loadWorkflow(r *http.Request, dv *docView, prefill string) (workflowData, error) {
	u := currentUser(r)
	k := dv.Doc.Key()
	var d workflowData
	for _, tr := range workflow.Tracks {
		st, err := s.st.WorkflowState(r.Context(), k, tr)
		if err != nil {
			return d, err
		}
		hist, err := s.st.Transitions(r.Context(), k, tr)
		if err != nil {
			return d, err
		}
		tv := trackView{Track: tr, State: st, History: hist, Prefill: prefill}
		for _, to := range workflow.Next(u, k.Unit, tr, st) {
			v := verbs[to]
			tv.Buttons = append(tv.Buttons, moveButton{To: to, Verb: v, Label: verbLabels[v],
				Action: dv.Base + "/workflow/" + string(tr) + "/" + v})
		}
		if tr == workflow.Goals {
			d.GoalsLocked = st.Locked()
			for _, h := range hist {
				if st == workflow.Approved && h.To == workflow.Approved {
					d.PublishDue = workflow.PublishDue(jixiao.DateOf(h.At.In(china)))
				}
			}
		}
		d.Tracks = append(d.Tracks, tv)
	}
	if d.GoalsLocked && auth.Can(u, auth.Adjust, k.Unit) {
		d.CanAdjust = true
	}
	var err error
	if d.GoalsLocked {
		d.AdjustPending, err = s.st.AdjustmentPending(r.Context(), k)
	}
	return d, err
}

// returnComment summarises the review findings as the suggested comment
// of a return: the counts (c, over every finding), then the errors and
// warnings one per line, from the first of them in document order
// (store.LeadingFindings of them are enough: twenty are listed).
func returnComment(c counts, leading []review.Finding) string {
	if c.Errors+c.Warnings == 0 {
		return ""
	}
	var b strings.Builder
	fmt.Fprintf(&b, "经审核，发现错误 %d 项、警告 %d 项，请修改后重新报送：\n", c.Errors, c.Warnings)
	n := 0
	for _, f := range leading {
		if f.Severity == review.Info {
			continue
		}
		n++
		if n > 20 {
			fmt.Fprintf(&b, "……（其余见审核意见）\n")
			break
		}
		where := ""
		if f.Project != "" {
			where = "项目 " + f.Project + "："
		}
		fmt.Fprintf(&b, "%d. %s%s\n", n, where, f.Message)
	}
	return strings.TrimSpace(b.String())
}

// withRemarks adds the reviewers' remarks to a return comment: the
// document's first, then each project's in the document's order.
func withRemarks(comment string, d *jixiao.Document, remarks map[string]store.Remark) string {
	var lines []string
	if m := remarks[""]; m.Text != "" {
		lines = append(lines, "审核人意见："+m.Text)
	}
	for _, p := range d.Projects {
		if m := remarks[p.Code]; m.Text != "" {
			lines = append(lines, fmt.Sprintf("审核人对“%s”的意见：%s", p.Name, m.Text))
		}
	}
	if len(lines) == 0 {
		return comment
	}
	if comment != "" {
		lines = append([]string{comment}, lines...)
	}
	return strings.Join(lines, "\n")
}

// transition makes the move named by the URL's last segment; the route
// table has already checked that the user's role may make it on the unit,
// and the store checks the move against the current state.
func (s *server) transition(w http.ResponseWriter, r *http.Request) {
	dv, ok := s.loadDocument(w, r)
	if !ok {
		return
	}
	track := workflow.Track(r.PathValue("track"))
	if !track.Valid() {
		s.notFound(w, r, fmt.Sprintf("没有“%s”这个审核环节。", track))
		return
	}
	verb := path.Base(r.URL.Path)
	var to workflow.State
	for st, v := range verbs {
		if v == verb {
			to = st
		}
	}
	comment := strings.TrimSpace(r.PostFormValue("comment"))
	err := s.st.Transition(r.Context(), dv.Doc.Key(), track, to, currentUser(r), comment)
	switch {
	case err == nil:
		http.Redirect(w, r, dv.Base+"#workflow", http.StatusSeeOther)
	case errors.Is(err, jixiao.ErrNotFound):
		s.notFound(w, r, err.Error())
	case strings.Contains(err.Error(), "变更审核状态失败"):
		s.serverError(w, r, err)
	default:
		s.errorPage(w, r, http.StatusConflict, "审核状态未变更", err.Error()+"。请返回单位页面刷新后再试。")
	}
}

// adjustmentPost records an adjustment of approved goals with its reason.
func (s *server) adjustmentPost(w http.ResponseWriter, r *http.Request) {
	dv, ok := s.loadDocument(w, r)
	if !ok {
		return
	}
	reason := strings.TrimSpace(r.PostFormValue("reason"))
	if reason == "" {
		s.errorPage(w, r, http.StatusUnprocessableEntity, "未登记调整", "登记调整须写明调整原因。请返回单位页面填写原因后再提交。")
		return
	}
	err := s.st.Adjustment(r.Context(), dv.Doc.Key(), currentUser(r), reason)
	switch {
	case err == nil:
		http.Redirect(w, r, dv.Base+"?adjusted=1#workflow", http.StatusSeeOther)
	case errors.Is(err, jixiao.ErrNotFound):
		s.notFound(w, r, err.Error())
	case strings.Contains(err.Error(), "登记调整失败"):
		s.serverError(w, r, err)
	default:
		s.errorPage(w, r, http.StatusConflict, "未登记调整", err.Error())
	}
}

// rolloverPost drafts next year's goals from this year's (package
// rollover) and opens them. A next year already on file is never
// replaced: the department edits that one instead.
func (s *server) rolloverPost(w http.ResponseWriter, r *http.Request) {
	dv, ok := s.loadDocument(w, r)
	if !ok {
		return
	}
	next := rollover.Document(dv.Doc)
	by := currentUser(r).Name
	err := s.st.CreateDocument(r.Context(), next, by)
	if err == nil {
		// The draft counts its indicators from the ledger as this year's do.
		_, err = s.st.CopyMeasures(r.Context(), dv.Doc.Key(), next.Key(), by)
	}
	switch {
	case err == nil:
		http.Redirect(w, r, docPath(next.Key())+"?rolled=1", http.StatusSeeOther)
	case errors.Is(err, jixiao.ErrConflict):
		s.errorPage(w, r, http.StatusConflict, "未编制",
			fmt.Sprintf("%s %d 年度的绩效目标已存在，请到该年度的页面（%s）修改，或导入新的文件。", next.Unit.Name, next.Year, docPath(next.Key())))
	default:
		s.serverError(w, r, err)
	}
}
