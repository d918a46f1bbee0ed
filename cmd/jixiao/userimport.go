package main

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"os"
	"strings"

	"jixiao"
	"jixiao/auth"
	"jixiao/recordfile"
)

// cmdUserImport makes the accounts listed in a CSV or XLSX file — a
// county sets up its departments' accounts at once — all or none, each
// with a generated first password the user must change, written to a new
// file readable by its owner only (or to standard output).
func cmdUserImport(e *env, args []string) int {
	f := newFlags(e, "user import", "user import FILE [-o PASSWORDS.csv]")
	out := f.String("o", "", "初始密码写入的新文件（CSV，仅本人可读）；不给则打印")
	path, code, ok := parseOne(e, f, args, "请给出一个账户表文件（CSV 或 XLSX）")
	if !ok {
		return code
	}
	if st, err := os.Stat(path); err == nil && st.Size() > recordfile.MaxSize {
		return fail(e, &jixiao.ImportError{File: path, Msg: fmt.Sprintf("文件超过上限 %d MB", recordfile.MaxSize>>20)})
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return fail(e, &jixiao.ImportError{File: path, Msg: fmt.Sprintf("无法读取：%v", err)})
	}
	users, err := readAccounts(path, data)
	if err != nil {
		return fail(e, err)
	}
	passwords := make([]string, len(users))
	for i := range users {
		passwords[i] = auth.GeneratePassword()
		if users[i].PasswordHash, err = auth.HashPassword(passwords[i]); err != nil {
			return fail(e, err)
		}
	}
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	w.Write([]string{"用户名", "姓名", "角色", "单位范围", "初始密码"})
	for i, u := range users {
		w.Write([]string{u.Name, u.Display, u.Role.Label(), strings.Join(u.Units, ","), passwords[i]})
	}
	w.Flush()
	// The passwords' file is made before the accounts, so that accounts
	// are never stored without their passwords written somewhere.
	var file *os.File
	if *out != "" {
		if file, err = os.OpenFile(*out, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600); err != nil {
			return fail(e, fmt.Errorf("无法新建密码文件“%s”（已存在的文件不会被覆盖）：%w", *out, err))
		}
	}
	st, err := f.open(e)
	if err != nil {
		return failAndRemove(e, file, err)
	}
	defer st.Close()
	if _, err := st.CreateUsers(e.ctx, users, localOperator); err != nil {
		return failAndRemove(e, file, err)
	}
	if file == nil {
		e.stdout.Write(buf.Bytes())
	} else {
		_, err := file.Write(buf.Bytes())
		if cerr := file.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return fail(e, fmt.Errorf("账户已创建，但初始密码写入“%s”失败：%w；请用 jixiao user passwd 为他们重设", *out, err))
		}
	}
	fmt.Fprintf(e.stderr, "已创建 %d 个账户；初始密码只显示这一次，首次登录后须修改\n", len(users))
	return exitOK
}

// failAndRemove reports err after removing the passwords' file made for
// accounts that were not stored.
func failAndRemove(e *env, file *os.File, err error) int {
	if file != nil {
		file.Close()
		os.Remove(file.Name())
	}
	return fail(e, err)
}

// roleNames reads a role as the code or its Chinese label.
var roleNames = func() map[string]auth.Role {
	m := map[string]auth.Role{}
	for _, r := range auth.Roles {
		m[string(r)] = r
		m[r.Label()] = r
	}
	return m
}()

// readAccounts reads the account table: 用户名, 姓名, 角色 (code or
// label) and 单位范围 (codes, comma separated; a reviewer's region
// prefixes). A row that cannot be an account is refused naming the file,
// sheet and row.
func readAccounts(path string, data []byte) ([]auth.User, error) {
	tables, err := recordfile.Tables(path, data)
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
			u := auth.User{Name: name, Display: cell(row, "姓名"), Role: role, Units: splitUnits(strings.ReplaceAll(scope, "，", ",")), MustChange: true}
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
