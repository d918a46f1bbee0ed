package main

import (
	"encoding/csv"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"jixiao/auth"
	"jixiao/internal/testdb"
)

// user import makes every account of the table or none: the passwords'
// file (owner-only) holds a working first password for each, to be
// changed at the first login; a bad row or a name in use stores nothing
// and leaves no passwords' file.
func TestUserImport(t *testing.T) {
	testdb.Each(t, func(t *testing.T, e testdb.Engine) {
		db := dbArgs(e)
		dir := t.TempDir()
		table := writeFile(t, "账户.csv", []byte("用户名,姓名,角色,单位范围\nzhang,张三,部门填报人员,414001\nwang,王五,reviewer,\"1302,1303\"\n\nli,李四,viewer,414001\n"))
		pw := filepath.Join(dir, "密码.csv")
		code, _, errs := jx(t, append([]string{"user", "import", table, "-o", pw}, db...)...)
		if code != 0 || !strings.Contains(errs, "已创建 3 个账户") {
			t.Fatalf("import: %d %q", code, errs)
		}
		info, err := os.Stat(pw)
		if err != nil || info.Mode().Perm() != 0o600 {
			t.Fatalf("passwords' file: %v %v", info, err)
		}
		f, _ := os.Open(pw)
		rows, err := csv.NewReader(f).ReadAll()
		f.Close()
		if err != nil || len(rows) != 4 || rows[0][4] != "初始密码" {
			t.Fatalf("passwords' file rows %q, %v", rows, err)
		}
		st := openStore(t, e)
		defer st.Close()
		for _, r := range rows[1:] {
			u, err := st.UserByName(t.Context(), r[0])
			if err != nil {
				t.Fatalf("%s: %v", r[0], err)
			}
			if ok, _ := auth.CheckPassword(u.PasswordHash, r[4]); !ok || !u.MustChange {
				t.Errorf("%s: the listed password does not work, or need not be changed", r[0])
			}
		}
		if u, _ := st.UserByName(t.Context(), "wang"); u.Role != auth.Reviewer || strings.Join(u.Units, ",") != "1302,1303" {
			t.Errorf("wang: %+v", u)
		}

		for _, c := range []struct{ body, want string }{
			{"用户名,姓名,角色,单位范围\nzhao,赵六,部门填报人员,\n", "须写明单位范围"},
			{"用户名,姓名,角色,单位范围\nzhao,赵六,局长,414001\n", "角色“局长”不对"},
			{"用户名,姓名,角色,单位范围\nzhao,赵六,editor,414001\nzhang,张三,editor,414001\n", "zhang 已被使用"},
		} {
			bad := writeFile(t, "bad.csv", []byte(c.body))
			out := filepath.Join(t.TempDir(), "pw.csv")
			if code, _, errs := jx(t, append([]string{"user", "import", bad, "-o", out}, db...)...); code == 0 || !strings.Contains(errs, c.want) {
				t.Errorf("%q: %d %q, want %q", c.body, code, errs, c.want)
			}
			if _, err := os.Stat(out); !os.IsNotExist(err) {
				t.Errorf("%q: a passwords' file was left", c.body)
			}
			if _, err := st.UserByName(t.Context(), "zhao"); err == nil {
				t.Errorf("%q: zhao was stored", c.body)
			}
		}
	})
}
