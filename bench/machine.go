package bench

import (
	"bufio"
	"context"
	"database/sql"
	"os"
	"runtime"
	"strconv"
	"strings"

	_ "github.com/jackc/pgx/v5/stdlib" // driver "pgx"
	_ "modernc.org/sqlite"             // driver "sqlite"
)

// Machine is what the figures were measured on, read at run time.
type Machine struct {
	CPUs        int    `json:"cpus"`
	CPUModel    string `json:"cpu_model"`
	MemoryMB    int64  `json:"memory_mb"`
	LoadAverage string `json:"load_average"` // at the start: a busy machine shows here
	Go          string `json:"go"`
	SQLite      string `json:"sqlite"`       // the embedded library's version
	SQLiteShell string `json:"sqlite_shell"` // the sqlite3 command's, "" when absent
	PostgreSQL  string `json:"postgresql,omitempty"`
	OS          string `json:"os"`
}

func readMachine(ctx context.Context, pg string) Machine {
	m := Machine{CPUs: runtime.NumCPU(), Go: runtime.Version(), OS: runtime.GOOS + "/" + runtime.GOARCH,
		SQLiteShell: sqliteShellVersion()}
	m.CPUModel = procField("/proc/cpuinfo", "model name")
	if kb, err := strconv.ParseInt(strings.Fields(procField("/proc/meminfo", "MemTotal") + " 0")[0], 10, 64); err == nil {
		m.MemoryMB = kb / 1024
	}
	if b, err := os.ReadFile("/proc/loadavg"); err == nil {
		f := strings.Fields(string(b))
		if len(f) >= 3 {
			m.LoadAverage = strings.Join(f[:3], " ")
		}
	}
	if db, err := sql.Open("sqlite", ":memory:"); err == nil {
		db.QueryRowContext(ctx, "SELECT sqlite_version()").Scan(&m.SQLite)
		db.Close()
	}
	if pg != "" {
		if db, err := sql.Open("pgx", pg); err == nil {
			db.QueryRowContext(ctx, "SHOW server_version").Scan(&m.PostgreSQL)
			db.Close()
		}
	}
	return m
}

// procField returns the value of the first "name: value" line of a /proc
// file, or "".
func procField(path, name string) string {
	f, err := os.Open(path)
	if err != nil {
		return ""
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		k, v, ok := strings.Cut(sc.Text(), ":")
		if ok && strings.TrimSpace(k) == name {
			return strings.TrimSpace(v)
		}
	}
	return ""
}

// peakRSSMB is the process's peak resident set (VmHWM), in MB.
func peakRSSMB() float64 {
	v := strings.Fields(procField("/proc/self/status", "VmHWM"))
	if len(v) == 0 {
		return 0
	}
	kb, _ := strconv.ParseFloat(v[0], 64)
	return kb / 1024
}
