package bench

import (
	"bytes"
	"compress/gzip"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// loadResult is one page kind under concurrent clients.
type loadResult struct {
	Requests   int
	Errors     int
	Seconds    float64
	PerSecond  float64
	P50ms      float64
	P99ms      float64
	Bytes      int64 // mean response size
	FirstError string
}

// serve starts h on a loopback port and returns its base URL and a stop
// function.
func serve(h http.Handler) (string, func(), error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", nil, err
	}
	srv := &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second}
	go srv.Serve(ln)
	stop := func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		srv.Shutdown(ctx)
	}
	return "http://" + ln.Addr().String(), stop, nil
}

// load requests the URLs round robin from clients goroutines until count
// requests are done or max has passed, whichever is first, and measures
// each request's latency. Only 200 responses count as success.
func load(ctx context.Context, client *http.Client, urls []string, clients, count int, max time.Duration) loadResult {
	var next atomic.Int64
	var errs atomic.Int64
	var size atomic.Int64
	var firstErr atomic.Value
	lat := make([][]time.Duration, clients)
	deadline := time.Now().Add(max)
	start := time.Now()
	var wg sync.WaitGroup
	for c := range clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := next.Add(1) - 1
				if int(i) >= count || time.Now().After(deadline) || ctx.Err() != nil {
					return
				}
				t := time.Now()
				req, _ := http.NewRequestWithContext(ctx, "GET", urls[int(i)%len(urls)], nil)
				req.Header.Set("Accept-Encoding", "gzip")
				resp, err := client.Do(req)
				if err == nil {
					n, _ := io.Copy(io.Discard, resp.Body)
					resp.Body.Close()
					size.Add(n)
					if resp.StatusCode != http.StatusOK {
						err = fmt.Errorf("%s: HTTP %d", req.URL.Path, resp.StatusCode)
					}
				}
				if err != nil {
					errs.Add(1)
					firstErr.CompareAndSwap(nil, err.Error())
					continue
				}
				lat[c] = append(lat[c], time.Since(t))
			}
		}()
	}
	wg.Wait()
	el := time.Since(start)
	var all []time.Duration
	for _, l := range lat {
		all = append(all, l...)
	}
	slices.Sort(all)
	r := loadResult{Requests: len(all), Errors: int(errs.Load()), Seconds: el.Seconds()}
	if s, ok := firstErr.Load().(string); ok {
		r.FirstError = s
	}
	if len(all) > 0 {
		r.PerSecond = float64(len(all)) / el.Seconds()
		r.P50ms = ms(all[len(all)*50/100])
		r.P99ms = ms(all[min(len(all)-1, len(all)*99/100)])
		r.Bytes = size.Load() / int64(len(all)+r.Errors)
	}
	return r
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

// fixedPage serves the same bytes on every request with the page's
// content type: the static baseline of a page of that size. Like a static
// file server with a precompressed copy, it sends the gzip of the bytes
// (compressed once, at the best ratio) to a client that takes gzip.
func fixedPage(body []byte) http.Handler {
	var gz bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&gz, gzip.BestCompression)
	zw.Write(body)
	zw.Close()
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		if strings.Contains(r.Header.Get("Accept-Encoding"), "gzip") {
			w.Header().Set("Content-Encoding", "gzip")
			w.Write(gz.Bytes())
			return
		}
		w.Write(body)
	})
}
