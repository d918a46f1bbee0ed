// Package bench measures jixiao at the size of a province against the
// engines' own limits: every figure is set beside a baseline measured in
// the same run on the same machine — bulk import beside the database's own
// bulk loader (sqlite3 .import, PostgreSQL COPY) of the same rows, review,
// monitoring and scoring of everything beside one plain read of the same
// rows, pages under 32 concurrent clients beside a static page of the same
// size served by the same server — and reports the ratios against the
// targets in docs/SCALE.md.
package bench

import (
	"context"
	"database/sql"
	"fmt"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"time"

	"jixiao"
	"jixiao/auth"
	"jixiao/gen"
	"jixiao/internal/pgdsn"
	"jixiao/store"
	"jixiao/web"
)

// Options size and bound a run. Zero values take the defaults.
type Options struct {
	Units, ProjectsPerUnit int    // default 20 × 50
	Seed                   uint64 // default 1
	// Dir holds the SQLite files and the baseline's CSV; default a new
	// temporary directory, removed afterwards.
	Dir string
	// Postgres, when set, runs everything on PostgreSQL too, in schemas of
	// its own that are dropped afterwards.
	Postgres string
	// BatchUnits is how many units' documents go into one SaveDocuments
	// call (one transaction); default 10.
	BatchUnits int
	// Clients, Requests and MaxDuration bound each page load test: Clients
	// concurrent clients (default 32) until Requests are done (default
	// 2000) or MaxDuration has passed (default 20 s).
	Clients, Requests int
	MaxDuration       time.Duration
	// Progress receives a line per long step; nil for none.
	Progress io.Writer
	// Worker makes the command of the worker process that runs the
	// product's side of each engine (see Worker): the jixiao command sets
	// it to itself with "bench worker". Nil runs the worker in this
	// process, whose peak memory then includes generation and baselines.
	Worker func(context.Context) *exec.Cmd
}

func (o *Options) defaults() {
	if o.Units == 0 {
		o.Units = 20
	}
	if o.ProjectsPerUnit == 0 {
		o.ProjectsPerUnit = 50
	}
	if o.Seed == 0 {
		o.Seed = 1
	}
	if o.BatchUnits == 0 {
		o.BatchUnits = 10
	}
	if o.Clients == 0 {
		o.Clients = 32
	}
	if o.Requests == 0 {
		o.Requests = 2000
	}
	if o.MaxDuration == 0 {
		o.MaxDuration = 20 * time.Second
	}
	if o.Progress == nil {
		o.Progress = io.Discard
	}
}

// Run measures a generated province of o's size and returns the report.
func Run(ctx context.Context, o Options) (*Report, error) {
	o.defaults()
	if o.Dir == "" {
		dir, err := os.MkdirTemp("", "jixiao-bench-")
		if err != nil {
			return nil, err
		}
		defer os.RemoveAll(dir)
		o.Dir = dir
	}
	r := &Report{Units: o.Units, ProjectsPerUnit: o.ProjectsPerUnit, Seed: o.Seed, Clients: o.Clients}
	r.Machine = readMachine(ctx, o.Postgres)
	files, err := newCSVFiles(o.Dir)
	if err != nil {
		return nil, err
	}
	defer files.close()
	b := &run{o: o, r: r, files: files}
	sqlitePath := filepath.Join(o.Dir, "jixiao.db")
	if err := b.engine(ctx, "sqlite", store.Config{SQLite: sqlitePath}, func() (*sql.DB, error) {
		return sql.Open("sqlite", sqlitePath+"?_pragma=query_only(1)")
	}); err != nil {
		return nil, fmt.Errorf("SQLite：%w", err)
	}
	if o.Postgres != "" {
		schema := fmt.Sprintf("jixiao_bench_%d_%d", os.Getpid(), time.Now().Unix())
		dsn, drop, err := pgSchema(ctx, o.Postgres, schema)
		if err != nil {
			return nil, fmt.Errorf("PostgreSQL：%w", err)
		}
		defer drop()
		b.pgBaseline = schema + "_copy"
		defer dropSchema(o.Postgres, b.pgBaseline)
		if err := b.engine(ctx, "postgres", store.Config{Postgres: dsn}, func() (*sql.DB, error) {
			return sql.Open("pgx", dsn)
		}); err != nil {
			return nil, fmt.Errorf("PostgreSQL：%w", err)
		}
	}
	r.PeakRSSMB = peakRSSMB()
	f := Figure{Engine: "process", Key: "peak_rss", Label: "峰值内存 Peak RSS (VmHWM) 测试进程 bench process", Value: r.PeakRSSMB,
		Unit: "MB", Baseline: 300, BaselineLabel: "上限 limit", Ratio: r.PeakRSSMB / 300, Target: "< 300 MB",
		OK: r.PeakRSSMB < 300, Note: "工作进程在本进程内 worker in this process"}
	if o.Worker != nil {
		f.Target, f.OK = "", true
		f.Note = "生成、CSV 基线、客户端；参考，无目标 generation, CSV baselines, clients; reference only"
	}
	r.add(f)
	return r, nil
}

