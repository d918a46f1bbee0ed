package form

import (
	"testing"

	"jixiao"
)

func TestOverall(t *testing.T) {
	d := &jixiao.Document{Overall: jixiao.Overall{
		Goals:        []jixiao.GoalSection{{Heading: "严守安全底线", Items: []string{"一是守牢食品安全底线。"}}},
		ProjectGoals: []jixiao.ProjectGoal{{Project: "办公楼运维费", Text: "甲\n\n乙"}},
		Measures:     []jixiao.Measure{{Heading: "持续深化商事制度改革", Text: "推进“证照分离”改革。"}, {Heading: "只有标题"}},
	}}
	want := []Line{
		{"一、总体绩效目标", Section}, {"1、严守安全底线", Heading}, {"一是守牢食品安全底线。", Body},
		{"二、分项绩效目标", Section}, {"（一）办公楼运维费", Heading}, {"甲", Body}, {"乙", Body},
		{"三、工作保障措施", Section}, {"（一）持续深化商事制度改革。推进“证照分离”改革。", Body}, {"（二）只有标题", Body},
	}
	got := Overall(d)
	if len(got) != len(want) {
		t.Fatalf("%d lines, want %d: %v", len(got), len(want), got)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("line %d = %+v, want %+v", i, got[i], want[i])
		}
	}
}

func TestChineseNumber(t *testing.T) {
	for n, want := range map[int]string{1: "一", 10: "十", 11: "十一", 14: "十四", 20: "二十", 99: "九十九", 100: "100"} {
		if got := ChineseNumber(n); got != want {
			t.Errorf("ChineseNumber(%d) = %s, want %s", n, got, want)
		}
	}
}

func TestPlanCols(t *testing.T) {
	// Four points, as the template: 1, 1, 1 and 3 columns.
	want := [][2]int{{1, 1}, {2, 1}, {3, 1}, {4, 3}}
	for i, w := range want {
		if c, s := PlanCols(i, 4); c != w[0] || s != w[1] {
			t.Errorf("PlanCols(%d, 4) = %d, %d; want %d, %d", i, c, s, w[0], w[1])
		}
	}
	// Any count covers columns 1–6 exactly once.
	for n := 1; n <= 6; n++ {
		next := 1
		for i := 0; i < n; i++ {
			c, s := PlanCols(i, n)
			if c != next {
				t.Fatalf("n=%d: point %d starts at %d, want %d", n, i, c, next)
			}
			next = c + s
		}
		if next != 7 {
			t.Errorf("n=%d covers up to column %d", n, next-1)
		}
	}
}
