package web

import (
	"net/http"

	"jixiao/store"
)

// homeData lists the stored documents.
type homeData struct {
	Docs []store.Summary
}

// home lists every unit and year on file, with links to their pages.
func (s *server) home(w http.ResponseWriter, r *http.Request) {
	docs, err := s.st.Documents(r.Context())
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "home.html", homeData{Docs: docs})
}
