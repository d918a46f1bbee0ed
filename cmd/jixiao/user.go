package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
	"time"

	"jixiao/auth"
	"jixiao/store"
)

func init() {
	register(command{"user", "管理用户账户（add、passwd、disable、enable、list）", cmdUser})
}

// localOperator is who the audit trail names for changes made with the
// command line on the server itself.
const localOperator = "本机操作员"

// subcommand is one verb of a command with verbs (user, audit).
type subcommand struct {
	name, synopsis string
	run            func(e *env, args []string) int
}

// dispatch runs the verb args[0] of the command, or prints the verbs.
func dispatch(e *env, name string, subs []subcommand, args []string) int {
	if len(args) > 0 {
		for _, s := range subs {
			if s.name == args[0] {
				return s.run(e, args[1:])
			}
		}
	}
	w, code := e.stderr, exitFail
	if len(args) > 0 && (args[0] == "-h" || args[0] == "--help" || args[0] == "help") {
		w, code = e.stdout, exitOK
	} else if len(args) > 0 {
		fmt.Fprintf(e.stderr, "jixiao %s: 未知子命令“%s”\n\n", name, args[0])
	}
	fmt.Fprintf(w, "用法: jixiao %s <子命令> [选项]   每个子命令都有 --help\n\n子命令:\n", name)
	for _, s := range subs {
		fmt.Fprintf(w, "  jixiao %s %s\n", name, s.synopsis)
	}
	return code
}

var userSubs = []subcommand{
	{"add", "add USERNAME --role ROLE [--unit CODE[,CODE…]] [--name NAME] [--generate]", cmdUserAdd},
	{"passwd", "passwd USERNAME [--generate]", cmdUserPasswd},
	{"disable", "disable USERNAME", cmdUserDisable},
	{"enable", "enable USERNAME", cmdUserEnable},
	{"list", "list", cmdUserList},
	{"import", "import FILE [-o PASSWORDS.csv]   从 CSV/XLSX 账户表（用户名、姓名、角色、单位范围）批量创建，全部成功才保存", cmdUserImport},
}

func cmdUser(e *env, args []string) int { return dispatch(e, "user", userSubs, args) }

// parseWithName parses the verb's flags and its one USERNAME argument,
// which may come before or after the flags.
func parseWithName(e *env, f *flags, args []string) (name string, code int, ok bool) {
	return parseOne(e, f, args, "缺少用户名")
}

// parseOne parses a command's flags and its one positional argument,
// which may come before or after the flags; missing is the message when
// it is not given.
func parseOne(e *env, f *flags, args []string, missing string) (arg string, code int, ok bool) {
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		arg, args = args[0], args[1:]
	}
	if code, ok := f.parse(e, args); !ok {
		return "", code, false
	}
	if arg == "" && f.NArg() > 0 {
		arg = f.Arg(0)
		if code, ok := f.parse(e, f.Args()[1:]); !ok { // flags after the argument
			return "", code, false
		}
	}
	if f.NArg() > 0 {
		fmt.Fprintf(e.stderr, "错误：多余的参数“%s”\n", strings.Join(f.Args(), " "))
		return "", exitFail, false
	}
	if arg == "" {
		fmt.Fprintln(e.stderr, "错误："+missing)
		f.Usage()
		return "", exitFail, false
	}
	return arg, 0, true
}

// newPassword is the password for an account: generated and printed with
// --generate, else one line read from standard input, checked against
// the policy.
func newPassword(e *env, user string, generate bool) (string, error) {
	if generate {
		pw := auth.GeneratePassword()
		fmt.Fprintf(e.stdout, "用户 %s 的初始密码（只显示这一次，首次登录后须修改）：%s\n", user, pw)
		return pw, nil
	}
	fmt.Fprintf(e.stderr, "请输入用户 %s 的密码（一行）：", user)
	line, err := bufio.NewReader(e.stdin).ReadString('\n')
	if err != nil && !errors.Is(err, io.EOF) {
		return "", fmt.Errorf("读取密码失败：%w", err)
	}
	fmt.Fprintln(e.stderr)
	pw := strings.TrimRight(line, "\r\n")
	if pw == "" {
		return "", errors.New("没有读到密码：请从标准输入给出一行密码，或用 --generate 生成")
	}
	if err := auth.CheckPolicy(user, pw); err != nil {
		return "", err
	}
	return pw, nil
}

func splitUnits(s string) []string {
	var out []string
	for _, c := range strings.Split(s, ",") {
		if c = strings.TrimSpace(c); c != "" {
			out = append(out, c)
		}
	}
	return out
}

