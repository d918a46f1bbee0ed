package web

import (
	"bytes"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"net/url"
	"strings"
	"testing"
	"time"
)

// proxyLogin submits the login form over a connection from peer with the
// given X-Forwarded-For header ("" for none).
func (e *env) proxyLogin(t testing.TB, name, peer, xff string) int {
	t.Helper()
	cookie, token := e.formToken(t)
	v := url.Values{csrfField: {token}, "username": {name}, "password": {"x"}}
	r := httptest.NewRequest(http.MethodPost, "/login", strings.NewReader(v.Encode()))
	r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	r.AddCookie(cookie)
	r.RemoteAddr = peer + ":40000"
	if xff != "" {
		r.Header.Set("X-Forwarded-For", xff)
	}
	res, _ := e.raw(t, r)
	return res.StatusCode
}

// behindProxy is an env whose server trusts 127.0.0.1 and 10.9.0.0/16 as
// proxies, with a frozen limiter clock and the log kept in a buffer.
func behindProxy(t *testing.T) (*env, *bytes.Buffer) {
	e := newEnv(t, false)
	var log bytes.Buffer
	s := newServer(e.st, Options{
		Logger:         slog.New(slog.NewTextHandler(&log, nil)),
		TrustedProxies: []netip.Prefix{netip.MustParsePrefix("127.0.0.1/32"), netip.MustParsePrefix("10.9.0.0/16")},
	})
	at := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	s.limiter.now = func() time.Time { return at }
	e.s, e.h = s, s
	return e, &log
}

// tries makes n sign-in attempts with distinct unknown names (so only the
// address bucket can run out) and counts the ones refused as too frequent.
func tries(t *testing.T, e *env, n int, peer, xff string) int {
	t.Helper()
	limited := 0
	for i := 0; i < n; i++ {
		if e.proxyLogin(t, peer+xff+string(rune('a'+i)), peer, xff) == http.StatusTooManyRequests {
			limited++
		}
	}
	return limited
}

func TestProxyClientsGetSeparateBuckets(t *testing.T) {
	e, log := behindProxy(t)
	if n := tries(t, e, 10, "127.0.0.1", "203.0.113.7"); n != 0 {
		t.Fatalf("first client limited %d times within its burst", n)
	}
	// The same proxy, another client: its own bucket.
	if n := tries(t, e, 10, "127.0.0.1", "203.0.113.8"); n != 0 {
		t.Errorf("second client behind the proxy limited %d times: clients share a bucket", n)
	}
	// The first client is now out of tokens.
	if n := tries(t, e, 1, "127.0.0.1", "203.0.113.7"); n != 1 {
		t.Error("first client not limited after its burst")
	}
	if !strings.Contains(log.String(), "ip=203.0.113.7") || strings.Contains(log.String(), "ip=127.0.0.1") {
		t.Errorf("log does not name the client behind the proxy:\n%s", log)
	}
}

func TestSpoofedForwardedForIgnored(t *testing.T) {
	e, _ := behindProxy(t)
	// An untrusted peer sends a new made-up address every time: all of
	// its tries count against its own address.
	limited := 0
	for i := 0; i < 12; i++ {
		if e.proxyLogin(t, "spoof"+string(rune('a'+i)), "198.51.100.5", "192.0.2."+string(rune('1'+i%9))) == http.StatusTooManyRequests {
			limited++
		}
	}
	if limited != 2 {
		t.Errorf("%d of 12 spoofed tries limited, want 2 (burst 10)", limited)
	}
	r := httptest.NewRequest(http.MethodGet, "/", nil)
	r.RemoteAddr = "198.51.100.5:5000"
	r.Header.Set("X-Forwarded-For", "192.0.2.1")
	if got := e.s.clientIP(r); got != "198.51.100.5" {
		t.Errorf("untrusted peer: %s", got)
	}
}

func TestClientAddr(t *testing.T) {
	trusted := []netip.Prefix{netip.MustParsePrefix("127.0.0.1/32"), netip.MustParsePrefix("10.9.0.0/16"), netip.MustParsePrefix("fd00::/8")}
	cases := []struct {
		peer  string
		xff   []string
		want  string
		cause string
	}{
		{"127.0.0.1:1", nil, "127.0.0.1", "no header: the proxy itself"},
		{"127.0.0.1:1", []string{"203.0.113.7"}, "203.0.113.7", "one proxy"},
		{"127.0.0.1:1", []string{"203.0.113.7, 10.9.4.4"}, "203.0.113.7", "client, otherproxy"},
		{"127.0.0.1:1", []string{"203.0.113.7", "10.9.4.4"}, "203.0.113.7", "the chain over two header lines"},
		{"127.0.0.1:1", []string{"6.6.6.6, 203.0.113.7, 10.9.4.4"}, "203.0.113.7", "what the client wrote left of its address is ignored"},
		{"127.0.0.1:1", []string{"not-an-ip, 203.0.113.7"}, "203.0.113.7", "garbage the client wrote is never read"},
		{"127.0.0.1:1", []string{"203.0.113.7, nonsense"}, "127.0.0.1", "malformed: the peer"},
		{"127.0.0.1:1", []string{"203.0.113.7,"}, "127.0.0.1", "empty entry: the peer"},
		{"127.0.0.1:1", []string{"203.0.113.7:443"}, "127.0.0.1", "address with port: the peer"},
		{"127.0.0.1:1", []string{"10.9.1.1, 10.9.2.2"}, "10.9.1.1", "only proxies: the first"},
		{"[fd00::1]:1", []string{"2001:db8::7"}, "2001:db8::7", "IPv6 proxy and client"},
		{"[::ffff:127.0.0.1]:1", []string{"::ffff:203.0.113.7"}, "203.0.113.7", "IPv4 in IPv6"},
		{"198.51.100.5:1", []string{"203.0.113.7"}, "198.51.100.5", "untrusted peer: header ignored"},
		{"10.10.0.1:1", []string{"203.0.113.7"}, "10.10.0.1", "just outside the trusted network"},
		{"pipe", []string{"203.0.113.7"}, "pipe", "no IP peer"},
	}
	for _, c := range cases {
		r := httptest.NewRequest(http.MethodGet, "/", nil)
		r.RemoteAddr = c.peer
		for _, h := range c.xff {
			r.Header.Add("X-Forwarded-For", h)
		}
		if got := clientAddr(r, trusted); got != c.want {
			t.Errorf("%s: peer %s, X-Forwarded-For %q: got %s, want %s", c.cause, c.peer, c.xff, got, c.want)
		}
	}
	// Without trusted proxies the header is never read.
	r := httptest.NewRequest(http.MethodGet, "/", nil)
	r.RemoteAddr = "127.0.0.1:1"
	r.Header.Set("X-Forwarded-For", "203.0.113.7")
	if got := clientAddr(r, nil); got != "127.0.0.1" {
		t.Errorf("no trusted proxies: %s", got)
	}
}
