package web

import (
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"io/fs"
	"net/http"
	"path"
	"time"
)

//go:embed static
var staticFS embed.FS

// asset is one embedded static file with its content hash, which versions
// its URL so browsers may cache it for a year.
type asset struct {
	data []byte
	hash string
}

var assets = loadAssets()

func loadAssets() map[string]asset {
	m := map[string]asset{}
	err := fs.WalkDir(staticFS, "static", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := staticFS.ReadFile(p)
		if err != nil {
			return err
		}
		sum := sha256.Sum256(b)
		m["/"+p] = asset{data: b, hash: hex.EncodeToString(sum[:6])}
		return nil
	})
	if err != nil {
		panic(err)
	}
	return m
}

// assetURL is the versioned URL of a static file, for templates:
// "style.css" → "/static/style.css?v=1a2b3c4d5e6f".
func assetURL(name string) string {
	p := "/static/" + name
	if a, ok := assets[p]; ok {
		return p + "?v=" + a.hash
	}
	return p
}

// staticHandler serves the embedded files. A request naming the current
// version is cacheable for a year; others must revalidate by ETag.
func (s *server) static(w http.ResponseWriter, r *http.Request) {
	a, ok := assets[path.Clean(r.URL.Path)]
	if !ok {
		s.notFound(w, r, "没有这个文件："+r.URL.Path)
		return
	}
	if r.URL.Query().Get("v") == a.hash {
		w.Header().Set("Cache-Control", "public, max-age=31536000, immutable")
	} else {
		w.Header().Set("Cache-Control", "public, max-age=0, must-revalidate")
	}
	w.Header().Set("ETag", `"`+a.hash+`"`)
	http.ServeContent(w, r, path.Base(r.URL.Path), time.Time{}, bytes.NewReader(a.data))
}
