package web

import (
	"bytes"
	"embed"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"time"

	"jixiao"
	"jixiao/auth"
)

//go:embed templates/*.html
var templateFS embed.FS

// templates holds one parsed set per page: the shared layout plus the
// page's own "title" and "content" blocks.
type templates struct {
	pages map[string]*template.Template
}

// view is what every page template receives: the page's own data and the
// CSRF token for its forms.
type view struct {
	CSRF string
	Page any
	// User is who is signed in, nil for the public.
	User *auth.User
}

// china is the forms' time zone (Asia/Shanghai, no daylight saving).
var china = time.FixedZone("CST", 8*3600)

var funcs = template.FuncMap{
	"wan":       func(f jixiao.Fen) string { return f.Wan() },
	"day":       chineseDay,
	"asset":     assetURL,
	"docURL":    docPath,
	"add":       func(a, b int) int { return a + b },
	"sub":       func(a, b int) int { return a - b },
	"yearLabel": func(y int) string { return fmt.Sprintf("%d年", y) },
}

// chineseDay writes a time as 2024年12月31日 in China's time zone.
func chineseDay(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return jixiao.DateOf(t.In(china)).Chinese()
}

func mustParseTemplates() *templates {
	layout := template.Must(template.New("layout.html").Funcs(funcs).ParseFS(templateFS, "templates/layout.html"))
	names, err := fs.Glob(templateFS, "templates/*.html")
	if err != nil {
		panic(err)
	}
	t := &templates{pages: map[string]*template.Template{}}
	for _, n := range names {
		if n == "templates/layout.html" {
			continue
		}
		page := template.Must(template.Must(layout.Clone()).ParseFS(templateFS, n))
		t.pages[n[len("templates/"):]] = page
	}
	return t
}

// render executes a page into a buffer first, so a template failure becomes
// a clean 500 rather than half a page.
func (s *server) render(w http.ResponseWriter, r *http.Request, status int, name string, data any) {
	body, err := s.execute(name, view{CSRF: csrfToken(r), Page: data, User: currentUser(r)})
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	w.Write(body)
}

// execute renders page name with the layout into memory.
func (s *server) execute(name string, v view) ([]byte, error) {
	t, ok := s.tmpl.pages[name]
	if !ok {
		return nil, fmt.Errorf("no template %q", name)
	}
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, "layout.html", v); err != nil {
		return nil, fmt.Errorf("template %s: %w", name, err)
	}
	return buf.Bytes(), nil
}
