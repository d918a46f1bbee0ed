package main

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"os"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"

	"jixiao"
)

// readCSV reads a CSV file written in UTF-8 (with or without a byte-order
// mark) or, as Excel on a Chinese Windows saves it, in GBK: text that is
// not valid UTF-8 is taken as GBK.
func readCSV(path string) ([]table, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, &jixiao.ImportError{File: path, Msg: fmt.Sprintf("无法读取：%v", err)}
	}
	data = bytes.TrimPrefix(data, []byte("\ufeff"))
	if !utf8.Valid(data) {
		if data, err = simplifiedchinese.GBK.NewDecoder().Bytes(data); err != nil {
			return nil, &jixiao.ImportError{File: path, Msg: "既不是 UTF-8 也不是 GBK 编码"}
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
		return nil, &jixiao.ImportError{File: path, Line: line, Msg: "CSV 格式错误：" + err.Error()}
	}
	return []table{{file: path, rows: rows}}, nil
}
