package review

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"jixiao"
	"jixiao/target"
)

// Finding is one defect (or, as info, one confirmation) the review found.
// Indicator is the indicator's 1-based position in its project, 0 for a
// finding about the project as a whole; Project is empty for a finding
// about the document (a paragraph with no table).
type Finding struct {
	Rule      string
	Severity  Severity
	Project   string
	Indicator int
	Message   string // what is wrong and where, quoting the value
	Fix       string // a concrete suggestion
	Basis     string
}

// ProjectResult is one project's grade with the counts it was computed from.
type ProjectResult struct {
	Code     string `json:"code"`
	Name     string `json:"name"`
	Grade    string `json:"grade"`
	Errors   int    `json:"errors"`
	Warnings int    `json:"warnings"`
	Infos    int    `json:"infos"`
}

// Summary counts a report's findings, for the document's overview.
type Summary struct {
	Projects   int            `json:"projects"`
	Indicators int            `json:"indicators"`
	Errors     int            `json:"errors"`
	Warnings   int            `json:"warnings"`
	Infos      int            `json:"infos"`
	ByRule     map[string]int `json:"by_rule"`
	Grades     map[string]int `json:"grades"`
}

// Report is the review of one document: findings in document order
// (project by project, indicator by indicator, then the cross-document
// ones), each project's grade, and a summary.
type Report struct {
	Unit     string          `json:"unit"`
	Year     int             `json:"year"`
	Preset   jixiao.Preset   `json:"preset"`
	Findings []Finding       `json:"findings"`
	Projects []ProjectResult `json:"projects"`
	Summary  Summary         `json:"summary"`
}

// Grades in order from best to worst.
var Grades = []string{"优", "良", "中", "差"}

// ctx is what a rule's check sees: the document, the project and the
// indicator under review, and where to put findings.
type ctx struct {
	cfg    *Config
	doc    *jixiao.Document
	preset jixiao.Preset
	tax    Taxonomy
	level1 map[string]int    // canonLevel of a 一级 → index in tax
	level2 []map[string]bool // per 一级: canonLevel of its 二级
	goals  []int             // goals[i]: index of project i's 分项 paragraph, -1 if none

	pnames []string // NormName of each project's name
	gnames []string // NormName of each 分项 paragraph's project name
	ws     *wordSets
	folded memo // jixiao.NormName of the document's cells
	normal memo // target.Normalize of the document's cells

	p   *jixiao.Project // nil for document rules
	pi  int
	nms []normed          // p's indicators' cells, folded once for all rules
	ind *jixiao.Indicator // nil for project rules
	n   int               // 1-based indicator position
	t   jixiao.Target     // ind's target
	nm  *normed           // &nms[n-1]

	rule *Rule
	out  []Finding
	pt   *patterns // built on first use
}

// add records a finding of the running rule at the current place.
func (c *ctx) add(sev Severity, msg, fix string) {
	code := ""
	if c.p != nil {
		code = c.p.Code
	}
	c.addAt(sev, code, c.n, msg, fix)
}

// addAt records a finding at an explicit project and indicator.
func (c *ctx) addAt(sev Severity, project string, indicator int, msg, fix string) {
	c.out = append(c.out, Finding{
		Rule: c.rule.ID, Severity: sev, Project: project, Indicator: indicator,
		Message: msg, Fix: fix, Basis: c.rule.Basis,
	})
}

// where names the current indicator in messages: 第3个指标“项目完成时间”.
func (c *ctx) where() string {
	return "第" + strconv.Itoa(c.n) + "个指标“" + c.ind.Level3 + "”"
}

