package review

import (
	"encoding/json"
	"io"
)

// findingJSON is a Finding as the CLI and the API write it; indicator is
// left out for findings about a project or the document as a whole.
type findingJSON struct {
	Rule      string   `json:"rule"`
	Severity  Severity `json:"severity"`
	Project   string   `json:"project"`
	Indicator *int     `json:"indicator,omitempty"`
	Message   string   `json:"message"`
	Fix       string   `json:"fix"`
	Basis     string   `json:"basis"`
}

// MarshalJSON writes the CLI contract's finding shape.
func (f Finding) MarshalJSON() ([]byte, error) {
	j := findingJSON{f.Rule, f.Severity, f.Project, nil, f.Message, f.Fix, f.Basis}
	if f.Indicator > 0 {
		n := f.Indicator
		j.Indicator = &n
	}
	return json.Marshal(j)
}

// UnmarshalJSON reads what MarshalJSON wrote; a missing or null
// indicator is 0 (project-level).
func (f *Finding) UnmarshalJSON(b []byte) error {
	var j findingJSON
	if err := json.Unmarshal(b, &j); err != nil {
		return err
	}
	*f = Finding{Rule: j.Rule, Severity: j.Severity, Project: j.Project,
		Message: j.Message, Fix: j.Fix, Basis: j.Basis}
	if j.Indicator != nil {
		f.Indicator = *j.Indicator
	}
	return nil
}

// WriteJSON writes the report in the CLI's JSON shape:
// {"findings":[{"rule","severity","project","indicator","message","fix","basis"}],
// "projects":[{"code","grade","errors","warnings",…}], plus unit, year,
// preset and summary.
func WriteJSON(w io.Writer, r Report) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(r)
}
