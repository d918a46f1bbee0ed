// Package review is the goal review (绩效目标审核, DOMAIN.md §3): the checks a
// finance-bureau reviewer applies to a department's performance goals
// before they are budgeted. It finds every defect it can prove, says why,
// quotes the offending value and proposes a fix, and stays silent on a
// sound indicator.
//
// Review is a pure function over jixiao values: no I/O, deterministic,
// cheap enough to run on every page view. Each rule (Rules) has an id, a
// severity, a Chinese title and the basis it rests on — the rule document
// (财预〔2015〕88号, 财预〔2021〕101号) or review practice (审核实践). Thresholds
// and word lists are settings in Config; DefaultConfig holds the defaults.
//
// Rules G1–G14 check one project at a time; C1–C3 compare part one of the
// document (分项绩效目标 paragraphs) with part two (the goal tables).
//
// Grades. Each project gets 优/良/中/差 from its error and warning counts
// (info findings never count), with thresholds in Config.Grade:
//
//	优: no errors and at most Grade.ExcellentMaxWarnings (default 1) warnings
//	良: no errors
//	中: 1 to Grade.FairMaxErrors (default 2) errors
//	差: more errors than that
//
// As 88号 says, 优 goes on to budgeting, 良 is fixed together with the
// department, 中 is returned for revision and 差 cannot be budgeted.
package review
