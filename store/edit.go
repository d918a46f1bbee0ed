package store

import (
	"context"
	"fmt"
	"slices"

	"jixiao"
)

// SaveProject replaces one project's goal table (name, money, purpose,
// goal, plan and indicators as given in p; its records stay as stored) in
// the unit's document of the year, only if the document's version is
// still expectVersion — the version the editor's page showed — else it
// returns an error wrapping jixiao.ErrConflict and changes nothing: two
// editors saving from stale pages do not overwrite each other. The save
// goes through the same writer as SaveDocuments, so the locked-goals
// guard (ErrGoalsLocked without an adjustment) and the audit trail apply
// alike. It returns the Change and sets p.Version to the stored one.
func (s *Store) SaveProject(ctx context.Context, k jixiao.Key, p *jixiao.Project, expectVersion int64, by string) (jixiao.Change, error) {
	i := -1
	what := fmt.Sprintf("保存项目“%s”（%s）", p.Name, p.Code)
	return s.editDocument(ctx, k, expectVersion, by, what, func(d *jixiao.Document) error {
		for j := range d.Projects {
			if d.Projects[j].Code == p.Code {
				i = j
			}
		}
		if i < 0 {
			return fmt.Errorf("%s 没有项目“%s”：%w", k, p.Code, jixiao.ErrNotFound)
		}
		np := *p
		np.Spending, np.Progress, np.Evaluation = nil, nil, nil // records are kept as stored
		d.Projects[i] = np
		return nil
	}, func(d *jixiao.Document) { p.Version = d.Projects[i].Version })
}

// AddProject appends project p (its goal table; records are not taken)
// to the unit's document of the year, with SaveProject's rules. A code
// the document has already is refused with ErrInvalid.
func (s *Store) AddProject(ctx context.Context, k jixiao.Key, p *jixiao.Project, expectVersion int64, by string) (jixiao.Change, error) {
	what := fmt.Sprintf("新增项目“%s”（%s）", p.Name, p.Code)
	return s.editDocument(ctx, k, expectVersion, by, what, func(d *jixiao.Document) error {
		if _, ok := d.Project(p.Code); ok {
			return invalid{fmt.Errorf("项目编码“%s”已有项目，不能重复", p.Code)}
		}
		np := *p
		np.Spending, np.Progress, np.Evaluation, np.Version = nil, nil, nil, 0
		d.Projects = append(d.Projects, np)
		return nil
	}, nil)
}

// RemoveProject removes project code from the unit's document of the
// year, with SaveProject's rules. A project with payments, progress
// reports or a self-evaluation on record is refused with ErrInvalid:
// removing it would remove them, which an import may do on purpose but a
// page should not do by a click.
func (s *Store) RemoveProject(ctx context.Context, k jixiao.Key, code string, expectVersion int64, by string) (jixiao.Change, error) {
	edit := editOptions{what: fmt.Sprintf("删除项目“%s”", code), records: true}
	return s.editDocumentWith(ctx, k, expectVersion, by, edit, func(d *jixiao.Document) error {
		i := slices.IndexFunc(d.Projects, func(p jixiao.Project) bool { return p.Code == code })
		if i < 0 {
			return fmt.Errorf("%s 没有项目“%s”：%w", k, code, jixiao.ErrNotFound)
		}
		if p := &d.Projects[i]; len(p.Spending) > 0 || len(p.Progress) > 0 || p.Evaluation != nil {
			return invalid{fmt.Errorf("项目“%s”（%s）已有支出、进度或自评记录，不能删除", p.Name, code)}
		}
		d.Projects = slices.Delete(d.Projects, i, i+1)
		for j := range d.Projects { // read to check; the others keep theirs as stored
			d.Projects[j].Spending, d.Projects[j].Progress, d.Projects[j].Evaluation = nil, nil, nil
		}
		return nil
	}, nil)
}

// SaveOverall replaces part one of the unit's document of the year (the
// overall goals, the 分项 paragraphs and the work measures), with the
// rules SaveProject has: the version the page showed, the locked-goals
// guard, the audit trail.
func (s *Store) SaveOverall(ctx context.Context, k jixiao.Key, o jixiao.Overall, expectVersion int64, by string) (jixiao.Change, error) {
	return s.editDocument(ctx, k, expectVersion, by, "保存部门整体绩效目标", func(d *jixiao.Document) error {
		d.Overall = o
		return nil
	}, nil)
}

// editOptions say how editDocumentWith reads and names an edit: what
// names the save in the message of a failure; records reads the
// document's records for change to look at (change must drop them again:
// a document carrying records would replace the stored ones).
type editOptions struct {
	what    string
	records bool
}

// editDocument is editDocumentWith without the records.
func (s *Store) editDocument(ctx context.Context, k jixiao.Key, expectVersion int64, by, what string,
	change func(*jixiao.Document) error, saved func(*jixiao.Document)) (jixiao.Change, error) {
	return s.editDocumentWith(ctx, k, expectVersion, by, editOptions{what: what}, change, saved)
}

// editDocumentWith changes the stored document of k with change and
// saves it through the writer, only if its version is still
// expectVersion (else jixiao.ErrConflict, nothing changed); saved sees
// the stored document after the commit.
func (s *Store) editDocumentWith(ctx context.Context, k jixiao.Key, expectVersion int64, by string, opt editOptions,
	change func(*jixiao.Document) error, saved func(*jixiao.Document)) (jixiao.Change, error) {
	tx, err := s.write.BeginTx(ctx, nil)
	if err != nil {
		return jixiao.Change{}, fmt.Errorf("开始保存失败：%w", err)
	}
	defer tx.Rollback()
	if err := s.lockUnit(ctx, tx, k); err != nil {
		return jixiao.Change{}, err
	}
	d, _, err := load(ctx, tx, k, opt.records)
	if err != nil {
		return jixiao.Change{}, err
	}
	if d == nil {
		return jixiao.Change{}, fmt.Errorf("单位 %s %d 年度的绩效目标：%w", k.Unit, k.Year, jixiao.ErrNotFound)
	}
	if d.Version != expectVersion {
		return jixiao.Change{}, fmt.Errorf("单位 %s %d 年度的绩效目标已被他人修改（打开页面时为第 %d 版，现在是第 %d 版）：%w",
			k.Unit, k.Year, expectVersion, d.Version, jixiao.ErrConflict)
	}
	if err := change(d); err != nil {
		return jixiao.Change{}, err
	}
	if err := validate([]*jixiao.Document{d}); err != nil {
		return jixiao.Change{}, err
	}
	w := &writer{d: s.d, ctx: ctx, tx: tx, by: by, at: now()}
	if err := w.prepare(); err != nil {
		return jixiao.Change{}, err
	}
	defer w.close()
	if err := w.units([]*jixiao.Document{d}); err != nil {
		return jixiao.Change{}, err
	}
	c, err := w.document(d)
	if err != nil {
		return c, fmt.Errorf("%s失败：%w", opt.what, err)
	}
	if err := tx.Commit(); err != nil {
		return c, fmt.Errorf("提交保存失败：%w", err)
	}
	for _, f := range w.after {
		f()
	}
	if saved != nil {
		saved(d)
	}
	return c, nil
}
