package web

import (
	"errors"
	"fmt"
	"mime/multipart"
	"net/http"
	"strconv"
	"strings"

	"jixiao"
	"jixiao/auth"
	"jixiao/recordfile"
	"jixiao/store"
)

// tokensData is the API token page of the signed-in user.
type tokensData struct {
	Tokens []store.APIToken
	// New is a token just made, shown this once.
	New, NewName string
	Error        string
}

// tokensPage lists the user's API tokens.
func (s *server) tokensPage(w http.ResponseWriter, r *http.Request) {
	s.renderTokens(w, r, http.StatusOK, tokensData{})
}

func (s *server) renderTokens(w http.ResponseWriter, r *http.Request, status int, d tokensData) {
	ts, err := s.st.Tokens(r.Context(), currentUser(r).ID)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	d.Tokens = ts
	s.render(w, r, status, "tokens.html", d)
}

// tokenCreate makes a token and shows it once. The page is not cached
// (render sets no-store).
func (s *server) tokenCreate(w http.ResponseWriter, r *http.Request) {
	u := currentUser(r)
	name := strings.TrimSpace(r.PostFormValue("name"))
	if name == "" {
		s.renderTokens(w, r, http.StatusUnprocessableEntity, tokensData{Error: "请填写令牌用途，例如“预算一体化系统对接”。"})
		return
	}
	tok, _, err := s.st.CreateToken(r.Context(), u.ID, name, u.Name)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	s.renderTokens(w, r, http.StatusOK, tokensData{New: tok, NewName: name})
}

// tokenRevoke revokes one of the user's own tokens.
func (s *server) tokenRevoke(w http.ResponseWriter, r *http.Request) {
	u := currentUser(r)
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		s.notFound(w, r, "没有这个接口令牌。")
		return
	}
	ts, err := s.st.Tokens(r.Context(), u.ID)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	mine := false
	for _, t := range ts {
		mine = mine || t.ID == id
	}
	if !mine {
		s.notFound(w, r, fmt.Sprintf("您没有编号为 %d 的接口令牌。", id))
		return
	}
	if err := s.st.RevokeToken(r.Context(), id, u.Name); err != nil && !errors.Is(err, jixiao.ErrNotFound) {
		s.serverError(w, r, err)
		return
	}
	http.Redirect(w, r, "/account/tokens", http.StatusSeeOther)
}

// usersData is the account administration page.
type usersData struct {
	Users []auth.User
	Roles []auth.Role
	// Password is a one-time password just set, shown once, for NameFor.
	Password, NameFor string
	// Made are the accounts of a table just imported, each with its
	// one-time password, shown once.
	Made  []madeAccount
	Error string
	Form  userForm
}

// madeAccount is an account just made and its first password.
type madeAccount struct {
	auth.User
	Password string
}

// userForm keeps what was entered in the add form.
type userForm struct {
	Name, Display, Role, Units string
}

func (s *server) usersPage(w http.ResponseWriter, r *http.Request) {
	s.renderUsers(w, r, http.StatusOK, usersData{})
}

func (s *server) renderUsers(w http.ResponseWriter, r *http.Request, status int, d usersData) {
	us, err := s.st.Users(r.Context())
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	d.Users, d.Roles = us, auth.Roles
	s.render(w, r, status, "users.html", d)
}

// splitUnits reads a list of unit codes separated by commas, spaces or
// Chinese commas.
func splitUnits(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool {
		return r == ',' || r == '，' || r == ' ' || r == '、' || r == '\n' || r == '\r' || r == '\t'
	})
}

// userCreate adds an account with a one-time password shown once; the
// user must change it at first sign-in.
func (s *server) userCreate(w http.ResponseWriter, r *http.Request) {
	f := userForm{Name: strings.TrimSpace(r.PostFormValue("username")), Display: strings.TrimSpace(r.PostFormValue("display")),
		Role: r.PostFormValue("role"), Units: r.PostFormValue("units")}
	pw := auth.GeneratePassword()
	hash, err := auth.HashPassword(pw)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	_, err = s.st.CreateUser(r.Context(), auth.User{Name: f.Name, Display: f.Display, Role: auth.Role(f.Role),
		Units: splitUnits(f.Units), PasswordHash: hash, MustChange: true}, currentUser(r).Name)
	if err != nil {
		if errors.Is(err, jixiao.ErrConflict) || !strings.Contains(err.Error(), "失败") {
			s.renderUsers(w, r, http.StatusUnprocessableEntity, usersData{Error: err.Error(), Form: f})
			return
		}
		s.serverError(w, r, err)
		return
	}
	s.renderUsers(w, r, http.StatusOK, usersData{Password: pw, NameFor: f.Name})
}