// run is one Run in progress.
type run struct {
	o          Options
	r          *Report
	files      *csvFiles
	csvDone    bool
	pgBaseline string
	projects   []pageKey // a few projects of every unit, for the project page
}

type pageKey struct {
	key  jixiao.Key
	code string
}

func (b *run) say(format string, a ...any) {
	fmt.Fprintf(b.o.Progress, "bench: "+format+"\n", a...)
}

// engine measures everything on one database.
func (b *run) engine(ctx context.Context, name string, cfg store.Config, reader func() (*sql.DB, error)) error {
	p, err := startWorker(ctx, b.o, cfg)
	if err != nil {
		return err
	}
	defer p.close()
	if err := b.importAll(ctx, name, p); err != nil {
		return err
	}
	db, err := reader()
	if err != nil {
		return err
	}
	defer db.Close()
	if err := b.compute(ctx, name, p, db); err != nil {
		return err
	}
	if err := b.pages(ctx, name, p); err != nil {
		return err
	}
	if b.o.Worker != nil {
		mb := p.peakRSSMB()
		b.r.add(Figure{Engine: name, Key: "peak_rss", Label: "峰值内存 Peak RSS (VmHWM) 产品进程 product process",
			Value: mb, Unit: "MB", Baseline: 300, BaselineLabel: "上限 limit", Ratio: mb / 300, Target: "< 300 MB",
			OK: mb > 0 && mb < 300, Note: "导入、审核/监控/评分、网页服务，独立进程 import, compute, web server in a process of their own"})
	}
	return nil
}

// importAll generates the province batch by batch, stores each batch with
// one SaveDocuments, and then loads the same rows with the engine's bulk
// loader.
func (b *run) importAll(ctx context.Context, engine string, p *workerProc) error {
	o := b.o
	rows := newCSVRows()
	var took time.Duration
	start := time.Now()
	for first := 0; first < o.Units; first += o.BatchUnits {
		var docs []*jixiao.Document
		for i := first; i < min(first+o.BatchUnits, o.Units); i++ {
			d := gen.Unit(gen.Options{Units: o.Units, ProjectsPerUnit: o.ProjectsPerUnit, Seed: o.Seed}, i)
			docs = append(docs, d)
			rows.add(d)
			if !b.csvDone {
				for j := 0; j < len(d.Projects) && j < 3; j++ {
					b.projects = append(b.projects, pageKey{d.Key(), d.Projects[j].Code})
				}
			}
		}
		batch := rows.flush()
		if !b.csvDone {
			if err := b.files.write(batch); err != nil {
				return err
			}
		}
		t, peak, err := p.importDocs(docs)
		if err != nil {
			return err
		}
		took += t
		b.say("%s 导入 import %d/%d 个单位（%.1f 秒，工作进程峰值 worker peak %.0f MB）", engine,
			min(first+o.BatchUnits, o.Units), o.Units, time.Since(start).Seconds(), peak)
	}
	b.csvDone = true
	n := rows.rows
	rate := float64(n) / took.Seconds()
	f := Figure{Engine: engine, Key: "import", Label: "批量导入 Bulk import (SaveDocuments)", Value: rate, Unit: "rows/s",
		Target: "≥ 0.5 × baseline", Note: fmt.Sprintf("%d 行 rows, %.2f s", n, took.Seconds())}
	var base time.Duration
	var err error
	switch engine {
	case "sqlite":
		f.BaselineLabel = "sqlite3 .import (CSV)"
		if sqliteShell() == "" {
			f.Note += "; sqlite3 命令行不存在，未测基线 sqlite3 shell absent, baseline skipped"
			b.r.add(f)
			return nil
		}
		base, err = sqliteImport(ctx, b.files, filepath.Join(b.o.Dir, "baseline.db"))
	case "postgres":
		f.BaselineLabel = "COPY FROM STDIN (CSV)"
		base, err = postgresCopy(ctx, b.files, b.o.Postgres, b.pgBaseline)
	}
	if err != nil {
		return err
	}
	b.r.add(importBaseline(f, n, base))
	b.say("%s 基线导入 baseline import %.2f 秒", engine, base.Seconds())
	return b.importSchema(ctx, engine, rate, n, took)
}

