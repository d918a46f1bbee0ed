package web

import (
	"bytes"
	"compress/gzip"
	"hash/crc32"
	"io"
	"math/rand/v2"
	"net/http/httptest"
	"strings"
	"testing"
)

func TestCRC32Combine(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for range 200 {
		a := make([]byte, r.IntN(3000))
		b := make([]byte, r.IntN(70000))
		for i := range a {
			a[i] = byte(r.Uint32())
		}
		for i := range b {
			b[i] = byte(r.Uint32())
		}
		want := crc32.ChecksumIEEE(append(append([]byte(nil), a...), b...))
		if got := crc32Combine(crc32.ChecksumIEEE(a), crc32.ChecksumIEEE(b), len(b)); got != want {
			t.Fatalf("combine(%d, %d bytes) = %08x, want %08x", len(a), len(b), got, want)
		}
	}
}

// TestGzipParts checks that a page assembled from separately deflated
// parts and a token is a gzip stream of exactly the joined bytes, which
// the standard reader (as browsers' zlib) takes with its CRC and length
// checks, and that the plain path gives the same bytes.
func TestGzipParts(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	page := strings.Repeat("<tr><td>乐亭县市场监督管理局</td><td>食品安全抽检</td></tr>\n", 400)
	for trial := range 100 {
		var parts [][]byte
		for range 1 + r.IntN(5) {
			start := r.IntN(len(page))
			end := start + r.IntN(len(page)-start)
			if trial%10 == 0 {
				end = start // empty parts: a token first, last, or twice in a row
			}
			parts = append(parts, []byte(page[start:end]))
		}
		sep := []byte(newToken())
		want := bytes.Join(parts, sep)
		gz, err := compressParts(parts)
		if err != nil {
			t.Fatal(err)
		}
		var out bytes.Buffer
		if err := writeGzip(&out, gz, sep); err != nil {
			t.Fatal(err)
		}
		if out.Len() != gzipLen(gz, sep) {
			t.Fatalf("gzipLen %d, wrote %d", gzipLen(gz, sep), out.Len())
		}
		zr, err := gzip.NewReader(&out)
		if err != nil {
			t.Fatal(err)
		}
		zr.Multistream(false)
		got, err := io.ReadAll(zr)
		if err != nil {
			t.Fatalf("trial %d: %v", trial, err)
		}
		if !bytes.Equal(got, want) {
			t.Fatalf("trial %d: got %d bytes, want %d", trial, len(got), len(want))
		}
		var plain bytes.Buffer
		if err := writePlain(&plain, gz, sep); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(plain.Bytes(), want) {
			t.Fatalf("trial %d: plain differs", trial)
		}
	}
}

func TestAcceptsGzip(t *testing.T) {
	for h, want := range map[string]bool{
		"":                          false,
		"gzip":                      true,
		"gzip, deflate, br, zstd":   true,
		"deflate, gzip;q=0.5":       true,
		"br;q=1.0, gzip;q=0":        false,
		"identity":                  false,
		"*":                         true,
		"GZIP":                      true,
		"gzip ; q=0.000":            false,
		"compress, x-gzip":          true,
		"gzipx":                     false,
		"deflate;q=1, identity;q=0": false,
	} {
		r := httptest.NewRequest("GET", "/", nil)
		if h != "" {
			r.Header.Set("Accept-Encoding", h)
		}
		if got := acceptsGzip(r); got != want {
			t.Errorf("Accept-Encoding %q: %v, want %v", h, got, want)
		}
	}
}
