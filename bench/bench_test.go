package bench

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"strings"
	"testing"
	"time"
)

// A tiny province, SQLite only, end to end: every figure is produced, with
// a baseline beside each one that has a target.
func TestRunTiny(t *testing.T) {
	var progress bytes.Buffer
	r, err := Run(context.Background(), Options{Units: 2, ProjectsPerUnit: 3, Seed: 5,
		Clients: 4, Requests: 40, MaxDuration: time.Minute, Progress: &progress, Dir: t.TempDir(), Worker: testWorker})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"import", "load", "review", "monitor", "score", "review_walk", "monitor_walk", "score_walk", "page_department_throughput",
		"page_department_p99", "page_project_throughput", "page_project_p99", "peak_rss"}
	for _, k := range []string{"import_schema", "import_embedded"} {
		if f, ok := byEngine(r, "sqlite", k); !ok || f.Value <= 0 || f.Baseline <= 0 && !(k == "import_schema" && sqliteShell() == "") {
			t.Errorf("%s: %+v", k, f)
		}
	}
	for _, k := range []string{"page_department_first", "page_project_first", "page_monitoring_first"} {
		if f, ok := byEngine(r, "sqlite", k); !ok || f.Value <= 0 || !strings.Contains(f.Note, "0 错误") {
			t.Errorf("first views %s: %+v", k, f)
		}
	}
	got := map[string]Figure{}
	for _, f := range r.Figures {
		got[f.Key] = f
	}
	for _, k := range want {
		f, ok := got[k]
		if k == "peak_rss" {
			f, ok = byEngine(r, "sqlite", k)
		}
		if !ok {
			t.Errorf("no figure %s", k)
			continue
		}
		if f.Value <= 0 {
			t.Errorf("%s: value %v", k, f.Value)
		}
		if f.Baseline <= 0 && !(k == "import" && sqliteShell() == "") {
			t.Errorf("%s: baseline %v", k, f.Baseline)
		}
	}
	if _, ok := got["page_monitoring"]; !ok {
		if _, ok := got["page_monitoring_throughput"]; !ok {
			t.Error("the monitoring page is neither measured nor noted")
		}
	}
	if f := got["page_project_throughput"]; !strings.Contains(f.Note, "0 错误") {
		t.Errorf("project page errors: %s", f.Note)
	}
	if !strings.Contains(progress.String(), "bench: sqlite") {
		t.Errorf("no progress lines: %q", progress.String())
	}
	var table, js bytes.Buffer
	if err := r.WriteTable(&table); err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{"批量导入 Bulk import", "审核全部 Review everything", "峰值内存 Peak RSS", "go1.", "SQLite"} {
		if !strings.Contains(table.String(), s) {
			t.Errorf("table lacks %q:\n%s", s, table.String())
		}
	}
	if err := r.WriteJSON(&js); err != nil {
		t.Fatal(err)
	}
	var back Report
	if err := json.Unmarshal(js.Bytes(), &back); err != nil || len(back.Figures) != len(r.Figures) || back.Machine.CPUs == 0 {
		t.Fatalf("JSON does not read back: %v", err)
	}
}

func byEngine(r *Report, engine, key string) (Figure, bool) {
	for _, f := range r.Figures {
		if f.Engine == engine && f.Key == key {
			return f, true
		}
	}
	return Figure{}, false
}

// Without a worker command the product runs in the bench's own process,
// and the peak memory figure says so.
func TestRunInProcess(t *testing.T) {
	r, err := Run(context.Background(), Options{Units: 1, ProjectsPerUnit: 2, Seed: 3,
		Clients: 2, Requests: 10, MaxDuration: time.Minute, Dir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	f, ok := byEngine(r, "process", "peak_rss")
	if !ok || f.Value <= 0 || f.Target == "" || !strings.Contains(f.Note, "本进程") {
		t.Errorf("in-process peak RSS: %+v", f)
	}
	if _, ok := byEngine(r, "sqlite", "peak_rss"); ok {
		t.Error("a worker figure without a worker process")
	}
}

// The same on PostgreSQL when a server is configured.
func TestRunTinyPostgres(t *testing.T) {
	dsn := os.Getenv("JIXIAO_TEST_POSTGRES")
	if dsn == "" {
		t.Skip("PostgreSQL not configured: set JIXIAO_TEST_POSTGRES")
	}
	r, err := Run(context.Background(), Options{Units: 2, ProjectsPerUnit: 3, Seed: 5, Postgres: dsn,
		Clients: 4, Requests: 20, MaxDuration: time.Minute, Dir: t.TempDir(), Worker: testWorker})
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, f := range r.Figures {
		if f.Engine == "postgres" {
			n++
			if f.Target != "" && f.Baseline <= 0 {
				t.Errorf("%s: no baseline", f.Key)
			}
		}
	}
	if n < 9 || r.Machine.PostgreSQL == "" {
		t.Errorf("%d PostgreSQL figures, server version %q", n, r.Machine.PostgreSQL)
	}
}
