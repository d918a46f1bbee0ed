package store

import (
	"bufio"
	"os"
	"os/exec"
	"path/filepath"
	"runtime/debug"
	"strings"
	"testing"
)

// libcPinned is the modernc.org/libc version that modernc.org/sqlite v1.62.0
// requires in its go.mod. It is used only when that go.mod cannot be found
// in the module cache at test time; update it together with the sqlite module.
const libcPinned = "v1.80.1"

// modernc.org/sqlite is generated C translated to Go against one exact
// modernc.org/libc; a newer libc picked by minimal version selection (because
// another module wants it) compiles but can corrupt memory at run time. The
// libc in the build must be the one sqlite's go.mod names.
func TestLibcMatchesSQLite(t *testing.T) {
	sqliteV, libcV, how := buildVersions(t)
	want, from := requiredLibc(t, sqliteV)
	if libcV != want {
		t.Fatalf("modernc.org/libc %s is in the build, but modernc.org/sqlite %s requires %s (%s); "+
			"pin libc to that version in go.mod", libcV, sqliteV, want, from)
	}
	t.Logf("modernc.org/sqlite %s with modernc.org/libc %s (build: %s; requirement: %s)", sqliteV, libcV, how, from)
}

// buildVersions returns the versions of modernc.org/sqlite and
// modernc.org/libc linked into this binary. A test binary's build
// information usually lists no dependencies (golang/go#33976); the build
// list of the module, which is what the binary was linked from, is then
// asked of the go command.
func buildVersions(t *testing.T) (sqliteV, libcV, how string) {
	if info, ok := debug.ReadBuildInfo(); ok {
		for _, m := range info.Deps {
			if m.Replace != nil {
				m = m.Replace
			}
			switch m.Path {
			case "modernc.org/sqlite":
				sqliteV = m.Version
			case "modernc.org/libc":
				libcV = m.Version
			}
		}
		if sqliteV != "" && libcV != "" {
			return sqliteV, libcV, "runtime/debug.ReadBuildInfo"
		}
	}
	out, err := exec.Command("go", "list", "-m", "-f", "{{.Path}} {{.Version}}", "modernc.org/sqlite", "modernc.org/libc").Output()
	if err != nil {
		t.Fatalf("the test binary names no modules and go list failed: %v", err)
	}
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		path, v, _ := strings.Cut(line, " ")
		switch path {
		case "modernc.org/sqlite":
			sqliteV = v
		case "modernc.org/libc":
			libcV = v
		}
	}
	if sqliteV == "" || libcV == "" {
		t.Fatalf("build has modernc.org/sqlite %q and modernc.org/libc %q; want both", sqliteV, libcV)
	}
	return sqliteV, libcV, "go list -m"
}

// requiredLibc reads the libc requirement from modernc.org/sqlite's own
// go.mod in the module cache, falling back to libcPinned.
func requiredLibc(t *testing.T, sqliteV string) (version, from string) {
	cache := os.Getenv("GOMODCACHE")
	if cache == "" {
		if out, err := exec.Command("go", "env", "GOMODCACHE").Output(); err == nil {
			cache = strings.TrimSpace(string(out))
		}
	}
	if cache != "" {
		for _, p := range []string{
			filepath.Join(cache, "cache", "download", "modernc.org", "sqlite", "@v", sqliteV+".mod"),
			filepath.Join(cache, "modernc.org", "sqlite@"+sqliteV, "go.mod"),
		} {
			if v := libcRequirement(p); v != "" {
				return v, p
			}
		}
	}
	if sqliteV != "v1.62.0" {
		t.Fatalf("modernc.org/sqlite is %s but its go.mod is not in the module cache and libcPinned is for v1.62.0; update libcPinned", sqliteV)
	}
	return libcPinned, "libcPinned"
}

// libcRequirement returns the modernc.org/libc version required by the
// go.mod file at path, or "" if it cannot be read.
func libcRequirement(path string) string {
	f, err := os.Open(path)
	if err != nil {
		return ""
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		fields := strings.Fields(strings.TrimPrefix(strings.TrimSpace(sc.Text()), "require "))
		if len(fields) >= 2 && fields[0] == "modernc.org/libc" {
			return fields[1]
		}
	}
	return ""
}
