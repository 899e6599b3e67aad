// Command bench measures the capture pipeline on the full local stack against the floor of the same
// Temporal server: a burst of synthetic captures (fixture OCR with a fixed latency) and the same number
// of bare workflows with two no-op activities, in one run. `make bench` runs it:
//
//	bench prepare --count N --out DIR   photos, truth.csv and the fixture manifest for the Vision server
//	bench run --photos DIR              inside `devstack exec --vision-engine fixture`, prints the figures
//	bench accuracy                      exact plate reads, CPU per photo and peak memory of each OCR
//	                                    engine on synthetic and sample photos (`make accuracy`)
package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: bench prepare --count N --out DIR | bench run --photos DIR [--rps R] | bench accuracy [--engines paddle,tesseract]")
		os.Exit(2)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	var err error
	switch os.Args[1] {
	case "prepare":
		err = prepare(os.Args[2:])
	case "run":
		err = run(ctx, os.Args[2:])
	case "accuracy":
		err = accuracy(ctx, os.Args[2:])
	default:
		err = fmt.Errorf("unknown subcommand %q: use prepare, run or accuracy", os.Args[1])
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(1)
	}
}
