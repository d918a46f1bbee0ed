package web

import (
	"errors"
	"net/http"
	"strings"

	"jixiao"
	"jixiao/auth"
)

// userEditData is the form that changes one account's display name, role
// and unit scope.
type userEditData struct {
	Name  string
	Roles []auth.Role
	Form  userForm
	Error string
}

// userEditForm shows the account's current display name, role and units.
func (s *server) userEditForm(w http.ResponseWriter, r *http.Request) {
	name := r.PathValue("name")
	u, err := s.st.UserByName(r.Context(), name)
	if errors.Is(err, jixiao.ErrNotFound) {
		s.notFound(w, r, "没有用户“"+name+"”。")
		return
	}
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	f := userForm{Name: u.Name, Display: u.Display, Role: string(u.Role), Units: strings.Join(u.Units, "，")}
	s.render(w, r, http.StatusOK, "useredit.html", userEditData{Name: name, Roles: auth.Roles, Form: f})
}

// userEditPost stores the change through store.UpdateUser, which checks
// it, audits it and ends the user's sessions, so the new rights hold from
// the user's next request. A refused change shows the form again with the
// reason and stores nothing. Administrators may not change their own role:
// the last one would lock everyone out of account management.
func (s *server) userEditPost(w http.ResponseWriter, r *http.Request) {
	name := r.PathValue("name")
	by := currentUser(r)
	f := userForm{Name: name, Display: strings.TrimSpace(r.PostFormValue("display")),
		Role: strings.TrimSpace(r.PostFormValue("role")), Units: r.PostFormValue("units")}
	refuse := func(msg string) {
		s.render(w, r, http.StatusBadRequest, "useredit.html", userEditData{Name: name, Roles: auth.Roles, Form: f, Error: msg})
	}
	if name == by.Name && auth.Role(f.Role) != by.Role {
		refuse("不能更改自己的角色，请由另一位系统管理员修改。")
		return
	}
	err := s.st.UpdateUser(r.Context(), name, f.Display, auth.Role(f.Role), splitUnits(f.Units), by.Name)
	switch {
	case errors.Is(err, jixiao.ErrNotFound):
		s.notFound(w, r, "没有用户“"+name+"”。")
	case err != nil && !strings.Contains(err.Error(), "失败"):
		refuse(err.Error())
	case err != nil:
		s.serverError(w, r, err)
	default:
		http.Redirect(w, r, "/admin/users", http.StatusSeeOther)
	}
}
