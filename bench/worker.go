package bench

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"runtime/pprof"
	"strconv"
	"strings"
	"sync"
	"time"

	"jixiao"
	"jixiao/jsondoc"
	"jixiao/monitor"
	"jixiao/review"
	"jixiao/score"
	"jixiao/store"
	"jixiao/web"
)

// The product's side of a run — import, review/monitoring/scoring of
// everything, the web server under load — runs in a worker process of
// its own, so that its peak resident set is the product's and not the
// generator's or the baselines'. The parent talks to it over the
// worker's standard input and output: one JSON line per request or
// answer, each followed by Size bytes of payload.

// request is one step the parent asks of the worker.
type request struct {
	Op     string       `json:"op"` // open, import, compute, serve, static, exit
	Config store.Config `json:"config,omitempty"`
	Step   string       `json:"step,omitempty"` // compute: load, review, monitor, score
	// Bare, for compute, walks the step's documents without computing.
	Bare    bool   `json:"bare,omitempty"`
	Kind    string `json:"kind,omitempty"` // static: the page kind
	Size    int    `json:"size,omitempty"` // payload bytes after the line
	payload []byte
}

// answer is the worker's reply.
type answer struct {
	Err     string   `json:"err,omitempty"`
	Seconds float64  `json:"seconds,omitempty"`
	Errors  []string `json:"errors,omitempty"`
	Docs    int      `json:"docs,omitempty"`
	Base    string   `json:"base,omitempty"`  // serve: the server's URL
	Token   string   `json:"token,omitempty"` // serve: a reviewer's session
	// PeakMB is the worker's VmHWM after the step, so a run shows which
	// step set the peak.
	PeakMB float64 `json:"peak_mb,omitempty"`
	// GoMB is the memory the Go runtime has taken from the system so far
	// (runtime.MemStats.Sys): the part of the peak that is Go's, the rest
	// being the SQLite library's own allocations and the binary.
	GoMB float64 `json:"go_mb,omitempty"`
}

// WorkerMemoryLimit is the soft memory limit (GOMEMLIMIT) the worker and
// jixiao serve run under unless GOMEMLIMIT says otherwise: the garbage
// collector works harder as the heap nears it instead of letting the heap
// double. What the Go runtime holds is kept near 150 MB; SQLite's own
// allocations and the binary come on top (about 100 MB at a province's
// department pages), so a server of a province stays under 300 MB
// resident. (At 200 MB the department pages took it to 300 MB.)
const WorkerMemoryLimit = 150 << 20

// SetMemoryLimit applies WorkerMemoryLimit unless the environment sets
// GOMEMLIMIT.
func SetMemoryLimit() {
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(WorkerMemoryLimit)
	}
}

// Worker serves the requests read from in, answering on out, until exit
// or the end of in. The jixiao command runs it as "jixiao bench worker".
func Worker(ctx context.Context, in io.Reader, out io.Writer) error {
	SetMemoryLimit()
	r := bufio.NewReader(in)
	w := &worker{statics: map[string]http.Handler{}}
	defer w.close()
	for {
		line, err := r.ReadBytes('\n')
		if err == io.EOF && len(line) == 0 {
			return nil
		}
		if err != nil {
			return err
		}
		var q request
		if err := json.Unmarshal(line, &q); err != nil {
			return err
		}
		if q.Size > 0 {
			q.payload = make([]byte, q.Size)
			if _, err := io.ReadFull(r, q.payload); err != nil {
				return err
			}
		}
		a := w.do(ctx, q)
		a.PeakMB = peakRSSMB()
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		a.GoMB = float64(ms.Sys) / (1 << 20)
		if dir := os.Getenv("JIXIAO_BENCH_HEAP_PROFILES"); dir != "" {
			writeHeapProfile(dir, q)
		}
		b, _ := json.Marshal(a)
		if _, err := out.Write(append(b, '\n')); err != nil {
			return err
		}
		if q.Op == "exit" {
			return nil
		}
	}
}

