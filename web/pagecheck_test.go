package web

import (
	"context"
	"database/sql"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"jixiao"
	"jixiao/auth"
	"jixiao/internal/fixture"
	"jixiao/internal/testdb"
	"jixiao/store"
)

// TestChecksArrivingTogetherShareARead holds the first read of page
// checks behind a table lock, lets more requests queue meanwhile, and
// checks that they are answered together by exactly one more read, each
// with its own session's page.
func TestChecksArrivingTogetherShareARead(t *testing.T) {
	dsn := testdb.PostgresSchema(t)
	ctx := context.Background()
	st, err := store.Open(ctx, store.Config{Postgres: dsn})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if _, err := st.SaveDocuments(ctx, []*jixiao.Document{fixture.Example(t)}, "test"); err != nil {
		t.Fatal(err)
	}
	srv := newServer(st, Options{})
	e := &env{st: st, h: srv, s: srv}
	cookies := []*http.Cookie{e.login(t, "甲", auth.Reviewer), e.login(t, "乙", auth.Editor, exUnit)}

	db, err := sql.Open("pgx", dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	lock, err := db.BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer lock.Rollback()
	if _, err := lock.Exec(`LOCK TABLE documents IN ACCESS EXCLUSIVE MODE`); err != nil {
		t.Fatal(err)
	}

	const n = 20
	var wg sync.WaitGroup
	get := func(i int) {
		defer wg.Done()
		r := httptest.NewRequest(http.MethodGet, exBase+"/projects/"+officeCode, nil)
		r.AddCookie(cookies[i%2])
		w := httptest.NewRecorder()
		srv.ServeHTTP(w, r)
		who := whoLabel.FindStringSubmatch(w.Body.String())
		want := []string{"甲", "乙"}[i%2]
		if w.Code != http.StatusOK || who == nil || !strings.Contains(who[1], want) {
			t.Errorf("request %d: HTTP %d, user %v, want %s", i, w.Code, who, want)
		}
	}
	state := func() (pending int, running bool, reads int64) {
		srv.checks.mu.Lock()
		defer srv.checks.mu.Unlock()
		return len(srv.checks.pending), srv.checks.running, srv.checks.reads
	}
	waitFor := func(what string, ok func() bool) {
		t.Helper()
		for start := time.Now(); !ok(); time.Sleep(time.Millisecond) {
			if time.Since(start) > time.Minute {
				t.Fatalf("never %s", what)
			}
		}
	}
	wg.Add(1)
	go get(0)
	waitFor("the first read started", func() bool { p, r, reads := state(); return p == 0 && r && reads == 1 })
	for i := 1; i <= n; i++ {
		wg.Add(1)
		go get(i)
	}
	waitFor("all queued", func() bool { p, _, _ := state(); return p == n })
	lock.Rollback()
	wg.Wait()
	if _, running, reads := state(); running || reads != 2 {
		t.Fatalf("%d reads for %d requests (running %v), want 2", reads, n+1, running)
	}
}
