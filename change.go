package jixiao

// Change says what an import did to a stored document, project by project.
type Change struct {
	Key      Key
	New      bool     // no document existed for this unit and year
	Added    []string // project codes, in the new document's order
	Removed  []string
	Changed  []string
	Same     int
	Projects int
}

// Diff compares the stored document (nil if none) with its replacement.
// Projects are matched by code; a project is changed when anything in its
// goal table differs (records are not part of the comparison).
func Diff(old, new *Document) Change {
	c := Change{Key: new.Key(), New: old == nil, Projects: len(new.Projects)}
	if old == nil {
		for _, p := range new.Projects {
			c.Added = append(c.Added, p.Code)
		}
		return c
	}
	before := map[string]*Project{}
	for i := range old.Projects {
		before[old.Projects[i].Code] = &old.Projects[i]
	}
	seen := map[string]bool{}
	for i := range new.Projects {
		p := &new.Projects[i]
		seen[p.Code] = true
		o, ok := before[p.Code]
		switch {
		case !ok:
			c.Added = append(c.Added, p.Code)
		case !SameGoals(o, p):
			c.Changed = append(c.Changed, p.Code)
		default:
			c.Same++
		}
	}
	for _, p := range old.Projects {
		if !seen[p.Code] {
			c.Removed = append(c.Removed, p.Code)
		}
	}
	return c
}

// SameGoals reports whether two projects have the same goal table.
func SameGoals(a, b *Project) bool {
	if a.Code != b.Code || a.Name != b.Name || a.Budget != b.Budget || a.Fiscal != b.Fiscal ||
		a.Other != b.Other || a.Purpose != b.Purpose || a.Goal != b.Goal ||
		len(a.Plan) != len(b.Plan) || len(a.Indicators) != len(b.Indicators) {
		return false
	}
	for i := range a.Plan {
		if a.Plan[i] != b.Plan[i] {
			return false
		}
	}
	for i := range a.Indicators {
		if a.Indicators[i] != b.Indicators[i] {
			return false
		}
	}
	return true
}

// Unchanged reports whether the import changed nothing.
func (c Change) Unchanged() bool {
	return !c.New && len(c.Added) == 0 && len(c.Removed) == 0 && len(c.Changed) == 0
}