// Review checks a document against every rule with the given settings.
// It never fails and never modifies doc.
func Review(doc *jixiao.Document, cfg Config) Report {
	rules := ruleList
	c := &ctx{cfg: &cfg, doc: doc}
	// Room for the findings a document usually has, so that they are not
	// copied over and over as the list grows.
	c.out = make([]Finding, 0, doc.IndicatorCount()/2+len(doc.Projects)+4)
	c.preset = presetOf(doc, &cfg)
	c.tax = cfg.Taxonomies[c.preset]
	c.level1 = map[string]int{}
	for i, l1 := range c.tax {
		c.level1[canonLevel(l1.Name)] = i
		m := map[string]bool{}
		for _, l2 := range l1.Level2 {
			m[canonLevel(l2)] = true
		}
		c.level2 = append(c.level2, m)
	}
	c.ws = wordSetsOf(&cfg)
	c.folded = memo{f: jixiao.NormName, m: map[string]string{}}
	c.normal = memo{f: target.Normalize, m: map[string]string{}}
	c.pnames = make([]string, len(doc.Projects))
	for i := range doc.Projects {
		c.pnames[i] = jixiao.NormName(doc.Projects[i].Name)
	}
	c.gnames = make([]string, len(doc.Overall.ProjectGoals))
	for j := range doc.Overall.ProjectGoals {
		c.gnames[j] = jixiao.NormName(doc.Overall.ProjectGoals[j].Project)
	}
	c.goals = matchGoals(doc, c.pnames, c.gnames)

	for pi := range doc.Projects {
		c.p, c.pi = &doc.Projects[pi], pi
		c.ind, c.n, c.nm = nil, 0, nil
		c.nms = c.folded.foldAll(c.nms[:0], c.p.Indicators)
		for i := range rules {
			if rules[i].scope == perProject {
				c.rule = &rules[i]
				rules[i].check(c)
			}
		}
		for n := range c.p.Indicators {
			c.ind, c.n = &c.p.Indicators[n], n+1
			c.t = targetOf(c.ind)
			c.nm = &c.nms[n]
			for i := range rules {
				if rules[i].scope == perIndicator {
					c.rule = &rules[i]
					rules[i].check(c)
				}
			}
		}
	}
	c.p, c.pi, c.ind, c.n, c.nm = nil, -1, nil, 0, nil
	for i := range rules {
		if rules[i].scope == perDocument {
			c.rule = &rules[i]
			rules[i].check(c)
		}
	}
	return report(doc, &cfg, c.preset, c.out)
}

// normed holds an indicator's cells as normName folds them, and what
// the rules look up in them, so that each is computed once per indicator
// rather than once per rule.
type normed struct {
	l1, l2, l3, desc, value string
	level1, level2          string // canonLevel of 一级 and 二级
	blankBasis              bool   // the basis is empty once folded
	spend                   string // spending's answer, once spent is set
	spent                   bool
	why                     string // unmeasurable's answer, once whyDone is set
	whyDone                 bool
}

// memo keeps what f gives for each string it was asked, for one
// document: a generated province, like a real one, repeats its 一级, 二级,
// 三级 names, values and bases from project to project, and a name with
// something to fold (服务对象满意度（%）) costs a new string each time.
type memo struct {
	f func(string) string
	m map[string]string
}

func (mo memo) of(s string) string {
	if v, ok := mo.m[s]; ok {
		return v
	}
	v := mo.f(s)
	mo.m[s] = v
	return v
}

// foldAll folds the indicators' cells into nms. A cell equal to the one
// above it (一级 and 二级 mostly are, and the basis often) or a
// description equal to the name reuses what that was folded to.
func (mo memo) foldAll(nms []normed, ins []jixiao.Indicator) []normed {
	for n := range ins {
		in := &ins[n]
		var nm normed
		if n > 0 && in.Level1 == ins[n-1].Level1 {
			nm.l1, nm.level1 = nms[len(nms)-1].l1, nms[len(nms)-1].level1
		} else {
			nm.l1 = jixiao.NormName(in.Level1)
			nm.level1 = strings.TrimSuffix(nm.l1, "指标")
		}
		if n > 0 && in.Level2 == ins[n-1].Level2 {
			nm.l2, nm.level2 = nms[len(nms)-1].l2, nms[len(nms)-1].level2
		} else {
			nm.l2 = jixiao.NormName(in.Level2)
			nm.level2 = strings.TrimSuffix(nm.l2, "指标")
		}
		nm.l3 = mo.of(in.Level3)
		if in.Description == in.Level3 {
			nm.desc = nm.l3
		} else {
			nm.desc = jixiao.NormName(in.Description)
		}
		nm.value = jixiao.NormName(in.Value)
		if n > 0 && in.Basis == ins[n-1].Basis {
			nm.blankBasis = nms[len(nms)-1].blankBasis
		} else {
			nm.blankBasis = blank(in.Basis)
		}
		nms = append(nms, nm)
	}
	return nms
}

