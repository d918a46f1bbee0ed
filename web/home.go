package web

import (
	"net/http"

	"jixiao/auth"
	"jixiao/store"
)

// homeData lists the stored documents.
type homeData struct {
	Docs []store.Summary
}

// home lists the units and years on file the user may see, with links to their pages.
func (s *server) home(w http.ResponseWriter, r *http.Request) {
	docs, err := s.st.Documents(r.Context())
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	u := currentUser(r)
	var mine []store.Summary
	for _, d := range docs {
		if auth.Can(u, auth.ViewDraft, d.Key.Unit) {
			mine = append(mine, d)
		}
	}
	s.render(w, r, http.StatusOK, "home.html", homeData{Docs: mine})
}
