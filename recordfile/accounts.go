package recordfile

import (
	"fmt"
	"strings"

	"jixiao"
	"jixiao/auth"
)

// An account table sets up many accounts at once (a county's
// departments): one row per account under a header naming 用户名, 姓名,
// 角色 and 单位范围. The command line and the user administration page
// both read it here.

// roleNames reads a role as the code or its Chinese label.
var roleNames = func() map[string]auth.Role {
	m := map[string]auth.Role{}
	for _, r := range auth.Roles {
		m[string(r)] = r
		m[r.Label()] = r
	}
	return m
}()

// ReadAccounts reads an account table: 用户名, 姓名, 角色 (code or
// label) and 单位范围 (codes, comma separated; a reviewer's region
// prefixes). A row that cannot be an account is refused naming the file,
// sheet and row.
func ReadAccounts(path string, data []byte) ([]auth.User, error) {
	tables, err := Tables(path, data)
	if err != nil {
		return nil, err
	}
	var out []auth.User
	for _, t := range tables {
		head, col := -1, map[string]int{}
		for i, row := range t.Rows {
			for j, c := range row {
				col[strings.TrimSpace(c)] = j
			}
			if _, ok := col["用户名"]; ok {
				head = i
				break
			}
			col = map[string]int{}
		}
		if head < 0 {
			continue
		}
		fail := func(line int, format string, a ...any) error {
			return &jixiao.ImportError{File: t.File, Table: t.Sheet, Line: line, Msg: fmt.Sprintf(format, a...)}
		}
		if _, ok := col["角色"]; !ok {
			return nil, fail(head+1, "缺少“角色”列")
		}
		cell := func(row []string, h string) string {
			j, ok := col[h]
			if !ok || j >= len(row) {
				return ""
			}
			return strings.TrimSpace(row[j])
		}
		for i := head + 1; i < len(t.Rows); i++ {
			row := t.Rows[i]
			name := cell(row, "用户名")
			if name == "" {
				if strings.TrimSpace(strings.Join(row, "")) != "" {
					return nil, fail(i+1, "用户名为空")
				}
				continue
			}
			role, ok := roleNames[cell(row, "角色")]
			if !ok {
				return nil, fail(i+1, "角色“%s”不对：可为 admin、reviewer、editor、viewer 或其中文名", cell(row, "角色"))
			}
			scope := cell(row, "单位范围")
			if scope == "" {
				scope = cell(row, "单位编码")
			}
			u := auth.User{Name: name, Display: cell(row, "姓名"), Role: role, Units: splitList(scope), MustChange: true}
			if (role == auth.Editor || role == auth.Viewer) && len(u.Units) == 0 {
				return nil, fail(i+1, "%s须写明单位范围（所属单位编码）", role.Label())
			}
			out = append(out, u)
		}
	}
	if len(out) == 0 {
		return nil, &jixiao.ImportError{File: path, Msg: "没有找到账户：表头应含“用户名”“姓名”“角色”“单位范围”"}
	}
	seen := map[string]bool{}
	for _, u := range out {
		if seen[u.Name] {
			return nil, &jixiao.ImportError{File: path, Msg: fmt.Sprintf("用户名 %s 出现了两次", u.Name)}
		}
		seen[u.Name] = true
	}
	return out, nil
}

// splitList splits a list of codes on commas, ASCII or full-width.
func splitList(s string) []string {
	var out []string
	for _, c := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == '，' }) {
		if c = strings.TrimSpace(c); c != "" {
			out = append(out, c)
		}
	}
	return out
}
