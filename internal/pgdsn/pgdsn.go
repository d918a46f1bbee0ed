// Package pgdsn edits PostgreSQL connection strings, in either of their
// forms (URL or key=value), for code that runs the product in a schema of
// its own: the tests and the benchmark.
package pgdsn

import (
	"net/url"
	"strings"
)

// WithSearchPath returns dsn with search_path set to schema.
func WithSearchPath(dsn, schema string) string {
	if strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://") {
		if u, err := url.Parse(dsn); err == nil {
			q := u.Query()
			q.Set("search_path", schema)
			u.RawQuery = q.Encode()
			return u.String()
		}
	}
	return strings.TrimSpace(dsn) + " search_path=" + schema
}
