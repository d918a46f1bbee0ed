package main

import (
	"bufio"
	"io"
	"os"
	"path/filepath"
)

// writeOut runs write on the command's output, buffered: standard output
// when out is empty, else the file out. A file is written beside out and
// renamed to it only when write and the writing succeed, so that a
// failed export (a province's, say, stopped half-way) leaves no partial
// file; standard output gets what was written up to the failure.
func writeOut(e *env, out string, write func(io.Writer) error) error {
	if out == "" {
		bw := bufio.NewWriterSize(e.stdout, 1<<16)
		if err := write(bw); err != nil {
			return err
		}
		return bw.Flush()
	}
	file, err := os.CreateTemp(filepath.Dir(out), ".jixiao-out-*")
	if err != nil {
		return err
	}
	defer os.Remove(file.Name()) // nothing is left to remove after the rename
	defer file.Close()
	bw := bufio.NewWriterSize(file, 1<<16)
	if err := write(bw); err != nil {
		return err
	}
	if err := bw.Flush(); err != nil {
		return err
	}
	if err := file.Chmod(0o644); err != nil {
		return err
	}
	if err := file.Close(); err != nil {
		return err
	}
	return os.Rename(file.Name(), out)
}
