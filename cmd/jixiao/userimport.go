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
	users, err := recordfile.ReadAccounts(path, data)
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
