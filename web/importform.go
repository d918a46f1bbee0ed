package web

import "net/http"

// importForm shows the upload form.
func (s *server) importForm(w http.ResponseWriter, r *http.Request) {
	s.render(w, r, http.StatusOK, "import.html", nil)
}