// ruleList is Rules, made once for Review.
var ruleList = Rules()

// report grades the projects and sums up.
func report(doc *jixiao.Document, cfg *Config, preset jixiao.Preset, fs []Finding) Report {
	r := Report{Unit: doc.Unit.Name, Year: doc.Year, Preset: preset, Findings: fs}
	if r.Findings == nil {
		r.Findings = []Finding{}
	}
	s := Summary{Projects: len(doc.Projects), Indicators: doc.IndicatorCount(),
		ByRule: map[string]int{}, Grades: map[string]int{}}
	index := map[string]int{}
	r.Projects = make([]ProjectResult, len(doc.Projects))
	for i, p := range doc.Projects {
		r.Projects[i] = ProjectResult{Code: p.Code, Name: p.Name}
		if _, dup := index[p.Code]; !dup {
			index[p.Code] = i
		}
	}
	for _, f := range fs {
		s.ByRule[f.Rule]++
		var pr *ProjectResult
		if i, ok := index[f.Project]; ok && f.Project != "" {
			pr = &r.Projects[i]
		}
		switch f.Severity {
		case Error:
			s.Errors++
			if pr != nil {
				pr.Errors++
			}
		case Warning:
			s.Warnings++
			if pr != nil {
				pr.Warnings++
			}
		default:
			s.Infos++
			if pr != nil {
				pr.Infos++
			}
		}
	}
	for i := range r.Projects {
		r.Projects[i].Grade = cfg.Grade.Of(r.Projects[i].Errors, r.Projects[i].Warnings)
		s.Grades[r.Projects[i].Grade]++
	}
	r.Summary = s
	return r
}

// Of grades a project from its error and warning counts (package doc).
func (g Grading) Of(errors, warnings int) string {
	switch {
	case errors == 0 && warnings <= g.ExcellentMaxWarnings:
		return "优"
	case errors == 0:
		return "良"
	case errors <= g.FairMaxErrors:
		return "中"
	}
	return "差"
}

// presetOf picks the document's taxonomy: its own Preset, else 101号 when
// 成本指标 appears as a 一级, else the configured default.
func presetOf(doc *jixiao.Document, cfg *Config) jixiao.Preset {
	if _, ok := cfg.Taxonomies[doc.Preset]; ok {
		return doc.Preset
	}
	for _, p := range doc.Projects {
		for _, in := range p.Indicators {
			if sameLevel(in.Level1, nameCost) {
				if _, ok := cfg.Taxonomies[jixiao.Preset101]; ok {
					return jixiao.Preset101
				}
			}
		}
	}
	return cfg.DefaultPreset
}

// targetOf is the indicator's target: as given, or read from its value
// when the importer left it unset.
func targetOf(in *jixiao.Indicator) jixiao.Target {
	if in.Target.Kind != "" {
		return in.Target
	}
	return target.Parse(in.Value)
}

// canonLevel folds an indicator level name so that "社会效益" and
// "社会效益指标" (and width or space variants) compare equal.
func canonLevel(s string) string {
	return strings.TrimSuffix(jixiao.NormName(s), "指标")
}

// sameLevel reports whether a level name is the given official name.
func sameLevel(s, official string) bool { return canonLevel(s) == canonLevel(official) }

// containsAny returns the first word of words found in s, or "".
func containsAny(s string, words []string) string {
	for _, w := range words {
		if w != "" && strings.Contains(s, w) {
			return w
		}
	}
	return ""
}

// quote shortens s for a message to at most max characters, keeping its
// start and end.
func quote(s string, max int) string {
	s = strings.TrimSpace(s)
	if max <= 0 || utf8.RuneCountInString(s) <= max {
		return s
	}
	r := []rune(s)
	head := max * 2 / 3
	tail := max - head - 1
	return string(r[:head]) + "…" + string(r[len(r)-tail:])
}

// blank reports whether a cell is empty once spaces (also U+3000) go.
func blank(s string) bool { return jixiao.NormName(s) == "" }
