// Command faults is tollbooth's fault suite (`make faults`). It starts its own local stack on free
// ports, runs the real worker and trigger binaries against it, and for each fault uploads a burst
// of photos while something breaks: the worker or the trigger SIGKILLed, the Temporal server or
// the Vision server killed and started again, the Firestore emulator paused, notifications
// duplicated or dropped, poison photos, the FTP server down during the exports, the worker killed
// during an export. After each fault it plays the reviewer, exports, and checks every photo of the
// run: exactly one record and one workflow each, and each accepted capture in exactly one CSV row
// of a file the FTP server's own transfer log says was handed over once. It prints a table (fault,
// photos, lost, duplicated, time to drain) and exits 1 unless every row has 0 lost and 0
// duplicated.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"time"

	"github.com/tollbooth/tollbooth/internal/devstack"
)

func main() { os.Exit(run()) }

func run() int {
	photos := flag.Int("photos", 16, "real photos per fault (some faults take half)")
	only := flag.String("only", "", "comma-separated fault names to run (default all): "+strings.Join(faultNames(), ", "))
	dir := flag.String("dir", "", "the stack's folder: logs, report (default .devstack/faults in the repository root)")
	engine := flag.String("vision-engine", devstack.DefaultVisionEngine, "vision server OCR engine: "+strings.Join(devstack.VisionEngines, ", "))
	temporal := flag.String("temporal", string(devstack.TemporalDev), "Temporal server: dev or postgres")
	flag.Parse()

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM, syscall.SIGHUP)
	defer stop()
	out := devstack.NewProgress(os.Stdout, "faults: ")
	selected, err := selectFaults(faults(*photos), *only)
	if err != nil {
		return fail(err)
	}
	if *photos < 4 {
		return fail(errors.New("--photos: at least 4"))
	}
	mode, err := devstack.ParseTemporalMode(*temporal)
	if err != nil {
		return fail(err)
	}
	if *dir == "" {
		root, err := devstack.FindRepoRoot()
		if err != nil {
			return fail(err)
		}
		*dir = filepath.Join(root, ".devstack", "faults")
	}
	ports, err := devstack.FreePorts() // beside a running `make demo`
	if err != nil {
		return fail(err)
	}
	stack, err := devstack.Start(ctx, devstack.Options{Dir: *dir, Ports: ports, VisionEngine: *engine, Temporal: mode,
		PortHint: "it was free a moment ago, so another program took it: run again",
		Out:      devstack.NewProgress(os.Stdout, "devstack: ")})
	if err != nil {
		return fail(err)
	}
	defer stack.Stop()

	total := 0
	for _, f := range selected {
		total += f.Photos
	}
	s, err := newSuite(ctx, stack, out, total)
	if err != nil {
		return fail(err)
	}
	defer s.close()

	start := time.Now()
	var results []result
	for i, f := range selected {
		r := s.runFault(ctx, f, i+1, len(selected))
		results = append(results, r)
		if ctx.Err() != nil {
			out.Printf("interrupted")
			return 130
		}
		if r.Err != nil {
			out.Printf("  %s: %v", f.Title, r.Err)
			if s.healthy() != nil {
				break // a server or program that died by itself: the next rows would judge nothing
			}
		}
	}
	fmt.Println()
	ok := printTable(os.Stdout, results)
	report := filepath.Join(stack.Dir, "report.txt")
	if f, err := os.Create(report); err == nil {
		printTable(f, results)
		f.Close()
	}
	fmt.Println()
	out.Printf("%d faults in %s; logs in %s, the table in %s", len(results), time.Since(start).Round(time.Second),
		filepath.Join(stack.Dir, "logs"), report)
	if !ok || len(results) < len(selected) {
		out.Printf("FAILED: a capture was lost or duplicated, or a fault could not be carried out (above)")
		return 1
	}
	out.Printf("every photo has exactly one record and one workflow; every accepted capture is billed exactly once")
	return 0
}

func faultNames() []string {
	var names []string
	for _, f := range faults(4) {
		names = append(names, f.Name)
	}
	return names
}

// selectFaults keeps the faults named in only (all when empty), in the suite's order.
func selectFaults(all []fault, only string) ([]fault, error) {
	if strings.TrimSpace(only) == "" {
		return all, nil
	}
	var want []string
	for _, name := range strings.Split(only, ",") {
		want = append(want, strings.TrimSpace(name))
	}
	var out []fault
	for _, f := range all {
		if slices.Contains(want, f.Name) {
			out = append(out, f)
		}
	}
	for _, name := range want {
		if !slices.ContainsFunc(all, func(f fault) bool { return f.Name == name }) {
			return nil, fmt.Errorf("--only: no fault named %q (faults: %s)", name, strings.Join(faultNames(), ", "))
		}
	}
	return out, nil
}

func fail(err error) int {
	fmt.Fprintln(os.Stderr, "faults:", err)
	return 1
}
