package web

import (
	"fmt"
	"io"
	"mime/multipart"
)

// tooBigError is an uploaded file over its limit, said with its name.
type tooBigError struct {
	name      string
	size, max int64
}

func (e *tooBigError) Error() string {
	return fmt.Sprintf("%s：文件大小 %.1f MB，超过上限 %d MB", e.name, float64(e.size)/(1<<20), e.max>>20)
}

// readUpload reads an uploaded file whole, refusing one over max bytes
// with a *tooBigError: by the size the multipart reader measured, before
// reading, and again by what is read, never more than max+1 bytes.
func readUpload(fh *multipart.FileHeader, max int64) ([]byte, error) {
	if fh.Size > max {
		return nil, &tooBigError{fh.Filename, fh.Size, max}
	}
	f, err := fh.Open()
	if err != nil {
		return nil, err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, max+1))
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > max {
		return nil, &tooBigError{fh.Filename, int64(len(data)), max}
	}
	return data, nil
}
