package web

import (
	"bytes"
	"compress/gzip"
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"testing"

	"jixiao"
	"jixiao/auth"
	"jixiao/internal/fixture"
	"jixiao/internal/testdb"
	"jixiao/store"
)

// BenchmarkCachedPage serves the example's project page from the page
// cache to 32 concurrent keep-alive clients over loopback, on each engine,
// beside a static page of the same bytes (precompressed, as a static file
// server sends it): the ratio of the two is the cost of a signed-in,
// authorized, revision-checked cached page.
func BenchmarkCachedPage(b *testing.B) {
	for _, engine := range []string{"sqlite", "postgres"} {
		b.Run(engine, func(b *testing.B) {
			cfg := store.Config{SQLite: filepath.Join(b.TempDir(), "jixiao.db")}
			if engine == "postgres" {
				cfg = store.Config{Postgres: testdb.PostgresSchema(b)}
			}
			ctx := context.Background()
			st, err := store.Open(ctx, cfg)
			if err != nil {
				b.Fatal(err)
			}
			defer st.Close()
			if _, err := st.SaveDocuments(ctx, []*jixiao.Document{fixture.Example(b)}, "test"); err != nil {
				b.Fatal(err)
			}
			e := &env{st: st}
			cookie := e.login(b, "reviewer", auth.Reviewer)
			srv := httptest.NewServer(newServer(st, Options{}))
			defer srv.Close()
			path := srv.URL + "/units/" + exUnit + "/2024/projects/" + fixture.Example(b).Projects[0].Code
			client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 64, DisableCompression: true}}
			get := func(url string) []byte {
				req, _ := http.NewRequest("GET", url, nil)
				req.AddCookie(cookie)
				req.Header.Set("Accept-Encoding", "gzip")
				resp, err := client.Do(req)
				if err != nil {
					b.Fatal(err)
				}
				body, _ := io.ReadAll(resp.Body)
				resp.Body.Close()
				if resp.StatusCode != http.StatusOK || resp.Header.Get("Content-Encoding") != "gzip" {
					b.Fatalf("%s: HTTP %d, %q", url, resp.StatusCode, resp.Header.Get("Content-Encoding"))
				}
				return body
			}
			zr, err := gzip.NewReader(bytes.NewReader(get(path)))
			if err != nil {
				b.Fatal(err)
			}
			page, _ := io.ReadAll(zr)
			static := httptest.NewServer(staticPage(page))
			defer static.Close()
			run := func(url string) func(*testing.B) {
				return func(b *testing.B) {
					b.SetParallelism(16)
					b.RunParallel(func(pb *testing.PB) {
						for pb.Next() {
							get(url)
						}
					})
				}
			}
			b.Run("page", run(path))
			b.Run("static", run(static.URL))
		})
	}
}

// staticPage serves body, precompressed, to every request.
func staticPage(body []byte) http.Handler {
	var gz bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&gz, gzip.BestCompression)
	zw.Write(body)
	zw.Close()
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Header().Set("Content-Encoding", "gzip")
		w.Write(gz.Bytes())
	})
}