// pages loads the department, project and (when the route exists)
// monitoring pages under concurrent clients, each beside a static page of
// the same size served by the same server.
func (b *run) pages(ctx context.Context, engine string, p *workerProc) error {
	a, err := p.ask(request{Op: "serve"})
	if err != nil {
		return err
	}
	base := a.Base
	jar, err := sessionJar(base, a.Token)
	if err != nil {
		return err
	}
	// A redirect (to the sign-in page) is a failure, not a page.
	// The clients ask for gzip, as browsers do, and do not decompress:
	// what is measured is the server, and both it and the static baseline
	// send compressed bytes.
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: b.o.Clients, MaxIdleConns: b.o.Clients * 2,
		DisableCompression: true},
		Timeout: 60 * time.Second, Jar: jar,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	defer client.CloseIdleConnections()

	seen := map[jixiao.Key]bool{}
	var dept, proj, mon []string
	for _, p := range b.projects {
		u := fmt.Sprintf("%s/units/%s/%d", base, p.key.Unit, p.key.Year)
		if !seen[p.key] {
			seen[p.key] = true
			dept = append(dept, u)
			mon = append(mon, u+"/monitor")
		}
		proj = append(proj, u+"/projects/"+p.code)
	}
	kinds := []struct {
		key, label string
		urls       []string
	}{
		{"department", "部门页 Department page", dept},
		{"project", "项目页 Project page", proj},
		{"monitoring", "监控页 Monitoring page", mon},
	}
	for _, k := range kinds {
		resp, err := client.Get(k.urls[0])
		if err != nil {
			return err
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode == http.StatusNotFound && k.key == "monitoring" {
			b.r.add(Figure{Engine: engine, Key: "page_monitoring", Label: k.label,
				Note: "监控页路由尚不存在（" + k.urls[0][len(base):] + " 返回 404），未测 monitoring page route not present yet, not measured"})
			b.say("%s 监控页不存在，跳过", engine)
			continue
		}
		if resp.StatusCode != http.StatusOK {
			return fmt.Errorf("%s: HTTP %d", k.urls[0], resp.StatusCode)
		}
		if _, err := p.ask(request{Op: "static", Kind: k.key, payload: body}); err != nil {
			return err
		}
		// First views: every URL once, right after the import, every page
		// cold. Reported for reference; the measured load follows.
		b.say("%s %s：首次访问 first views，%d 个 URL", engine, k.label, len(k.urls))
		first := load(ctx, client, k.urls, b.o.Clients, len(k.urls), 10*b.o.MaxDuration)
		b.r.add(Figure{Engine: engine, Key: "page_" + k.key + "_first", Label: k.label + " 首次访问 first views",
			Value: first.PerSecond, Unit: "req/s", OK: first.Errors == 0,
			Note: fmt.Sprintf("%d 次 requests in %.1f s, %d 错误 errors, p50 %.1f ms, p99 %.1f ms；参考，无目标 reference only",
				first.Requests, first.Seconds, first.Errors, first.P50ms, first.P99ms)})
		b.say("%s %s：%d 个客户端 clients，最多 %d 次请求 requests", engine, k.label, b.o.Clients, b.o.Requests)
		got := load(ctx, client, k.urls, b.o.Clients, b.o.Requests, b.o.MaxDuration)
		if a, err := p.ask(request{Op: "static", Kind: k.key, payload: body}); err == nil {
			b.say("%s %s：工作进程峰值 worker peak %.0f MB（Go %.0f MB）", engine, k.label, a.PeakMB, a.GoMB)
		}
		ref := load(ctx, client, []string{base + "/bench-static/" + k.key}, b.o.Clients, b.o.Requests, b.o.MaxDuration)
		note := fmt.Sprintf("%d 次 requests in %.1f s, %d 错误 errors, p50 %.1f ms (static %.1f ms), %d 字节 bytes (传输 on the wire %d, static %d)",
			got.Requests, got.Seconds, got.Errors, got.P50ms, ref.P50ms, len(body), got.Bytes, ref.Bytes)
		if got.FirstError != "" {
			note += "; " + got.FirstError
		}
		tp := Figure{Engine: engine, Key: "page_" + k.key + "_throughput", Label: k.label + " 吞吐 throughput",
			Value: got.PerSecond, Unit: "req/s", Baseline: ref.PerSecond, BaselineLabel: "同大小静态页 static page, same size",
			Target: "≥ 1/3 × baseline", Note: note}
		tp.Ratio = tp.Value / tp.Baseline
		tp.OK = tp.Ratio >= 1.0/3 && got.Errors == 0
		p99 := Figure{Engine: engine, Key: "page_" + k.key + "_p99", Label: k.label + " p99 延迟 latency",
			Value: got.P99ms, Unit: "ms", Baseline: ref.P99ms, BaselineLabel: "同大小静态页 static page, same size",
			Target: "≤ 5 × baseline"}
		p99.Ratio = p99.Value / p99.Baseline
		p99.OK = p99.Ratio <= 5 && got.Errors == 0
		b.r.add(tp)
		b.r.add(p99)
	}
	return nil
}

