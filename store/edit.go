package store

import (
	"context"
	"fmt"

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

// editDocument changes the stored document of k with change and saves it
// through the writer, only if its version is still expectVersion (else
// jixiao.ErrConflict, nothing changed); saved sees the stored document
// after the commit. what names the save in the message of a failure.
func (s *Store) editDocument(ctx context.Context, k jixiao.Key, expectVersion int64, by, what string,
	change func(*jixiao.Document) error, saved func(*jixiao.Document)) (jixiao.Change, error) {
	tx, err := s.write.BeginTx(ctx, nil)
	if err != nil {
		return jixiao.Change{}, fmt.Errorf("开始保存失败：%w", err)
	}
	defer tx.Rollback()
	if err := s.lockUnit(ctx, tx, k); err != nil {
		return jixiao.Change{}, err
	}
	d, _, err := load(ctx, tx, k, false)
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
		return c, fmt.Errorf("%s失败：%w", what, err)
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
