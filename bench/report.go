package bench

import (
	"encoding/json"
	"fmt"
	"io"
	"text/tabwriter"
)

// Figure is one measurement beside its baseline.
type Figure struct {
	Engine        string  `json:"engine"` // sqlite, postgres, process
	Key           string  `json:"key"`
	Label         string  `json:"label"` // Chinese and English
	Value         float64 `json:"value"`
	Unit          string  `json:"unit"`
	Baseline      float64 `json:"baseline"`
	BaselineLabel string  `json:"baseline_label"`
	Ratio         float64 `json:"ratio"`  // Value ÷ Baseline
	Target        string  `json:"target"` // e.g. "≥ 0.5 × baseline"; "" when there is none
	OK            bool    `json:"ok"`
	Note          string  `json:"note,omitempty"`
}

// Report is a whole run.
type Report struct {
	Machine         Machine  `json:"machine"`
	Units           int      `json:"units"`
	ProjectsPerUnit int      `json:"projects_per_unit"`
	Seed            uint64   `json:"seed"`
	Clients         int      `json:"clients"`
	PeakRSSMB       float64  `json:"peak_rss_mb"`
	Figures         []Figure `json:"figures"`
}

func (r *Report) add(f Figure) { r.Figures = append(r.Figures, f) }

// Passed reports whether every figure with a target met it.
func (r *Report) Passed() bool {
	for _, f := range r.Figures {
		if f.Target != "" && !f.OK {
			return false
		}
	}
	return true
}

// WriteJSON writes the report as indented JSON.
func (r *Report) WriteJSON(w io.Writer) error {
	b, err := json.MarshalIndent(r, "", "  ")
	if err != nil {
		return err
	}
	_, err = w.Write(append(b, '\n'))
	return err
}

// WriteTable writes the machine and the figures as an aligned table.
func (r *Report) WriteTable(w io.Writer) error {
	m := r.Machine
	fmt.Fprintf(w, "机器 Machine: %d CPU (%s), %d MB, load %s, %s, %s\n", m.CPUs, m.CPUModel, m.MemoryMB, m.LoadAverage, m.Go, m.OS)
	fmt.Fprintf(w, "SQLite %s (sqlite3 shell %s)", m.SQLite, orNone(m.SQLiteShell))
	if m.PostgreSQL != "" {
		fmt.Fprintf(w, ", PostgreSQL %s", m.PostgreSQL)
	}
	fmt.Fprintf(w, "\n规模 Scale: %d 个单位 units × %d 个项目 projects, seed %d, %d clients\n\n", r.Units, r.ProjectsPerUnit, r.Seed, r.Clients)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "引擎 Engine\t项目 Measure\t值 Value\t基线 Baseline\t比 Ratio\t目标 Target\t结果 Result")
	for _, f := range r.Figures {
		if f.Unit == "" {
			fmt.Fprintf(tw, "%s\t%s\t-\t-\t-\t-\t未测 n/a\n", f.Engine, f.Label)
			continue
		}
		res := "达标 ok"
		switch {
		case f.Target == "":
			res = "-"
		case !f.OK:
			res = "未达标 MISS"
		}
		base := "-"
		if f.Baseline != 0 {
			base = fmt.Sprintf("%s %s (%s)", num(f.Baseline), f.Unit, f.BaselineLabel)
		}
		ratio := "-"
		if f.Ratio != 0 {
			ratio = fmt.Sprintf("%.2f", f.Ratio)
		}
		fmt.Fprintf(tw, "%s\t%s\t%s %s\t%s\t%s\t%s\t%s\n", f.Engine, f.Label, num(f.Value), f.Unit, base, ratio, orNone(f.Target), res)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintln(w, "\n说明 Notes:")
	for _, f := range r.Figures {
		if f.Note != "" {
			fmt.Fprintf(w, "  %s %s: %s\n", f.Engine, f.Key, f.Note)
		}
	}
	return nil
}

func num(v float64) string {
	switch {
	case v >= 100:
		return fmt.Sprintf("%.0f", v)
	case v >= 1:
		return fmt.Sprintf("%.2f", v)
	}
	return fmt.Sprintf("%.4f", v)
}

func orNone(s string) string {
	if s == "" {
		return "-"
	}
	return s
}
