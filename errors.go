package jixiao

import (
	"errors"
	"fmt"
)

// Errors that callers branch on; the web maps them to HTTP status codes.
var (
	ErrNotFound = errors.New("未找到")
	// ErrConflict: the thing was changed by someone else since it was read.
	ErrConflict = errors.New("数据已被他人修改，请刷新后重试")
)

// ImportError says what is wrong with an input file and where: the file,
// the goal table's title (or sheet), and the 1-based line (or row).
// Its message is Chinese, for the user who supplied the file.
type ImportError struct {
	File  string
	Table string
	Line  int
	Msg   string
}

func (e *ImportError) Error() string {
	s := e.File
	if s == "" {
		s = "输入"
	}
	if e.Table != "" {
		s += "，表“" + e.Table + "”"
	}
	if e.Line > 0 {
		s += fmt.Sprintf("，第%d行", e.Line)
	}
	return s + "：" + e.Msg
}
