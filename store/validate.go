package store

import (
	"fmt"
	"slices"

	"jixiao"
)

// validate refuses documents the store must not hold, before anything is
// written, with a message that says which document and project, marked
// ErrInvalid so callers show it to the user. The schema enforces the same
// rules where it can (UNIQUE, CHECK), as a second guard.
func validate(docs []*jixiao.Document) error {
	return validateMore(docs, 0, map[jixiao.Key]int{})
}

// validateMore is validate for documents that follow before others of
// the same save: the first of docs is document number before+1, and
// seen holds the keys of those before (it gets docs' keys too).
func validateMore(docs []*jixiao.Document, before int, seen map[jixiao.Key]int) error {
	if err := checkDocuments(docs, before, seen); err != nil {
		return invalid{err}
	}
	return nil
}

func checkDocuments(docs []*jixiao.Document, before int, seen map[jixiao.Key]int) error {
	for k, d := range docs {
		i := before + k
		if d == nil {
			return fmt.Errorf("第 %d 个文件为空", i+1)
		}
		where := fmt.Sprintf("单位 %s %d 年度", d.Unit.Code, d.Year)
		if d.Unit.Code == "" {
			return fmt.Errorf("第 %d 个文件没有单位编码", i+1)
		}
		if d.Year < 1000 || d.Year > 9999 {
			return fmt.Errorf("%s：年度 %d 不是四位年份", where, d.Year)
		}
		if j, ok := seen[d.Key()]; ok {
			return fmt.Errorf("%s：同一批中出现两次（第 %d 个和第 %d 个文件）", where, j+1, i+1)
		}
		seen[d.Key()] = i
		codes := map[string]int{}
		for pi := range d.Projects {
			p := &d.Projects[pi]
			if p.Code == "" {
				return fmt.Errorf("%s：第 %d 个项目“%s”没有项目编码", where, pi+1, p.Name)
			}
			if j, ok := codes[p.Code]; ok {
				return fmt.Errorf("%s：项目编码“%s”重复（第 %d 个和第 %d 个项目）", where, p.Code, j+1, pi+1)
			}
			codes[p.Code] = pi
			if err := validateRecords(p); err != nil {
				return fmt.Errorf("%s，项目“%s”（%s）：%w", where, p.Name, p.Code, err)
			}
		}
	}
	return nil
}

// validateRecords checks a project's records against its own goal table.
func validateRecords(p *jixiao.Project) error {
	n := len(p.Indicators)
	for i, g := range p.Progress {
		if g.Indicator < 1 || g.Indicator > n {
			return fmt.Errorf("第 %d 条监控记录指向第 %d 个指标，项目只有 %d 个指标", i+1, g.Indicator, n)
		}
		if g.Cause != "" && !slices.Contains(jixiao.Causes, g.Cause) {
			return fmt.Errorf("第 %d 条监控记录的偏差原因“%s”不在可选范围内", i+1, g.Cause)
		}
		if g.Likelihood != "" && !slices.Contains(jixiao.Likelihoods, g.Likelihood) {
			return fmt.Errorf("第 %d 条监控记录的完成目标可能性“%s”不在可选范围内", i+1, g.Likelihood)
		}
	}
	if e := p.Evaluation; e != nil {
		seen := map[int]bool{}
		for i, a := range e.Actuals {
			if a.Indicator < 1 || a.Indicator > n {
				return fmt.Errorf("自评第 %d 个实际完成值指向第 %d 个指标，项目只有 %d 个指标", i+1, a.Indicator, n)
			}
			if seen[a.Indicator] {
				return fmt.Errorf("自评中第 %d 个指标的实际完成值出现两次", a.Indicator)
			}
			seen[a.Indicator] = true
			if a.Grade != "" && !slices.Contains(jixiao.Grades, a.Grade) {
				return fmt.Errorf("自评第 %d 个指标的等级“%s”不在可选范围内", a.Indicator, a.Grade)
			}
		}
	}
	return nil
}