// accountsField is the account table's upload field.
const accountsField = "accounts"

// usersImport makes the accounts of an uploaded table (CSV or XLSX: 用户名,
// 姓名, 角色, 单位范围), all or none, as jixiao user import does, and shows
// their first passwords once.
func (s *server) usersImport(w http.ResponseWriter, r *http.Request) {
	refuse := func(status int, msg string) {
		s.renderUsers(w, r, status, usersData{Error: "没有创建任何账户：" + msg})
	}
	var files []*multipart.FileHeader
	if r.MultipartForm != nil {
		files = r.MultipartForm.File[accountsField]
	}
	if len(files) != 1 {
		refuse(http.StatusBadRequest, "请选择一个账户表文件（CSV 或 XLSX）。")
		return
	}
	data, ok := s.upload(w, r, files[0], recordfile.MaxSize, func(status int, msg string) { refuse(status, msg+"。") })
	if !ok {
		return
	}
	users, err := recordfile.ReadAccounts(files[0].Filename, data)
	if err != nil {
		refuse(http.StatusBadRequest, err.Error())
		return
	}
	made := make([]madeAccount, len(users))
	for i := range users {
		made[i].Password = auth.GeneratePassword()
		if users[i].PasswordHash, err = auth.HashPassword(made[i].Password); err != nil {
			s.serverError(w, r, err)
			return
		}
	}
	stored, err := s.st.CreateUsers(r.Context(), users, currentUser(r).Name)
	if err != nil {
		if errors.Is(err, jixiao.ErrConflict) || !strings.Contains(err.Error(), "失败") {
			refuse(http.StatusUnprocessableEntity, err.Error())
			return
		}
		s.serverError(w, r, err)
		return
	}
	for i := range made {
		made[i].User = stored[i]
	}
	s.log.Info("批量创建账户", "user", currentUser(r).Name, "accounts", len(made))
	s.renderUsers(w, r, http.StatusOK, usersData{Made: made})
}

// userDisable, userEnable and userResetPassword change one account.
func (s *server) userDisable(w http.ResponseWriter, r *http.Request) {
	s.changeUser(w, r, func(name, by string) error {
		if name == by {
			return errors.New("不能停用自己的账户")
		}
		return s.st.DisableUser(r.Context(), name, by)
	})
}

func (s *server) userEnable(w http.ResponseWriter, r *http.Request) {
	s.changeUser(w, r, func(name, by string) error { return s.st.EnableUser(r.Context(), name, by) })
}

func (s *server) userResetPassword(w http.ResponseWriter, r *http.Request) {
	name := r.PathValue("name")
	pw := auth.GeneratePassword()
	hash, err := auth.HashPassword(pw)
	if err == nil {
		err = s.st.UpdatePassword(r.Context(), name, hash, true, currentUser(r).Name)
	}
	if errors.Is(err, jixiao.ErrNotFound) {
		s.notFound(w, r, "没有用户“"+name+"”。")
		return
	}
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	s.renderUsers(w, r, http.StatusOK, usersData{Password: pw, NameFor: name})
}

func (s *server) changeUser(w http.ResponseWriter, r *http.Request, f func(name, by string) error) {
	name := r.PathValue("name")
	err := f(name, currentUser(r).Name)
	switch {
	case errors.Is(err, jixiao.ErrNotFound):
		s.notFound(w, r, "没有用户“"+name+"”。")
	case err != nil && !strings.Contains(err.Error(), "失败"):
		s.renderUsers(w, r, http.StatusUnprocessableEntity, usersData{Error: err.Error()})
	case err != nil:
		s.serverError(w, r, err)
	default:
		http.Redirect(w, r, "/admin/users", http.StatusSeeOther)
	}
}
