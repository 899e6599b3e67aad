package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/tollbooth/tollbooth/internal/devstack"
)

// settled are the capture statuses that end a capture's run for the demo: everything else is
// still in progress.
var settled = map[string]bool{"accepted": true, "unreadable": true, "failed_input": true, "awaiting_review": true}

// demo is one run of `devstack demo`.
type demo struct {
	stack   *devstack.Stack
	out     *devstack.Progress
	env     []string
	bin     string // folder with worker, trigger, starter
	apps    []*devstack.Process
	count   int
	booth   string
	timeout time.Duration
	review  reviewSetup // the reviewers' gateway (demo_review.go)
}

// runDemo starts the stack on the fixed ports, builds and starts the worker and the trigger,
// uploads synthetic photos and shows what became of them, then runs until Ctrl-C.
func runDemo(args []string) int {
	fs := newFlagSet("demo")
	var sf stackFlags
	sf.register(fs, "state folder: logs, env, temporal.db, photos (default .devstack in the repository root)")
	count := fs.Int("count", 12, "photos to generate and upload")
	booth := fs.String("booth", "north-01", "booth the photos are uploaded to")
	timeout := fs.Duration("timeout", 3*time.Minute, "how long to wait for every capture to settle")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM, syscall.SIGHUP)
	defer stop()

	out := devstack.NewProgress(os.Stdout, "devstack: ")
	stack, code := startFixed(ctx, &sf, out, true)
	if stack == nil {
		return code
	}
	defer stack.Stop() // runs after the apps are stopped (defers run last-in first-out)
	d := &demo{stack: stack, out: out, env: devstack.Environ(os.Environ(), stack.Env()),
		bin: stack.BinDir(), count: *count, booth: *booth, timeout: *timeout}
	defer d.stopApps()

	if err := d.run(ctx); err != nil {
		if ctx.Err() != nil {
			out.Printf("interrupted")
			return 130
		}
		fmt.Fprintf(os.Stderr, "devstack demo: %v\n", err)
		// Leave everything up for a look: the logs and the Web UI usually tell what went wrong.
		printSummary(stack, out)
		out.Printf("the stack stays up so you can look around; press Ctrl-C to stop")
		d.wait(ctx)
		return 1
	}
	printSummary(stack, out)
	d.printReview(ctx)
	out.Printf("logs of the worker and trigger: %s, %s", relPath(stack.LogPath("worker")), relPath(stack.LogPath("trigger")))
	out.Printf("press Ctrl-C to stop")
	return d.wait(ctx)
}

func (d *demo) run(ctx context.Context) error {
	if err := d.stack.GoBuild(ctx, d.bin+string(filepath.Separator), "./worker", "./trigger", "./starter", "./gateway"); err != nil {
		return err
	}
	for _, app := range []string{"worker", "trigger"} {
		if err := d.startApp(app); err != nil {
			return err
		}
	}
	if err := d.startGateway(ctx); err != nil {
		return err
	}
	dir, files, ids, err := d.upload(ctx)
	if err != nil {
		return err
	}
	if err := d.waitSettled(ctx, ids); err != nil {
		return err
	}
	table, err := d.starter(ctx, "captures")
	if err != nil {
		return err
	}
	fmt.Fprintln(d.out.Writer())
	fmt.Fprint(d.out.Writer(), table)
	fmt.Fprintln(d.out.Writer())
	check, err := d.checkTruth(ctx, dir, files, ids) // demo_truth.go
	if err != nil {
		return fmt.Errorf("check the captures against %s: %w", relPath(filepath.Join(dir, "truth.csv")), err)
	}
	d.out.Printf("%s", check)
	if len(check.wrong) > 0 {
		return fmt.Errorf("%d captures were auto-accepted with a wrong plate, which would bill a stranger:\n  %s",
			len(check.wrong), strings.Join(check.wrong, "\n  "))
	}
	return d.export(ctx) // demo_export.go: a CSV on the FTP server and in the bucket
}

