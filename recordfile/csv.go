package recordfile

import (
	"bytes"
	"encoding/csv"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"

	"jixiao"
)

// readCSV reads a CSV file written in UTF-8 (with or without a byte-order
// mark) or, as Excel on a Chinese Windows saves it, in GBK: text that is
// not valid UTF-8 is taken as GBK.
func readCSV(name string, data []byte) ([]Table, error) {
	data = bytes.TrimPrefix(data, []byte("\ufeff"))
	if !utf8.Valid(data) {
		var err error
		if data, err = simplifiedchinese.GBK.NewDecoder().Bytes(data); err != nil {
			return nil, &jixiao.ImportError{File: name, Msg: "既不是 UTF-8 也不是 GBK 编码"}
		}
	}
	r := csv.NewReader(bytes.NewReader(data))
	r.FieldsPerRecord = -1
	r.LazyQuotes = true
	rows, err := r.ReadAll()
	if err != nil {
		line := 0
		if pe, ok := err.(*csv.ParseError); ok {
			line = pe.Line
		}
		return nil, &jixiao.ImportError{File: name, Line: line, Msg: "CSV 格式错误：" + err.Error()}
	}
	return []Table{{File: name, Rows: rows}}, nil
}
