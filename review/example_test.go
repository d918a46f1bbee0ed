package review

import (
	"os"
	"testing"

	"jixiao"
	"jixiao/example"
	"jixiao/textdoc"
)

// laoting reads the customer's real document.
func laoting(t testing.TB) *jixiao.Document {
	t.Helper()
	doc, err := textdoc.Read(example.Name, example.Laoting, textdoc.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

func TestExampleText(t *testing.T) {
	r := Review(laoting(t), DefaultConfig())
	if testing.Verbose() {
		WriteText(os.Stdout, r)
	}
}
