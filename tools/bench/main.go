// Command bench measures the capture pipeline on the full local stack against the floor of the same
// Temporal server: captures of synthetic photos (fixture OCR with a fixed latency) and as many bare
// workflows with two no-op activities, in one run. `make bench` and `make bench-spike` run it:
//
//	bench prepare --count N [--unique K] --out DIR   photos, truth.csv and the Vision fixture manifest
//	bench run --photos DIR               a burst (make bench), inside `devstack exec --vision-engine fixture`
//	bench spike --photos DIR --count N --workers W   a spike of N uploads on W worker processes (make bench-spike)
//	bench bare-worker                    the bare floor's worker (started by spike)
//	bench stub-worker --photos DIR --count N   the worker with photos and records in memory (spike --stub-cloud)
//	bench accuracy                       exact plate reads, CPU per photo and peak memory of each OCR
//	                                     engine on synthetic and sample photos (make bench-ocr)
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
		fmt.Fprintln(os.Stderr, "usage: bench prepare --count N [--unique K] --out DIR | bench run --photos DIR [--rps R] | "+
			"bench spike --photos DIR --count N [--workers W] [--rps R] [--stub-cloud] | bench accuracy [--engines paddle,tesseract]")
		os.Exit(2)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	var err error
	switch os.Args[1] {
	case "prepare":
		err = prepare(ctx, os.Args[2:])
	case "run":
		err = run(ctx, os.Args[2:])
	case "accuracy":
		err = accuracy(ctx, os.Args[2:])
	case "spike":
		err = spike(ctx, os.Args[2:])
	case "bare-worker":
		err = bareWorker(ctx)
	case "stub-worker":
		err = stubWorker(ctx, os.Args[2:])
	default:
		err = fmt.Errorf("unknown subcommand %q: use prepare, run, spike or accuracy", os.Args[1])
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(1)
	}
}