// startApp starts the worker or the trigger in its own process group, logging to DIR/logs.
func (d *demo) startApp(name string) error {
	p, err := devstack.StartProcess(devstack.ProcessSpec{
		Name: name, Path: filepath.Join(d.bin, name), Env: d.env, Dir: d.stack.Dir,
		LogPath: d.stack.LogPath(name),
	})
	if err != nil {
		return err
	}
	d.apps = append(d.apps, p)
	d.stack.RecordProcess(p)
	d.out.Printf("started %s (pid %d, log %s)", name, p.Pid(), relPath(p.LogPath))
	return nil
}

// appDied returns an error if the worker or the trigger has exited: the demo cannot go on.
func (d *demo) appDied() error {
	for _, p := range d.apps {
		select {
		case <-p.Done():
			return devstack.NewServiceError(p.Name, p.LogPath, fmt.Errorf("exited unexpectedly (%v)", p.ExitError()))
		default:
		}
	}
	return nil
}

// stopApps stops the worker and the trigger, before the servers they use.
func (d *demo) stopApps() {
	for i := len(d.apps) - 1; i >= 0; i-- {
		p := d.apps[i]
		start := time.Now()
		if p.Stop(devstack.StopGrace) {
			d.out.Printf("  %s did not stop within %s: killed (SIGKILL)", p.Name, devstack.StopGrace)
		} else {
			d.out.Printf("  stopped %s (%s)", p.Name, time.Since(start).Round(10*time.Millisecond))
		}
	}
	d.apps = nil
}

// upload generates the photos and uploads them, returning their folder, the files and their
// capture ids, in the same order.
func (d *demo) upload(ctx context.Context) (string, []string, []string, error) {
	photos := filepath.Join(d.stack.Dir, "demo-photos")
	if err := os.RemoveAll(photos); err != nil {
		return "", nil, nil, err
	}
	if _, err := d.starter(ctx, "synth", "--count", strconv.Itoa(d.count), "--hard-share", "0.25", "--out", photos); err != nil {
		return "", nil, nil, err
	}
	if err := writeUnreadablePhoto(photos); err != nil {
		return "", nil, nil, err
	}
	files, err := photoFiles(photos)
	if err != nil {
		return "", nil, nil, err
	}
	if len(files) == 0 {
		return "", nil, nil, fmt.Errorf("starter synth wrote no photos to %s", photos)
	}
	d.out.Printf("generated %d photos in %s (truth.csv beside them)", len(files), relPath(photos))
	text, err := d.starter(ctx, append([]string{"upload", "--booth", d.booth}, files...)...)
	if err != nil {
		return "", nil, nil, err
	}
	ids := nonEmptyLines(text)
	if len(ids) != len(files) {
		return "", nil, nil, fmt.Errorf("starter upload printed %d capture ids for %d photos:\n%s", len(ids), len(files), text)
	}
	d.out.Printf("uploaded %d photos to booth %s; the vision server reads them with the %s engine", len(files), d.booth, d.stack.VisionEngine())
	return photos, files, ids, nil
}

// photoFiles lists the files starter synth wrote, less its CSV files (truth.csv).
func photoFiles(dir string) ([]string, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	var files []string
	for _, e := range entries {
		if e.Type().IsRegular() && !strings.EqualFold(filepath.Ext(e.Name()), ".csv") {
			files = append(files, filepath.Join(dir, e.Name()))
		}
	}
	sort.Strings(files)
	return files, nil
}

// capture is the part of `starter captures --json` the demo reads.
type capture struct {
	CaptureID string `json:"capture_id"`
	Status    string `json:"status"`
}