type worker struct {
	st      *store.Store
	mu      sync.Mutex
	statics map[string]http.Handler
	stop    func()
}

func (w *worker) close() {
	if w.stop != nil {
		w.stop()
	}
	if w.st != nil {
		w.st.Close()
	}
}

func (w *worker) do(ctx context.Context, q request) answer {
	var a answer
	err := func() error {
		switch q.Op {
		case "open":
			st, err := store.Open(ctx, q.Config)
			w.st = st
			return err
		case "import":
			docs, err := jsondoc.Decode("bench.json", q.payload)
			if err != nil {
				return err
			}
			start := time.Now()
			_, err = w.st.SaveDocuments(ctx, docs, "bench")
			a.Seconds, a.Docs = time.Since(start).Seconds(), len(docs)
			return err
		case "compute":
			return w.compute(ctx, q.Step, q.Bare, &a)
		case "serve":
			return w.serve(ctx, &a)
		case "static":
			w.mu.Lock()
			w.statics[q.Kind] = fixedPage(q.payload)
			w.mu.Unlock()
			return nil
		case "exit":
			return nil
		}
		return fmt.Errorf("未知请求 %q", q.Op)
	}()
	if err != nil {
		a.Err = err.Error()
	}
	return a
}

// compute walks every document with EachDocument, reading only the parts
// the step uses, and runs the step; bare leaves the step out, to show
// what the walk's reading costs alone.
func (w *worker) compute(ctx context.Context, step string, bare bool, a *answer) error {
	asOf := monitorAsOf
	rcfg, mcfg, scfg := review.DefaultConfig(), monitor.DefaultConfig(), score.DefaultConfig()
	f := map[string]func(*jixiao.Document) error{
		"load":    func(*jixiao.Document) error { return nil },
		"review":  func(d *jixiao.Document) error { review.Review(d, rcfg); return nil },
		"monitor": func(d *jixiao.Document) error { monitor.Document(d, asOf, mcfg); return nil },
		"score":   func(d *jixiao.Document) error { _, err := score.Document(d, scfg); return err },
	}[step]
	if f == nil {
		return fmt.Errorf("未知步骤 %q", step)
	}
	if bare {
		f = func(*jixiao.Document) error { return nil }
	}
	start := time.Now()
	err := w.st.EachDocument(ctx, stepFilter(step), func(d *jixiao.Document) error {
		a.Docs++
		if err := f(d); err != nil && len(a.Errors) < 10 {
			a.Errors = append(a.Errors, err.Error())
		}
		return nil
	})
	a.Seconds = time.Since(start).Seconds()
	return err
}

// serve starts the web application on a loopback port, with a static
// page of each kind beside it, and makes a reviewer's session.
func (w *worker) serve(ctx context.Context, a *answer) error {
	app := web.New(w.st, web.Options{})
	mux := http.NewServeMux()
	mux.HandleFunc("GET /bench-static/{kind}", func(rw http.ResponseWriter, r *http.Request) {
		w.mu.Lock()
		h := w.statics[r.PathValue("kind")]
		w.mu.Unlock()
		if h == nil {
			http.NotFound(rw, r)
			return
		}
		h.ServeHTTP(rw, r)
	})
	mux.Handle("/", app)
	base, stop, err := serve(mux)
	if err != nil {
		return err
	}
	w.stop = stop
	tok, err := reviewerSession(ctx, w.st)
	a.Base, a.Token = base, tok
	return err
}

// workerProc is the parent's end of a worker.
type workerProc struct {
	cmd  *exec.Cmd // nil for a worker in this process
	in   io.WriteCloser
	out  *bufio.Reader
	done chan error
}

