package docx

import (
	"bytes"
	"testing"

	"jixiao"
	"jixiao/internal/fixture"
)

func write(t testing.TB, d *jixiao.Document, opt Options) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := Write(&b, d, opt); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// The example read from text, written as Word and read back is the same
// document, byte for byte in the JSON exchange format.
func TestRoundTripExample(t *testing.T) {
	d := fixture.Example(t)
	data := write(t, d, Options{})
	if !Detect(data) {
		t.Fatal("Detect does not recognise the written file")
	}
	got, err := Read("导出.docx", data)
	if err != nil {
		t.Fatal(err)
	}
	want, have := fixture.JSON(t, d), fixture.JSON(t, got)
	if !bytes.Equal(want, have) {
		t.Fatalf("round trip differs:\nwant %s\n\nhave %s", want, have)
	}
}