// waitSettled polls `starter captures --json` every second until every id has a settled status.
func (d *demo) waitSettled(ctx context.Context, ids []string) error {
	start := time.Now()
	tty := isTerminal(os.Stdout)
	lastDone, lastPrint := -1, time.Time{}
	var pending []string
	for {
		if err := d.appDied(); err != nil {
			return err
		}
		text, err := d.starter(ctx, "captures", "--json")
		if err != nil {
			return err
		}
		status := parseCaptures(text)
		pending = pending[:0]
		for _, id := range ids {
			if !settled[status[id]] {
				pending = append(pending, id)
			}
		}
		line := fmt.Sprintf("waiting: %d/%d settled (%s)", len(ids)-len(pending), len(ids), time.Since(start).Round(time.Second))
		switch done := len(ids) - len(pending); {
		case tty: // redraw in place
			fmt.Fprintf(d.out.Writer(), "\r%-60s", line)
		case done != lastDone || time.Since(lastPrint) >= 10*time.Second: // a log: print changes
			fmt.Fprintln(d.out.Writer(), line)
			lastDone, lastPrint = done, time.Now()
		}
		if len(pending) == 0 {
			if tty {
				fmt.Fprintln(d.out.Writer())
			}
			d.out.Printf("all %d captures settled in %s", len(ids), time.Since(start).Round(100*time.Millisecond))
			return nil
		}
		if time.Since(start) > d.timeout {
			if tty {
				fmt.Fprintln(d.out.Writer())
			}
			var still []string
			for _, id := range pending {
				s := status[id]
				if s == "" {
					s = "not in Firestore yet"
				}
				still = append(still, fmt.Sprintf("%s (%s)", id, s))
			}
			return fmt.Errorf("timed out after %s: %d of %d captures settled; still waiting for %s.\n"+
				"Look at %s and %s, and at the workflows in the Temporal Web UI (http://127.0.0.1:%d)",
				d.timeout, len(ids)-len(pending), len(ids), strings.Join(still, ", "),
				relPath(d.stack.LogPath("worker")), relPath(d.stack.LogPath("trigger")), d.stack.Ports.TemporalUI)
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(time.Second):
		}
	}
}

// parseCaptures maps capture id to status from `starter captures --json` (one object per line;
// lines that are not JSON objects are skipped).
func parseCaptures(text string) map[string]string {
	status := map[string]string{}
	for _, line := range nonEmptyLines(text) {
		var c capture
		if json.Unmarshal([]byte(line), &c) == nil && c.CaptureID != "" {
			status[c.CaptureID] = c.Status
		}
	}
	return status
}

// starter runs the starter CLI with the stack's environment and returns its stdout.
func (d *demo) starter(ctx context.Context, args ...string) (string, error) {
	cmd := exec.CommandContext(ctx, filepath.Join(d.bin, "starter"), args...)
	cmd.Env = d.env
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		if ctx.Err() != nil {
			return "", ctx.Err()
		}
		return "", fmt.Errorf("starter %s: %v\n%s", strings.Join(shorten(args), " "), err, strings.TrimSpace(stderr.String()))
	}
	return stdout.String(), nil
}

// shorten keeps an error message about `starter upload` with many paths readable.
func shorten(args []string) []string {
	if len(args) <= 6 {
		return args
	}
	return append(append([]string{}, args[:5]...), fmt.Sprintf("... (%d more)", len(args)-5))
}

// wait runs until a stop signal or until the worker, the trigger or a server dies.
func (d *demo) wait(ctx context.Context) int {
	tick := time.NewTicker(time.Second)
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			d.out.Printf("stop requested: stopping worker and trigger, then the servers")
			return 0
		case err := <-d.stack.Died():
			fmt.Fprintf(os.Stderr, "devstack: %v\n", err)
			return 1
		case <-tick.C:
			if err := d.appDied(); err != nil {
				fmt.Fprintf(os.Stderr, "devstack: %v\n", err)
				return 1
			}
		}
	}
}

func nonEmptyLines(text string) []string {
	var lines []string
	sc := bufio.NewScanner(strings.NewReader(text))
	sc.Buffer(make([]byte, 0, 64<<10), 1<<20)
	for sc.Scan() {
		if line := strings.TrimSpace(sc.Text()); line != "" {
			lines = append(lines, line)
		}
	}
	return lines
}

// isTerminal reports whether f is a character device (a terminal), where a progress line can be
// redrawn in place.
func isTerminal(f *os.File) bool {
	info, err := f.Stat()
	return err == nil && info.Mode()&os.ModeCharDevice != 0
}