// startWorker starts the worker: the command o.Worker makes, or, when
// there is none, a goroutine of this process (whose memory is then not
// the worker's alone).
func startWorker(ctx context.Context, o Options, cfg store.Config) (*workerProc, error) {
	p := &workerProc{done: make(chan error, 1)}
	if o.Worker != nil {
		p.cmd = o.Worker(ctx)
		p.cmd.Stderr = os.Stderr
		var err error
		if p.in, err = p.cmd.StdinPipe(); err != nil {
			return nil, err
		}
		stdout, err := p.cmd.StdoutPipe()
		if err != nil {
			return nil, err
		}
		p.out = bufio.NewReader(stdout)
		if err := p.cmd.Start(); err != nil {
			return nil, err
		}
		go func() { p.done <- p.cmd.Wait() }()
	} else {
		inR, inW := io.Pipe()
		outR, outW := io.Pipe()
		p.in, p.out = inW, bufio.NewReader(outR)
		go func() {
			err := Worker(ctx, inR, outW)
			outW.CloseWithError(errors.Join(err, io.EOF))
			p.done <- err
		}()
	}
	if _, err := p.ask(request{Op: "open", Config: cfg}); err != nil {
		p.close()
		return nil, err
	}
	return p, nil
}

// ask sends q (with payload) and waits for the answer.
func (p *workerProc) ask(q request) (answer, error) {
	q.Size = len(q.payload)
	b, err := json.Marshal(q)
	if err != nil {
		return answer{}, err
	}
	if _, err := p.in.Write(append(b, '\n')); err != nil {
		return answer{}, fmt.Errorf("测试进程：%w", err)
	}
	if len(q.payload) > 0 {
		if _, err := p.in.Write(q.payload); err != nil {
			return answer{}, fmt.Errorf("测试进程：%w", err)
		}
	}
	line, err := p.out.ReadBytes('\n')
	if err != nil {
		return answer{}, fmt.Errorf("测试进程无应答：%w", err)
	}
	var a answer
	if err := json.Unmarshal(line, &a); err != nil {
		return answer{}, err
	}
	if a.Err != "" {
		return a, errors.New(a.Err)
	}
	return a, nil
}

// importDocs stores docs through the worker and returns the time spent
// in SaveDocuments.
func (p *workerProc) importDocs(docs []*jixiao.Document) (took time.Duration, peakMB float64, err error) {
	var buf bytes.Buffer
	if err := jsondoc.Encode(&buf, docs); err != nil {
		return 0, 0, err
	}
	a, err := p.ask(request{Op: "import", payload: buf.Bytes()})
	return time.Duration(a.Seconds * float64(time.Second)), a.PeakMB, err
}

// peakRSSMB is the worker's VmHWM, read from /proc/PID/status; 0 for a
// worker in this process or when /proc is absent.
func (p *workerProc) peakRSSMB() float64 {
	if p.cmd == nil || p.cmd.Process == nil {
		return 0
	}
	return vmHWM("/proc/" + strconv.Itoa(p.cmd.Process.Pid) + "/status")
}

// close asks the worker to exit and waits for it.
func (p *workerProc) close() {
	p.ask(request{Op: "exit"})
	p.in.Close()
	select {
	case <-p.done:
	case <-time.After(10 * time.Second):
		if p.cmd != nil && p.cmd.Process != nil {
			p.cmd.Process.Kill()
		}
	}
}

// writeHeapProfile writes the heap profile after step q into dir, one file
// per kind of step (the last of each kind is kept), for finding what
// holds the worker's memory.
func writeHeapProfile(dir string, q request) {
	name := q.Op
	if q.Step != "" || q.Kind != "" {
		name += "-" + q.Step + q.Kind
	}
	f, err := os.Create(filepath.Join(dir, "heap-"+name+".pprof"))
	if err != nil {
		return
	}
	defer f.Close()
	pprof.WriteHeapProfile(f)
}

// vmHWM reads the peak resident set in MB from a /proc status file.
func vmHWM(path string) float64 {
	b, err := os.ReadFile(path)
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		if rest, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			f := strings.Fields(rest)
			if len(f) > 0 {
				kb, _ := strconv.ParseFloat(f[0], 64)
				return kb / 1024
			}
		}
	}
	return 0
}
