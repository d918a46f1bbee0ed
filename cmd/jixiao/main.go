// Command jixiao is the whole product in one binary: `jixiao serve` runs
// the web app; the other commands do the same work in batch.
package main

import (
	"os"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}