// pgSchema creates a schema for the store and returns a DSN that uses it
// and a function that drops it.
func pgSchema(ctx context.Context, dsn, schema string) (string, func(), error) {
	db, err := sql.Open("pgx", dsn)
	if err != nil {
		return "", nil, err
	}
	defer db.Close()
	if _, err := db.ExecContext(ctx, "CREATE SCHEMA "+schema); err != nil {
		return "", nil, err
	}
	return pgdsn.WithSearchPath(dsn, schema), func() { dropSchema(dsn, schema) }, nil
}

func dropSchema(dsn, schema string) {
	db, err := sql.Open("pgx", dsn)
	if err != nil {
		return
	}
	defer db.Close()
	db.Exec("DROP SCHEMA IF EXISTS " + schema + " CASCADE")
}

// reviewerSession makes a finance-bureau reviewer of every unit with a
// session and returns the session's token, so the clients load the pages
// a reviewer sees — every check of a signed-in request included.
func reviewerSession(ctx context.Context, st *store.Store) (string, error) {
	hash, err := auth.HashPassword(auth.GeneratePassword())
	if err != nil {
		return "", err
	}
	u, err := st.CreateUser(ctx, auth.User{Name: "bench-reviewer", Display: "性能测试审核人", Role: auth.Reviewer, PasswordHash: hash}, "bench")
	if err != nil {
		return "", err
	}
	return st.CreateSession(ctx, u.ID)
}

// sessionJar is a cookie jar holding the session tok for base.
func sessionJar(base, tok string) (http.CookieJar, error) {
	jar, err := cookiejar.New(nil)
	if err != nil {
		return nil, err
	}
	at, err := url.Parse(base)
	if err != nil {
		return nil, err
	}
	jar.SetCookies(at, []*http.Cookie{{Name: web.SessionCookie, Value: tok, Path: "/"}})
	return jar, nil
}
