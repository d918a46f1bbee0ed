package bench

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"testing"
)

// The test binary doubles as the worker process when asked to, so that
// the tests run the product's side in a process of its own as the jixiao
// command does.
func TestMain(m *testing.M) {
	if os.Getenv("JIXIAO_BENCH_WORKER") == "1" {
		if err := Worker(context.Background(), os.Stdin, os.Stdout); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(2)
		}
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// testWorker starts this test binary as the worker.
func testWorker(ctx context.Context) *exec.Cmd {
	cmd := exec.CommandContext(ctx, os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), "JIXIAO_BENCH_WORKER=1")
	return cmd
}
