package textdoc

import (
	"bytes"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// line is one line of the input after bookmark markers are removed.
type line struct {
	no   int    // 1-based line number in the file
	cell bool   // a table cell: the line starts with a tab
	text string // the text, without the leading tab, trimmed of blanks
}

// blank reports whether the line carries nothing: no cell and no text.
func (l line) blank() bool { return !l.cell && l.text == "" }

// checkText refuses input that is not UTF-8 text and says why, with the
// line where the trouble starts. It returns "" and 0 when the input is text.
func checkText(data []byte) (msg string, lineNo int) {
	switch {
	case bytes.HasPrefix(data, []byte("PK\x03\x04")):
		return "这是 Word（.docx）或压缩文件，不是文本文档；请用 Word 的“另存为纯文本（UTF-8）”导出，或按 Word 文档导入", 1
	case bytes.HasPrefix(data, []byte{0xD0, 0xCF, 0x11, 0xE0}):
		return "这是旧版 Word/Excel（.doc/.xls）文件，不是文本文档；请另存为 UTF-8 纯文本后再导入", 1
	case bytes.HasPrefix(data, []byte("%PDF")):
		return "这是 PDF 文件，不是文本文档", 1
	case bytes.HasPrefix(data, []byte{0xFF, 0xFE}), bytes.HasPrefix(data, []byte{0xFE, 0xFF}):
		return "这是 UTF-16 编码的文本，请另存为 UTF-8 编码的纯文本后再导入", 1
	}
	no := 1
	for i := 0; i < len(data); {
		c := data[i]
		if c < utf8.RuneSelf {
			switch {
			case c == '\n':
				no++
			case c == 0:
				return "含有二进制数据（空字节），不是文本文档", no
			case c < 0x20 && c != '\t' && c != '\r' && c != '\f' && c != '\v':
				return fmt.Sprintf("含有控制字符（0x%02X），不是文本文档", c), no
			}
			i++
			continue
		}
		r, size := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && size <= 1 {
			return "不是 UTF-8 编码的文本文档（可能是 GBK 编码或二进制文件）；请另存为 UTF-8 编码的纯文本后再导入", no
		}
		i += size
	}
	return "", 0
}

// splitLines cuts UTF-8 text into lines, accepting LF and CRLF endings and a
// leading byte-order mark, and removes the [bookmark: …] markers that Word
// leaves in front of headings.
func splitLines(data []byte) []line {
	s := strings.TrimPrefix(string(data), "\uFEFF")
	raw := strings.Split(s, "\n")
	out := make([]line, 0, len(raw))
	for i, r := range raw {
		r = strings.TrimSuffix(r, "\r")
		r = stripBookmarks(r)
		l := line{no: i + 1}
		t := strings.TrimLeft(r, " ")
		if strings.HasPrefix(t, "\t") {
			l.cell = true
			r = t[1:]
		}
		l.text = trimBlank(r)
		out = append(out, l)
	}
	return out
}

// stripBookmarks removes every "[bookmark: name]" marker from a line.
func stripBookmarks(s string) string {
	const open = "[bookmark:"
	for {
		i := strings.Index(s, open)
		if i < 0 {
			return s
		}
		j := strings.IndexByte(s[i:], ']')
		if j < 0 {
			return s
		}
		s = s[:i] + s[i+j+1:]
	}
}

// isBlank is true for the ideographic space (U+3000) and every other space.
func isBlank(r rune) bool { return r == '\u3000' || unicode.IsSpace(r) }

// trimBlank trims spaces, tabs and U+3000 from both ends.
func trimBlank(s string) string { return strings.TrimFunc(s, isBlank) }

// norm folds a label cell for comparison: no blanks of any width, full-width
// ASCII forms made half-width ("其中：财政    资金" → "其中:财政资金").
func norm(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case isBlank(r):
			continue
		case r >= 0xFF01 && r <= 0xFF5E:
			r -= 0xFEE0
		}
		b.WriteRune(r)
	}
	return b.String()
}
