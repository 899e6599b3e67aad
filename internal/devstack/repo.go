package devstack

import (
	"bufio"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// ModulePath is tollbooth's module; FindRepoRoot looks for its go.mod.
const ModulePath = "github.com/tollbooth/tollbooth"

// FindRepoRoot walks up from the working directory to the go.mod of the tollbooth module, whose
// folder holds tools/visionserver and the apps the demo builds.
func FindRepoRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if modulePathOf(filepath.Join(dir, "go.mod")) == ModulePath {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("not inside the tollbooth repository (no go.mod of " + ModulePath +
				" here or above): run devstack from the repository")
		}
		dir = parent
	}
}

// modulePathOf returns the module path declared in a go.mod file, or "".
func modulePathOf(goMod string) string {
	f, err := os.Open(goMod)
	if err != nil {
		return ""
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if rest, ok := strings.CutPrefix(line, "module"); ok && rest != "" && (rest[0] == ' ' || rest[0] == '\t') {
			return strings.Trim(strings.TrimSpace(rest), `"`)
		}
	}
	return ""
}

// DefaultDir is the state folder of `devstack up` and `demo`: .devstack in the repository root
// (ignored by git), wherever in the repository the command runs.
func DefaultDir() (string, error) {
	root, err := FindRepoRoot()
	if err != nil {
		return "", fmt.Errorf("finding the default state folder: %w", err)
	}
	return filepath.Join(root, ".devstack"), nil
}
