// Package jsondoc reads and writes the jixiao/v1 JSON exchange format
// (FORMAT.md): the same shape for export, import, the HTTP API and tests.
// Export is deterministic, so export → import → export is byte-identical.
package jsondoc

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"

	"jixiao"
)

// FormatName is the value of the top-level "format" field.
const FormatName = "jixiao/v1"

// MaxSize bounds an input file (20 MB), like every importer.
const MaxSize = 20 << 20

// File is the top-level object.
type File struct {
	Format    string     `json:"format"`
	Documents []Document `json:"documents"`
}

// Document is one unit's goals for one year.
type Document struct {
	Unit     Unit      `json:"unit"`
	Year     int       `json:"year"`
	Preset   string    `json:"preset,omitempty"`
	Overall  Overall   `json:"overall"`
	Projects []Project `json:"projects"`
}

// Unit is the budget unit.
type Unit struct {
	Code string `json:"code"`
	Name string `json:"name"`
}

// Overall is part one of the document.
type Overall struct {
	Goals        []Goal        `json:"goals"`
	ProjectGoals []ProjectGoal `json:"project_goals"`
	Measures     []Measure     `json:"measures"`
}

// Goal is an overall goal section.
type Goal struct {
	Heading string   `json:"heading"`
	Items   []string `json:"items"`
}

// ProjectGoal is a 分项绩效目标 paragraph.
type ProjectGoal struct {
	Project string `json:"project"`
	Text    string `json:"text"`
}

// Measure is a 工作保障措施 item.
type Measure struct {
	Heading string `json:"heading"`
	Text    string `json:"text"`
}

// Project is one goal table and its records.
type Project struct {
	Code       string      `json:"code"`
	Name       string      `json:"name"`
	BudgetFen  int64       `json:"budget_fen"`
	FiscalFen  int64       `json:"fiscal_fen"`
	OtherFen   int64       `json:"other_fen"`
	Purpose    string      `json:"purpose"`
	Goal       string      `json:"goal"`
	Plan       []Point     `json:"plan"`
	Indicators []Indicator `json:"indicators"`
	Spending   []Spending  `json:"spending,omitempty"`
	Progress   []Progress  `json:"progress,omitempty"`
	Evaluation *Evaluation `json:"evaluation,omitempty"`
}

// Point is a spending-plan checkpoint; percent is a JSON number.
type Point struct {
	By      string      `json:"by"`
	Percent json.Number `json:"percent"`
}

// Indicator is one row of the goal table.
type Indicator struct {
	Level1      string  `json:"level1"`
	Level2      string  `json:"level2"`
	Level3      string  `json:"level3"`
	Description string  `json:"description"`
	Value       string  `json:"value"`
	Basis       string  `json:"basis"`
	Target      *Target `json:"target,omitempty"`
	Weight      string  `json:"weight,omitempty"`
}

// Target is the parsed 指标值; number is an exact decimal string.
type Target struct {
	Kind      string `json:"kind"`
	Op        string `json:"op"`
	Number    string `json:"number,omitempty"`
	Unit      string `json:"unit,omitempty"`
	Date      string `json:"date,omitempty"`
	Direction string `json:"direction,omitempty"`
	Flag      string `json:"flag,omitempty"`
}

// Spending is a payment record. Records refer to each other by 1-based
// position in the project's list, so files do not depend on database ids.
type Spending struct {
	Date      string `json:"date"`
	AmountFen int64  `json:"amount_fen"`
	Note      string `json:"note"`
	Replaces  int    `json:"replaces,omitempty"`
	EnteredBy string `json:"entered_by,omitempty"`
	EnteredAt string `json:"entered_at,omitempty"`
}

// Progress is an indicator progress report.
type Progress struct {
	Indicator  int    `json:"indicator"`
	AsOf       string `json:"as_of"`
	Value      string `json:"value"`
	Cause      string `json:"cause"`
	Likelihood string `json:"likelihood"`
	Measures   string `json:"measures"`
	Replaces   int    `json:"replaces,omitempty"`
	EnteredBy  string `json:"entered_by,omitempty"`
	EnteredAt  string `json:"entered_at,omitempty"`
}

// Evaluation is the year-end self-evaluation input.
type Evaluation struct {
	AdjustedBudgetFen int64    `json:"adjusted_budget_fen"`
	ExecutedFen       *int64   `json:"executed_fen,omitempty"`
	Reason            string   `json:"reason,omitempty"`
	Actuals           []Actual `json:"actuals"`
	EnteredBy         string   `json:"entered_by,omitempty"`
	EnteredAt         string   `json:"entered_at,omitempty"`
}

// Actual is an indicator's year-end result.
type Actual struct {
	Indicator int    `json:"indicator"`
	Value     string `json:"value,omitempty"`
	Grade     string `json:"grade,omitempty"`
	Score     string `json:"score,omitempty"`
	Reason    string `json:"reason,omitempty"`
	Source    string `json:"source,omitempty"`
}

