package web

import (
	"errors"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
)

// tooBigError is an uploaded file over its limit, said with its name.
type tooBigError struct {
	name      string
	size, max int64
}

func (e *tooBigError) Error() string {
	return fmt.Sprintf("%s：文件大小 %.1f MB，超过上限 %d MB", e.name, float64(e.size)/(1<<20), e.max>>20)
}

// upload reads an uploaded file as readUpload does; a file too big goes
// to refuse with 413 and the message, another failure is a server error,
// and ok is false in both cases: the request is answered.
func (s *server) upload(w http.ResponseWriter, r *http.Request, fh *multipart.FileHeader, max int64,
	refuse func(status int, msg string)) (data []byte, ok bool) {
	data, err := readUpload(fh, max)
	var tooBig *tooBigError
	switch {
	case errors.As(err, &tooBig):
		refuse(http.StatusRequestEntityTooLarge, tooBig.Error())
		return nil, false
	case err != nil:
		s.serverError(w, r, err)
		return nil, false
	}
	return data, true
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