func cmdUserAdd(e *env, args []string) int {
	f := newFlags(e, "user add", "user add USERNAME --role ROLE [--unit CODE[,CODE…]] [--name NAME] [--generate]")
	role := f.String("role", "", "角色：admin（系统管理员）、reviewer（财政审核）、editor（部门填报）、viewer（部门查看）")
	units := f.String("unit", "", "单位编码，多个用逗号分隔；审核人员为区划前缀，留空为全部单位")
	display := f.String("name", "", "显示姓名")
	generate := f.Bool("generate", false, "生成随机初始密码并显示（否则从标准输入读一行）")
	name, code, ok := parseWithName(e, f, args)
	if !ok {
		return code
	}
	u := auth.User{Name: name, Display: *display, Role: auth.Role(*role), Units: splitUnits(*units), MustChange: true}
	if !u.Role.Valid() {
		return fail(e, fmt.Errorf("没有“%s”这个角色（--role 可选 admin、reviewer、editor、viewer）", *role))
	}
	if (u.Role == auth.Editor || u.Role == auth.Viewer) && len(u.Units) == 0 {
		return fail(e, fmt.Errorf("%s须用 --unit 指定所属单位编码", u.Role.Label()))
	}
	st, err := f.open(e)
	if err != nil {
		return fail(e, err)
	}
	defer st.Close()
	if _, err := st.UserByName(e.ctx, name); err == nil {
		return fail(e, fmt.Errorf("用户名 %s 已被使用", name))
	}
	pw, err := newPassword(e, name, *generate)
	if err != nil {
		return fail(e, err)
	}
	if u.PasswordHash, err = auth.HashPassword(pw); err != nil {
		return fail(e, err)
	}
	if _, err := st.CreateUser(e.ctx, u, localOperator); err != nil {
		return fail(e, err)
	}
	fmt.Fprintf(e.stdout, "已创建用户 %s（%s）\n", name, u.Role.Label())
	return exitOK
}

func cmdUserPasswd(e *env, args []string) int {
	f := newFlags(e, "user passwd", "user passwd USERNAME [--generate]")
	generate := f.Bool("generate", false, "生成随机密码并显示（否则从标准输入读一行）")
	name, code, ok := parseWithName(e, f, args)
	if !ok {
		return code
	}
	st, err := f.open(e)
	if err != nil {
		return fail(e, err)
	}
	defer st.Close()
	if _, err := st.UserByName(e.ctx, name); err != nil {
		return fail(e, fmt.Errorf("没有用户 %s", name))
	}
	pw, err := newPassword(e, name, *generate)
	if err != nil {
		return fail(e, err)
	}
	hash, err := auth.HashPassword(pw)
	if err != nil {
		return fail(e, err)
	}
	// Set by the operator for the user: to be changed at the next login.
	if err := st.UpdatePassword(e.ctx, name, hash, true, localOperator); err != nil {
		return fail(e, err)
	}
	fmt.Fprintf(e.stdout, "已重设用户 %s 的密码，解除锁定，结束其全部会话；首次登录后须修改\n", name)
	return exitOK
}

func cmdUserDisable(e *env, args []string) int {
	return userToggle(e, args, "disable", "已停用用户 %s，并结束其全部会话\n", (*store.Store).DisableUser)
}

func cmdUserEnable(e *env, args []string) int {
	return userToggle(e, args, "enable", "已启用用户 %s\n", (*store.Store).EnableUser)
}

func userToggle(e *env, args []string, verb, done string, do func(*store.Store, context.Context, string, string) error) int {
	f := newFlags(e, "user "+verb, "user "+verb+" USERNAME")
	name, code, ok := parseWithName(e, f, args)
	if !ok {
		return code
	}
	st, err := f.open(e)
	if err != nil {
		return fail(e, err)
	}
	defer st.Close()
	if err := do(st, e.ctx, name, localOperator); err != nil {
		return fail(e, err)
	}
	fmt.Fprintf(e.stdout, done, name)
	return exitOK
}

func cmdUserList(e *env, args []string) int {
	f := newFlags(e, "user list", "user list")
	if code, ok := f.parse(e, args); !ok {
		return code
	}
	st, err := f.open(e)
	if err != nil {
		return fail(e, err)
	}
	defer st.Close()
	users, err := st.Users(e.ctx)
	if err != nil {
		return fail(e, err)
	}
	tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "用户名\t姓名\t角色\t单位\t状态")
	for _, u := range users {
		scope := strings.Join(u.Units, ",")
		if scope == "" && (u.Role == auth.Admin || u.Role == auth.Reviewer) {
			scope = "全部"
		}
		state := "正常"
		switch {
		case u.Disabled:
			state = "已停用"
		case u.Locked(time.Now()):
			state = "已锁定"
		case u.MustChange:
			state = "须改密码"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", u.Name, u.Display, u.Role, scope, state)
	}
	if err := tw.Flush(); err != nil {
		return fail(e, err)
	}
	return exitOK
}