// Detect reports whether the bytes start a jixiao/v1 file: a JSON object
// whose "format" field names this format. Other JSON is not ours.
func Detect(head []byte) bool {
	h := bytes.TrimLeft(head, " \t\r\n\ufeff")
	return bytes.HasPrefix(h, []byte("{")) && bytes.Contains(head, []byte(`"format"`))
}

// Encode writes the documents, indented, ending with a newline.
func Encode(w io.Writer, docs []*jixiao.Document) error {
	e := NewEncoder(w)
	for _, d := range docs {
		if err := e.Add(d); err != nil {
			return err
		}
	}
	return e.Close()
}

// Encoder writes a jixiao/v1 file a document at a time, so that a file of
// many documents (a province's export) never has to be in memory whole:
// byte for byte what json.MarshalIndent of the File writes, as Encode.
type Encoder struct {
	w   io.Writer
	n   int // documents written
	err error
}

// NewEncoder returns an encoder writing to w; nothing is written until
// the first Add or Close.
func NewEncoder(w io.Writer) *Encoder { return &Encoder{w: w} }

// encoderHead opens the file up to its first document.
const encoderHead = "{\n  \"format\": \"" + FormatName + "\",\n  \"documents\": ["

// Add writes one document.
func (e *Encoder) Add(d *jixiao.Document) error {
	if e.err != nil {
		return e.err
	}
	b, err := json.MarshalIndent(fromDomain(d), "    ", "  ")
	if err != nil {
		e.err = err
		return err
	}
	sep := ",\n    "
	if e.n == 0 {
		sep = encoderHead + "\n    "
	}
	e.n++
	if _, e.err = io.WriteString(e.w, sep); e.err == nil {
		_, e.err = e.w.Write(b)
	}
	return e.err
}

// Close ends the file.
func (e *Encoder) Close() error {
	if e.err != nil {
		return e.err
	}
	tail := "\n  ]\n}\n"
	if e.n == 0 {
		tail = encoderHead + "]\n}\n"
	}
	_, e.err = io.WriteString(e.w, tail)
	return e.err
}

// Decode reads a jixiao/v1 file. Errors are *jixiao.ImportError naming the
// file and where in it (the document and project, or the line of a syntax
// error). Nothing is returned unless everything is valid.
func Decode(name string, data []byte) ([]*jixiao.Document, error) {
	fail := func(where string, line int, format string, a ...any) error {
		return &jixiao.ImportError{File: name, Table: where, Line: line, Msg: fmt.Sprintf(format, a...)}
	}
	if len(data) > MaxSize {
		return nil, fail("", 0, "文件大小 %d 字节，超过上限 %d MB", len(data), MaxSize>>20)
	}
	data = bytes.TrimPrefix(data, []byte("\ufeff"))
	var f File
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	if err := dec.Decode(&f); err != nil {
		line := 0
		var se *json.SyntaxError
		var te *json.UnmarshalTypeError
		switch {
		case asErr(err, &se):
			line = lineOf(data, se.Offset)
			return nil, fail("", line, "不是有效的 JSON：%v", se)
		case asErr(err, &te):
			line = lineOf(data, te.Offset)
			return nil, fail("", line, "字段 %s 的类型不对：应为 %s，实为 JSON %s", te.Field, goTypeName(te.Type.Kind().String()), te.Value)
		}
		return nil, fail("", 0, "不是有效的 JSON：%v", err)
	}
	if f.Format != FormatName {
		if f.Format == "" {
			return nil, fail("", 0, "缺少 \"format\": \"%s\" 字段，不是 jixiao 交换格式", FormatName)
		}
		return nil, fail("", 0, "格式“%s”不受支持，应为“%s”", f.Format, FormatName)
	}
	if len(f.Documents) == 0 {
		return nil, fail("", 0, "documents 为空，没有可导入的文档")
	}
	out := make([]*jixiao.Document, 0, len(f.Documents))
	for i, d := range f.Documents {
		doc, err := toDomain(d, func(where string, format string, a ...any) error {
			return fail(fmt.Sprintf("documents[%d]%s", i, where), 0, format, a...)
		})
		if err != nil {
			return nil, err
		}
		out = append(out, doc)
	}
	return out, nil
}

func lineOf(data []byte, off int64) int {
	if off > int64(len(data)) {
		off = int64(len(data))
	}
	return bytes.Count(data[:off], []byte("\n")) + 1
}

func goTypeName(kind string) string {
	switch kind {
	case "string":
		return "字符串"
	case "int", "int64", "float64":
		return "数字"
	case "slice":
		return "数组"
	case "struct", "map", "ptr":
		return "对象"
	}
	return kind
}
