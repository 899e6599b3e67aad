package main

import (
	"flag"
	"fmt"
	"os"
	"slices"
	"strings"

	"github.com/tollbooth/tollbooth/internal/devstack"
)

// stackFlags are the flags every subcommand that starts the stack takes.
type stackFlags struct {
	dir            string
	visionEngine   string
	visionFixtures string
	noVision       bool
	temporal       string
}

func newFlagSet(name string) *flag.FlagSet {
	fs := flag.NewFlagSet("devstack "+name, flag.ContinueOnError)
	fs.Usage = func() { fmt.Fprint(os.Stderr, usage) }
	return fs
}

func (f *stackFlags) register(fs *flag.FlagSet, dirHelp string) {
	fs.StringVar(&f.dir, "dir", "", dirHelp)
	fs.StringVar(&f.visionEngine, "vision-engine", devstack.DefaultVisionEngine, "vision server OCR engine: "+strings.Join(devstack.VisionEngines, ", "))
	fs.StringVar(&f.visionFixtures, "vision-fixtures", "", "fixture manifest for --vision-engine fixture")
	fs.BoolVar(&f.noVision, "no-vision", false, "start without the vision server")
	fs.StringVar(&f.temporal, "temporal", string(devstack.TemporalDev),
		"Temporal server: dev (the CLI's dev server on SQLite) or postgres (the Temporal server on PostgreSQL)")
}

// options turns the flags into devstack options; dir is the resolved state folder.
func (f *stackFlags) options(dir string, ports devstack.Ports, portHint string, out *devstack.Progress) (devstack.Options, error) {
	if !slices.Contains(devstack.VisionEngines, f.visionEngine) {
		return devstack.Options{}, fmt.Errorf("--vision-engine %q: use one of %s", f.visionEngine, strings.Join(devstack.VisionEngines, ", "))
	}
	temporal, err := devstack.ParseTemporalMode(f.temporal)
	if err != nil {
		return devstack.Options{}, err
	}
	return devstack.Options{
		Temporal:       temporal,
		Dir:            dir,
		Ports:          ports,
		PortHint:       portHint,
		VisionEngine:   f.visionEngine,
		VisionFixtures: f.visionFixtures,
		SkipVision:     f.noVision,
		Out:            out,
	}, nil
}

// resolveDir returns --dir, or .devstack in the repository root.
func (f *stackFlags) resolveDir() (string, error) {
	if f.dir != "" {
		return f.dir, nil
	}
	return devstack.DefaultDir()
}

// fail prints an error the way every subcommand does and returns exit status 1.
func fail(err error) int {
	fmt.Fprintf(os.Stderr, "devstack: %v\n", err)
	return 1
}
