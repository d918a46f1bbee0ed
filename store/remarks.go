package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"jixiao/review"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"jixiao"
)

// AuditRemark is the audit action of a reviewer's remark saved: before
// and after are the remark's text.
const AuditRemark = "review.remark"

// MaxRemark is the longest remark accepted, in characters.
const MaxRemark = 2000

// Remark is a reviewer's own remark in a document's review opinion, on
// one project (Project is its code) or on the document as a whole
// (Project ""). Version is 0 for a remark never saved.
type Remark struct {
	Project string
	Text    string
	// Grade is the reviewer's own grade of the project (优, 良, 中 or
	// 差), "" to keep the review's; the document's remark has none.
	Grade   string
	Version int64
	By      string
	At      time.Time
}

// Remarks returns the document's remarks by project code ("" for the
// document as a whole); a document without any gives an empty map.
func (s *Store) Remarks(ctx context.Context, k jixiao.Key) (map[string]Remark, error) {
	rows, err := s.read.QueryContext(ctx, `SELECT r.project_code, r.body, r.grade, r.version, r.updated_by, r.updated_at
FROM review_remarks r JOIN documents d ON d.id = r.document_id
WHERE d.unit_code = $1 AND d.year = $2`, k.Unit, k.Year)
	if err != nil {
		return nil, fmt.Errorf("读取审核人意见失败：%w", err)
	}
	defer rows.Close()
	out := map[string]Remark{}
	for rows.Next() {
		var m Remark
		var at string
		if err := rows.Scan(&m.Project, &m.Text, &m.Grade, &m.Version, &m.By, &at); err != nil {
			return nil, fmt.Errorf("读取审核人意见失败：%w", err)
		}
		if m.At, err = parseInstant(at); err != nil {
			return nil, err
		}
		out[m.Project] = m
	}
	return out, rows.Err()
}

// SaveRemark sets the remark on project m.Project of document k ("" for
// the document as a whole) to m.Text and m.Grade, by reviewer by, and
// returns it as stored.
// expectVersion is the remark's version the reviewer's page showed (0 for
// none): if someone saved since, nothing changes and the error wraps
// jixiao.ErrConflict. An empty text and grade clear the remark (the
// history stays in the audit trail). A project the document does not
// have, a text over MaxRemark characters, or a grade that is not one of
// review.Grades (or given to the document) is refused with ErrInvalid. The save raises
// the document's revision, so its pages show the remark at once.
func (s *Store) SaveRemark(ctx context.Context, k jixiao.Key, m Remark, expectVersion int64, by string) (Remark, error) {
	code, text := m.Project, m.Text
	if n := utf8.RuneCountInString(text); n > MaxRemark {
		return Remark{}, invalid{fmt.Errorf("审核人意见有 %d 字，超过上限 %d 字", n, MaxRemark)}
	}
	if m.Grade != "" && (code == "" || !slices.Contains(review.Grades, m.Grade)) {
		return Remark{}, invalid{fmt.Errorf("审核人评级“%s”不对：项目的评级应为%s之一", m.Grade, strings.Join(review.Grades, "、"))}
	}
	tx, err := s.write.BeginTx(ctx, nil)
	if err != nil {
		return Remark{}, fmt.Errorf("开始保存审核人意见失败：%w", err)
	}
	defer tx.Rollback()
	if err := s.lockUnit(ctx, tx, k); err != nil {
		return Remark{}, err
	}
	var doc int64
	if err := tx.QueryRowContext(ctx, `SELECT id FROM documents WHERE unit_code = $1 AND year = $2`, k.Unit, k.Year).Scan(&doc); err != nil {
		return Remark{}, fmt.Errorf("保存审核人意见失败：%w", err)
	}
	if code != "" {
		var one int
		err := tx.QueryRowContext(ctx, `SELECT 1 FROM projects WHERE document_id = $1 AND code = $2`, doc, code).Scan(&one)
		if errors.Is(err, sql.ErrNoRows) {
			return Remark{}, invalid{fmt.Errorf("单位 %s %d 年度的绩效目标中没有项目“%s”", k.Unit, k.Year, code)}
		}
		if err != nil {
			return Remark{}, fmt.Errorf("保存审核人意见失败：%w", err)
		}
	}
	old := Remark{Project: code}
	err = tx.QueryRowContext(ctx, `SELECT body, grade, version FROM review_remarks WHERE document_id = $1 AND project_code = $2`,
		doc, code).Scan(&old.Text, &old.Grade, &old.Version)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return Remark{}, fmt.Errorf("保存审核人意见失败：%w", err)
	}
	if old.Version != expectVersion {
		return Remark{}, fmt.Errorf("审核人意见已被他人修改（打开页面时为第 %d 版，现在是第 %d 版），请刷新后重试：%w",
			expectVersion, old.Version, jixiao.ErrConflict)
	}
	m = Remark{Project: code, Text: text, Grade: m.Grade, Version: old.Version + 1, By: by, At: now()}
	if _, err := tx.ExecContext(ctx, `INSERT INTO review_remarks (document_id, project_code, body, grade, version, updated_by, updated_at)
VALUES ($1, $2, $3, $4, $5, $6, $7)
ON CONFLICT (document_id, project_code) DO UPDATE SET body = excluded.body, grade = excluded.grade, version = excluded.version,
updated_by = excluded.updated_by, updated_at = excluded.updated_at`,
		doc, code, m.Text, m.Grade, m.Version, m.By, formatInstant(m.At)); err != nil {
		return Remark{}, fmt.Errorf("保存审核人意见失败：%w", err)
	}
	if err := bumpRevision(ctx, tx, k); err != nil {
		return Remark{}, err
	}
	if err := appendAudit(ctx, tx, AuditEntry{Actor: by, Action: AuditRemark, Unit: k.Unit, Year: k.Year, Project: code,
		Object: fmt.Sprintf("remark:%d", m.Version), Before: remarkJSON(old), After: remarkJSON(m)}); err != nil {
		return Remark{}, err
	}
	if err := tx.Commit(); err != nil {
		return Remark{}, fmt.Errorf("提交审核人意见失败：%w", err)
	}
	return m, nil
}

// remarkJSON is a remark's text and grade as its audit image, "" for
// none.
func remarkJSON(m Remark) string {
	if m.Text == "" && m.Grade == "" {
		return ""
	}
	image := map[string]string{"text": m.Text}
	if m.Grade != "" {
		image["grade"] = m.Grade
	}
	return toJSON(image)
}
