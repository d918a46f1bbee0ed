package web

import (
	"bytes"
	"compress/flate"
	"encoding/binary"
	"hash/crc32"
	"io"
	"net/http"
	"strings"
)

// Cached pages are kept compressed: a province's department, project and
// monitoring pages are about 200 MB as HTML and a tenth of that
// compressed, so all of them fit in memory, and a browser gets a tenth
// of the bytes over a county's network.
//
// A cached page is cut where the CSRF token goes (pagecache.go). Each part
// is compressed on its own as raw deflate ending in a sync flush (byte
// aligned, not final), so a response is assembled without compressing
// anything: the gzip header, the parts with each request's token between
// them as stored (uncompressed) deflate blocks, an empty final block, and
// the CRC-32 and length of the whole, the CRC combined from the parts'
// CRCs. The token is never compressed together with anything, so the size
// of a response says nothing about it (no BREACH-style guessing).

// gzPart is one part of a page: its deflate blocks, and the CRC-32 and
// length of its uncompressed bytes.
type gzPart struct {
	deflated []byte
	crc      uint32
	n        int
}

// compressParts deflates each part on its own.
func compressParts(parts [][]byte) ([]gzPart, error) {
	out := make([]gzPart, len(parts))
	var buf bytes.Buffer
	fw, err := flate.NewWriter(&buf, flate.BestSpeed)
	if err != nil {
		return nil, err
	}
	for i, p := range parts {
		buf.Reset()
		fw.Reset(&buf)
		if _, err := fw.Write(p); err != nil {
			return nil, err
		}
		if err := fw.Flush(); err != nil { // sync flush: byte aligned, not final
			return nil, err
		}
		out[i] = gzPart{deflated: bytes.Clone(buf.Bytes()), crc: crc32.ChecksumIEEE(p), n: len(p)}
	}
	return out, nil
}

// gzipHeader is a gzip member header: deflate, no name, no time, OS unknown.
var gzipHeader = []byte{0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff}

// finalBlock is an empty stored deflate block marked final.
var finalBlock = []byte{1, 0, 0, 0xff, 0xff}

// writeGzip writes the parts joined by sep as one gzip stream.
func writeGzip(w io.Writer, parts []gzPart, sep []byte) error {
	if len(sep) > 0xffff {
		return io.ErrShortBuffer
	}
	var stored [5]byte // BFINAL=0, BTYPE=00, then LEN and its complement
	binary.LittleEndian.PutUint16(stored[1:], uint16(len(sep)))
	binary.LittleEndian.PutUint16(stored[3:], ^uint16(len(sep)))
	sepCRC := crc32.ChecksumIEEE(sep)
	var crc uint32
	var size int
	if _, err := w.Write(gzipHeader); err != nil {
		return err
	}
	for i, p := range parts {
		if i > 0 {
			if _, err := w.Write(stored[:]); err != nil {
				return err
			}
			if _, err := w.Write(sep); err != nil {
				return err
			}
			crc, size = crc32Combine(crc, sepCRC, len(sep)), size+len(sep)
		}
		if _, err := w.Write(p.deflated); err != nil {
			return err
		}
		crc, size = crc32Combine(crc, p.crc, p.n), size+p.n
	}
	var trailer [8]byte
	binary.LittleEndian.PutUint32(trailer[:], crc)
	binary.LittleEndian.PutUint32(trailer[4:], uint32(size))
	if _, err := w.Write(finalBlock); err != nil {
		return err
	}
	_, err := w.Write(trailer[:])
	return err
}

// gzipLen is the length of what writeGzip writes.
func gzipLen(parts []gzPart, sep []byte) int {
	n := len(gzipHeader) + len(finalBlock) + 8
	for i, p := range parts {
		if i > 0 {
			n += 5 + len(sep)
		}
		n += len(p.deflated)
	}
	return n
}

// writePlain writes the parts joined by sep uncompressed, for the few
// clients that do not take gzip.
func writePlain(w io.Writer, parts []gzPart, sep []byte) error {
	for i, p := range parts {
		if i > 0 {
			if _, err := w.Write(sep); err != nil {
				return err
			}
		}
		fr := flate.NewReader(io.MultiReader(bytes.NewReader(p.deflated), bytes.NewReader(finalBlock)))
		_, err := io.Copy(w, fr)
		fr.Close()
		if err != nil {
			return err
		}
	}
	return nil
}

// acceptsGzip reports whether the request's Accept-Encoding takes gzip
// (named, or by *, with a quality other than 0).
func acceptsGzip(r *http.Request) bool {
	for _, h := range r.Header.Values("Accept-Encoding") {
		for f := range strings.SplitSeq(h, ",") {
			name, params, _ := strings.Cut(strings.TrimSpace(f), ";")
			name = strings.ToLower(strings.TrimSpace(name))
			if name != "gzip" && name != "x-gzip" && name != "*" {
				continue
			}
			q := strings.ReplaceAll(strings.ToLower(params), " ", "")
			if q == "q=0" || q == "q=0.0" || q == "q=0.00" || q == "q=0.000" {
				return false
			}
			return true
		}
	}
	return false
}

// crc32Combine returns the CRC-32 (IEEE) of A followed by B from the CRCs
// of A and B and the length of B (zlib's crc32_combine): crcA shifted by
// lenB bytes of zeros in GF(2), then added to crcB.
func crc32Combine(crcA, crcB uint32, lenB int) uint32 {
	return multModP(x8nModP(lenB), crcA) ^ crcB
}

// multModP multiplies a and b modulo the CRC-32 polynomial (reflected).
func multModP(a, b uint32) uint32 {
	m := uint32(1) << 31
	var p uint32
	for {
		if a&m != 0 {
			p ^= b
			if a&(m-1) == 0 {
				break
			}
		}
		m >>= 1
		if b&1 != 0 {
			b = b>>1 ^ crc32.IEEE
		} else {
			b >>= 1
		}
	}
	return p
}

// x2nTable[k] is x^(2^k) modulo the polynomial.
var x2nTable = func() (t [32]uint32) {
	p := uint32(1) << 30 // x^1
	t[0] = p
	for k := 1; k < 32; k++ {
		p = multModP(p, p)
		t[k] = p
	}
	return t
}()

// x8nModP is x^(8n) modulo the polynomial: n bytes of shift.
func x8nModP(n int) uint32 {
	p := uint32(1) << 31 // x^0
	k := 3
	for n > 0 {
		if n&1 != 0 {
			p = multModP(x2nTable[k&31], p)
		}
		n >>= 1
		k++
	}
	return p
}
