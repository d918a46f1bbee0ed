package main

import (
	"net/netip"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

func TestParseTrustedProxies(t *testing.T) {
	got, err := parseTrustedProxies(" 127.0.0.1/32, 10.1.2.3/8 ,::1,fd00::/8")
	if err != nil {
		t.Fatal(err)
	}
	want := []netip.Prefix{
		netip.MustParsePrefix("127.0.0.1/32"),
		netip.MustParsePrefix("10.0.0.0/8"),
		netip.MustParsePrefix("::1/128"),
		netip.MustParsePrefix("fd00::/8"),
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %v, want %v", got, want)
	}
	if got, err := parseTrustedProxies(""); err != nil || len(got) != 0 {
		t.Errorf("empty flag: %v %v", got, err)
	}
	for _, bad := range []string{"10.0.0.0/33", "nginx", "10.0.0.0/8,300.1.1.1"} {
		if _, err := parseTrustedProxies(bad); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
}

// A bad CIDR stops serve before it opens the database or listens.
func TestServeRefusesBadTrustedProxy(t *testing.T) {
	db := filepath.Join(t.TempDir(), "j.db")
	code, out, errs := jx(t, "serve", "--db", db, "--addr", "127.0.0.1:0", "--trusted-proxy", "127.0.0.1/32,10.0.0/8")
	if code == 0 || out != "" || !strings.Contains(errs, "--trusted-proxy 中的“10.0.0/8”不是有效的网段") {
		t.Fatalf("code %d, stdout %q, stderr %q", code, out, errs)
	}
}
