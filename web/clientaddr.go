package web

import (
	"net/http"
	"net/netip"
	"strings"
)

// clientIP is the address of the client that sent r, for the rate limit
// and the logs; see clientAddr.
func (s *server) clientIP(r *http.Request) string {
	return clientAddr(r, s.opt.TrustedProxies)
}

// clientAddr is the client's address. It is the connection's peer unless
// the peer is a trusted proxy: then X-Forwarded-For is read from the right
// (each proxy appends the address it received from) and the first address
// that is not itself a trusted proxy is the client. Entries left of it
// were written by the client and are never looked at, so they cannot be
// spoofed. A missing or malformed header gives the peer; a chain of only
// trusted proxies gives its first address.
func clientAddr(r *http.Request, trusted []netip.Prefix) string {
	peer, ok := peerAddr(r.RemoteAddr)
	if !ok {
		return r.RemoteAddr
	}
	if !inPrefixes(peer, trusted) {
		return peer.String()
	}
	var hops []string
	for _, h := range r.Header.Values("X-Forwarded-For") {
		hops = append(hops, strings.Split(h, ",")...)
	}
	if len(hops) == 0 {
		return peer.String()
	}
	var a netip.Addr
	for i := len(hops) - 1; i >= 0; i-- {
		var err error
		a, err = netip.ParseAddr(strings.TrimSpace(hops[i]))
		if err != nil {
			return peer.String()
		}
		a = a.Unmap().WithZone("")
		if !inPrefixes(a, trusted) {
			return a.String()
		}
	}
	return a.String()
}

// peerAddr is the address of a connection's remote end, "host:port" as
// net/http gives it (or a bare address, as some tests set it).
func peerAddr(remote string) (netip.Addr, bool) {
	if ap, err := netip.ParseAddrPort(remote); err == nil {
		return ap.Addr().Unmap().WithZone(""), true
	}
	if a, err := netip.ParseAddr(remote); err == nil {
		return a.Unmap().WithZone(""), true
	}
	return netip.Addr{}, false
}

func inPrefixes(a netip.Addr, ps []netip.Prefix) bool {
	for _, p := range ps {
		if p.Contains(a) {
			return true
		}
	}
	return false
}
