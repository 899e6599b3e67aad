// Command starter is the operator's command line: upload photos, list captures, decide reviews,
// backfill, and make synthetic photos. With no configuration it talks to the local stack of
// `make demo`; see README for the environment variables.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
)

// command is one subcommand: its name, a one-line summary, and what it does with its arguments.
type command struct {
	name    string
	usage   string
	summary string
	run     func(ctx context.Context, env *cli, args []string) error
}

var commands = []command{
	{"upload", "upload --booth ID [--at TIME] PATH...", "upload photos (files or folders); prints one capture id per photo", runUpload},
	{"captures", "captures [--json] [--limit N]", "list captures with status, plate, confidence and decision", runCaptures},
	{"status", "status CAPTURE_ID", "show one capture's record, every field (from its workflow, else Firestore)", runStatus},
	{"review", "review submit CAPTURE_ID (--plate TEXT | --unreadable) --reviewer ID", "decide a capture that waits for a person", runReview},
	{"review", "review list [--json] [--limit N] [--page TOKEN]", "the captures waiting for a person, oldest first", runReview},
	{"review", "review show CAPTURE_ID [--json]", "why a capture waits, its reads and candidates, and its plate crop (PNG, and drawn in a terminal)", runReview},
	{"apikey", "apikey issue --scope ingest|operator|reviewer|customer [--plate P]... [--name N]", "issue a gateway API key; prints it once (only its hash is stored)", runAPIKey},
	{"apikey", "apikey list [--json]", "the API keys: id, scope, name, plates, created, revoked", runAPIKey},
	{"apikey", "apikey revoke ID", "revoke an API key: the gateway refuses it at once", runAPIKey},
	{"audit", "audit [--plate P] [--key ID] [--since 24h|TIME] [--json]", "who read which plate through the API, when, from where (the audit log), newest first", runAudit},
	{"reviewer", "reviewer add ID [--password-stdin]", "give a reviewer a gateway sign-in (bcrypt hash in TOLLBOOTH_REVIEWERS_FILE)", runReviewer},
	{"backfill", "backfill [--prefix photos/BOOTH/YYYY/MM/DD/]", "start the workflows of photos already in the bucket", runBackfill},
	{"reprocess", "reprocess CAPTURE_ID...", "run again captures whose workflow was terminated, failed or timed out before a final record", runReprocess},
	{"synth", "synth --count N --out DIR [--seed S] [--hard-share F]", "write synthetic vehicle photos and truth.csv", runSynth},
	{"accuracy", "accuracy DIR [--booth ID|CODES] [--json] [--concurrency N]", "measure reads and auto-accepts on photos with known plates (DIR/truth.csv: file,plate)", runAccuracy},
	{"export", "export now | export list [--json] [--limit N]", "run the export now; list export batches (rows, files, time)", runExport},
	{"cost", "cost --captures-per-day N [--review-share P] [--measure] [--save FILE]", "the monthly cost of Temporal Cloud, Vision, Firestore, Cloud Storage and Pub/Sub at that traffic", runCost},
	{"schedule", "schedule set --every D | pause | resume | show", "change, pause or resume the export schedule at run time", runSchedule},
}

// errUsage marks an error in how the command was called: the usage is printed with it.
var errUsage = errors.New("usage")

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 || args[0] == "help" || args[0] == "-h" || args[0] == "--help" {
		printUsage(stdout)
		return 0
	}
	for _, c := range commands {
		if c.name != args[0] {
			continue
		}
		env := &cli{stdout: stdout, stderr: stderr}
		defer env.close()
		err := c.run(ctx, env, args[1:])
		if errors.Is(err, errUsage) {
			fmt.Fprintf(stderr, "starter %s: %v\n", c.name, err)
			for _, u := range commands { // a command may have several forms (review list, show, submit)
				if u.name == c.name {
					fmt.Fprintf(stderr, "usage: starter %s\n", u.usage)
				}
			}
			return 2
		}
		if err != nil {
			fmt.Fprintf(stderr, "starter %s: %v\n", c.name, err)
			return 1
		}
		return 0
	}
	fmt.Fprintf(stderr, "starter: unknown command %q\n\n", args[0])
	printUsage(stderr)
	return 2
}

func printUsage(w io.Writer) {
	fmt.Fprintln(w, "starter: operate tollbooth from the command line\n\ncommands:")
	for _, c := range commands {
		fmt.Fprintf(w, "  %-70s %s\n", c.usage, c.summary)
	}
}
