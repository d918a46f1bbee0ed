package jsondoc_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"testing"

	"jixiao"
	"jixiao/gen"
	"jixiao/internal/fixture"
	"jixiao/jsondoc"
)

// The encoder writes, a document at a time, exactly what
// json.MarshalIndent writes for the whole file — for no document, one,
// and several with records — and what it writes of documents reads back.
func TestEncoderAsMarshalIndent(t *testing.T) {
	example := fixture.Example(t)
	withRecords(example)
	province := gen.Province(gen.Options{Units: 3, ProjectsPerUnit: 4, Seed: 9})
	for _, docs := range [][]*jixiao.Document{nil, {example}, append([]*jixiao.Document{example}, province...)} {
		f := jsondoc.File{Format: jsondoc.FormatName, Documents: []jsondoc.Document{}}
		for _, d := range docs {
			f.Documents = append(f.Documents, jsondoc.FromDomain(d))
		}
		want, err := json.MarshalIndent(f, "", "  ")
		if err != nil {
			t.Fatal(err)
		}
		want = append(want, '\n')
		var got bytes.Buffer
		e := jsondoc.NewEncoder(&got)
		for _, d := range docs {
			if err := e.Add(d); err != nil {
				t.Fatal(err)
			}
		}
		if err := e.Close(); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got.Bytes(), want) {
			t.Fatalf("%d documents: the encoder wrote %d bytes, MarshalIndent %d:\n%.300s", len(docs), got.Len(), len(want), got.String())
		}
		if len(docs) == 0 {
			continue // a file without documents is refused on import
		}
		back, err := jsondoc.Decode("encoded.json", got.Bytes())
		if err != nil || len(back) != len(docs) {
			t.Fatalf("%d documents read back as %d: %v", len(docs), len(back), err)
		}
	}
}

type failAfter struct{ n int }

var errFull = errors.New("disk full")

func (w *failAfter) Write(p []byte) (int, error) {
	if w.n < len(p) {
		return 0, errFull
	}
	w.n -= len(p)
	return len(p), nil
}

// A write that fails is returned, and by every call after it.
func TestEncoderWriteError(t *testing.T) {
	e := jsondoc.NewEncoder(&failAfter{n: 10})
	if err := e.Add(fixture.Example(t)); !errors.Is(err, errFull) {
		t.Fatalf("Add: %v", err)
	}
	if err := e.Close(); !errors.Is(err, errFull) {
		t.Fatalf("Close after a failed write: %v", err)
	}
}
