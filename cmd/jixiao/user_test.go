package main

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"jixiao/auth"
	"jixiao/example"
	"jixiao/internal/testdb"
	"jixiao/store"
)

// jxIn runs the CLI in-process with the given standard input.
func jxIn(t *testing.T, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(args, strings.NewReader(stdin), &out, &errb)
	return code, out.String(), errb.String()
}

func openStore(t *testing.T, e testdb.Engine) *store.Store {
	t.Helper()
	st, err := store.Open(context.Background(), store.Config{SQLite: e.SQLite, Postgres: e.Postgres})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

func TestUserCommands(t *testing.T) {
	testdb.Each(t, func(t *testing.T, e testdb.Engine) {
		ctx := context.Background()
		db := dbArgs(e)
		args := func(a ...string) []string { return append(a, db...) }
		if code, out, errs := jxIn(t, "Zhang-secret-1\n", args("user", "add", "zhang", "--role", "editor",
			"--unit", "414001", "--name", "张三")...); code != 0 || !strings.Contains(out, "已创建用户 zhang（部门填报人员）") {
			t.Fatalf("add: %d %q %q", code, out, errs)
		}
		st := openStore(t, e)
		u, err := st.Login(ctx, "zhang", "Zhang-secret-1", auth.DefaultSettings)
		if err != nil || u.Display != "张三" || u.Units[0] != "414001" || !u.MustChange {
			t.Fatalf("login as the added user: %+v %v", u, err)
		}
		for _, c := range []struct {
			stdin string
			args  []string
			msg   string
		}{
			{"Zhang-secret-1\n", args("user", "add", "zhang", "--role", "viewer", "--unit", "1"), "已被使用"},
			{"short1A\n", args("user", "add", "li", "--role", "viewer", "--unit", "1"), "密码太短"},
			{"", args("user", "add", "li", "--role", "viewer", "--unit", "1"), "没有读到密码"},
			{"Li-secret-12\n", args("user", "add", "li", "--role", "editor"), "--unit"},
			{"Li-secret-12\n", args("user", "add", "li", "--role", "boss"), "角色"},
			{"", args("user", "add", "--role", "admin"), "缺少用户名"},
			{"", args("user", "disable", "nobody"), "未找到"},
			{"", args("user", "frobnicate"), "未知子命令"},
		} {
			if code, _, errs := jxIn(t, c.stdin, c.args...); code != exitFail || !strings.Contains(errs, c.msg) {
				t.Errorf("%v: exit %d, %q (want %q)", c.args[:3], code, errs, c.msg)
			}
		}
		// --generate prints a one-time password that works, flags before the name too.
		code, out, errs := jxIn(t, "", args("user", "add", "--role", "reviewer", "--unit", "1302", "--generate", "wang")...)
		m := regexp.MustCompile(`：(\S+)\n`).FindStringSubmatch(out)
		if code != 0 || m == nil {
			t.Fatalf("add --generate: %d %q %q", code, out, errs)
		}
		if u, err := st.Login(ctx, "wang", m[1], auth.DefaultSettings); err != nil || u.Role != auth.Reviewer {
			t.Fatalf("generated password: %v", err)
		}
		if code, _, errs := jxIn(t, "Neues-Passwort-2\n", args("user", "passwd", "zhang")...); code != 0 {
			t.Fatalf("passwd: %q", errs)
		}
		if _, err := st.Login(ctx, "zhang", "Neues-Passwort-2", auth.DefaultSettings); err != nil {
			t.Fatalf("new password: %v", err)
		}
		if code, _, errs := jxIn(t, "", args("user", "disable", "zhang")...); code != 0 {
			t.Fatalf("disable: %q", errs)
		}
		code, out, _ = jxIn(t, "", args("user", "list")...)
		if code != 0 || !regexp.MustCompile(`zhang\s+张三\s+editor\s+414001\s+已停用`).MatchString(out) ||
			!regexp.MustCompile(`wang\s+reviewer\s+1302\s+须改密码`).MatchString(out) {
			t.Fatalf("list: %d\n%s", code, out)
		}
		entries, err := st.AuditLog(ctx, store.AuditFilter{Object: "user:zhang"})
		if err != nil || len(entries) != 3 {
			t.Fatalf("audit of zhang: %+v %v", entries, err)
		}
		for _, en := range entries {
			if en.Actor != localOperator {
				t.Errorf("%s by %q", en.Action, en.Actor)
			}
		}
		if code, out, _ := jxIn(t, "", "user", "--help"); code != 0 || !strings.Contains(out, "jixiao user add USERNAME") {
			t.Fatalf("user --help: %d %q", code, out)
		}
	})
}

func TestAuditCommands(t *testing.T) {
	src := writeFile(t, example.Name, example.Laoting)
	testdb.Each(t, func(t *testing.T, e testdb.Engine) {
		db := dbArgs(e)
		if code, _, errs := jx(t, append([]string{"import"}, append(db, src)...)...); code != 0 {
			t.Fatalf("import: %s", errs)
		}
		if code, _, errs := jxIn(t, "", append([]string{"user", "add", "admin2", "--role", "admin", "--generate"}, db...)...); code != 0 {
			t.Fatalf("user add: %s", errs)
		}
		code, out, errs := jx(t, append([]string{"audit", "verify"}, db...)...)
		if code != 0 || !strings.Contains(out, "审计日志完好：共 14 条") {
			t.Fatalf("verify: %d %q %q", code, out, errs)
		}
		file := filepath.Join(t.TempDir(), "audit.jsonl")
		if code, _, errs := jx(t, append([]string{"audit", "export", "--unit", "414001", "--year", "2024", "-o", file}, db...)...); code != 0 {
			t.Fatalf("export: %s", errs)
		}
		data, _ := os.ReadFile(file)
		lines := strings.Split(strings.TrimSpace(string(data)), "\n")
		if len(lines) != 13 { // the document, its part one and its 11 projects
			t.Fatalf("%d lines exported", len(lines))
		}
		var first store.AuditEntry
		if err := json.Unmarshal([]byte(lines[2]), &first); err != nil || first.Action != store.AuditGoalsAdd ||
			first.Project == "" || !strings.Contains(first.After, "indicators") && !strings.Contains(first.After, "Indicators") {
			t.Fatalf("exported entry: %+v %v", first, err)
		}

		// Someone with database access edits entry 5 directly.
		raw := rawDB(t, e)
		if e.Name == "postgres" {
			mustExec(t, raw, `DROP TRIGGER audit_log_no_change ON audit_log`)
		} else {
			mustExec(t, raw, `DROP TRIGGER audit_log_no_update`)
		}
		mustExec(t, raw, `UPDATE audit_log SET actor = '别人' WHERE seq = 5`)
		code, out, errs = jx(t, append([]string{"audit", "verify"}, db...)...)
		if code != exitFinding || !strings.Contains(out, "第 5 条起不可信") || !strings.Contains(errs, "第 5 条") {
			t.Fatalf("verify after tampering: %d %q %q", code, out, errs)
		}
		if code, _, _ := jx(t, "audit", "verify", "--db", filepath.Join(t.TempDir(), "no", "such", "dir.db")); code != exitFail {
			t.Fatalf("verify without database: %d", code)
		}
	})
}

func rawDB(t *testing.T, e testdb.Engine) *sql.DB {
	t.Helper()
	driver, dsn := "sqlite", e.SQLite
	if e.Name == "postgres" {
		driver, dsn = "pgx", e.Postgres
	}
	db, err := sql.Open(driver, dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func mustExec(t *testing.T, db *sql.DB, q string) {
	t.Helper()
	if _, err := db.Exec(q); err != nil {
		t.Fatalf("%s: %v", q, err)
	}
}
