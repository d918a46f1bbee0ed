package web

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"reflect"
	"strconv"
	"testing"

	"jixiao"
)

// overallValues is the part-one form as the stored document fills it.
func overallValues(d *jixiao.Document) url.Values {
	v := url.Values{"version": {strconv.FormatInt(d.Version, 10)}}
	for i, g := range d.Overall.Goals {
		v.Set(fmt.Sprint("gh", i+1), g.Heading)
		items := ""
		for _, it := range g.Items {
			items += it + "\r\n"
		}
		v.Set(fmt.Sprint("gi", i+1), items)
	}
	for i, p := range d.Overall.ProjectGoals {
		v.Set(fmt.Sprint("pp", i+1), p.Project)
		v.Set(fmt.Sprint("pt", i+1), p.Text)
	}
	for i, m := range d.Overall.Measures {
		v.Set(fmt.Sprint("mh", i+1), m.Heading)
		v.Set(fmt.Sprint("mt", i+1), m.Text)
	}
	return v
}

// Part one is edited on its own page: a section's heading and items
// changed, a section added in the blank one, a 分项 paragraph changed, a
// measure removed by clearing it — stored exactly, shown on the unit
// page; a paragraph without its project is refused with everything kept,
// and a save from a stale page is a conflict.
func TestOverallEdit(t *testing.T) {
	e := newEnv(t, true)
	ctx := context.Background()
	k := jixiao.Key{Unit: exUnit, Year: exYear}
	_, page := e.get(t, exBase)
	mustContain(t, page, `href="/units/414001/2024/overall/edit" id="overall-edit"`)
	doc, err := e.st.Document(ctx, k)
	if err != nil {
		t.Fatal(err)
	}
	o := doc.Overall
	ng, np, nm := len(o.Goals), len(o.ProjectGoals), len(o.Measures)
	if ng == 0 || np == 0 || nm < 2 {
		t.Fatalf("the example's part one: %d goals, %d paragraphs, %d measures", ng, np, nm)
	}
	v := overallValues(doc)
	v.Set("gh1", "严守安全底线")
	v.Set("gi1", "一是守牢食品安全底线。\r\n\r\n二是守牢药品安全底线。")
	v.Set(fmt.Sprint("gh", ng+1), "提升预算绩效")
	v.Set(fmt.Sprint("gi", ng+1), "一是按月调度支出进度。")
	v.Set("pt1", "按文件对有效举报线索人员进行奖励。")
	v.Set(fmt.Sprint("mh", nm), "")
	v.Set(fmt.Sprint("mt", nm), "")
	res, body := e.postForm(t, exBase+"/overall/edit", v)
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("save: %d\n%.600s", res.StatusCode, body)
	}
	got, _ := e.st.Document(ctx, k)
	want := jixiao.Overall{Goals: append([]jixiao.GoalSection{{Heading: "严守安全底线", Items: []string{"一是守牢食品安全底线。", "二是守牢药品安全底线。"}}},
		append(append([]jixiao.GoalSection(nil), o.Goals[1:]...), jixiao.GoalSection{Heading: "提升预算绩效", Items: []string{"一是按月调度支出进度。"}})...),
		ProjectGoals: append([]jixiao.ProjectGoal(nil), o.ProjectGoals...), Measures: o.Measures[:nm-1]}
	want.ProjectGoals[0].Text = "按文件对有效举报线索人员进行奖励。"
	if !reflect.DeepEqual(got.Overall, want) {
		t.Fatalf("stored part one:\n%+v\nwant\n%+v", got.Overall, want)
	}
	_, page = e.get(t, exBase)
	mustContain(t, page, "<h3>严守安全底线</h3>", "<h3>提升预算绩效</h3>", "按文件对有效举报线索人员进行奖励。")

	v = overallValues(got)
	v.Set(fmt.Sprint("pt", np+1), "没有写项目名称的一段")
	res, body = e.postForm(t, exBase+"/overall/edit", v)
	if res.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("a paragraph without its project: %d", res.StatusCode)
	}
	mustContain(t, body, fmt.Sprintf("分项绩效目标第 %d 段没有写明项目名称", np+1), "没有写项目名称的一段")

	stale := overallValues(doc) // the version before the save above
	res, body = e.postForm(t, exBase+"/overall/edit", stale)
	if res.StatusCode != http.StatusConflict {
		t.Fatalf("a stale save: %d", res.StatusCode)
	}
	mustContain(t, body, "保存冲突")
	if again, _ := e.st.Document(ctx, k); !reflect.DeepEqual(again.Overall, want) {
		t.Error("a refused save changed part one")
	}
}
