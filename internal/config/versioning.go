package config

import (
	"fmt"
	"os"
	"runtime/debug"
	"strings"
)

// Versioning is the worker's Temporal Worker Deployment Version (Worker Versioning): which
// deployment it belongs to and which build it runs. Unset (no deployment name), the worker is
// unversioned, as on the local stack: every worker takes every task, and a change to a workflow
// is safe only through workflow.GetVersion. Set, Temporal routes each workflow to the build the
// operator made current (README, "Deploying a new worker version").
type Versioning struct {
	DeploymentName string // TOLLBOOTH_DEPLOYMENT_NAME; empty: unversioned
	BuildID        string // TOLLBOOTH_BUILD_ID; default: the binary's VCS revision
}

// Enabled says whether the worker polls as a Worker Deployment Version.
func (v Versioning) Enabled() bool { return v.DeploymentName != "" }

const (
	EnvDeploymentName = "TOLLBOOTH_DEPLOYMENT_NAME"
	EnvBuildID        = "TOLLBOOTH_BUILD_ID"
)

// maxVersionPart is the server's limit on a deployment name or build id (limit.workerBuildIdSize).
const maxVersionPart = 255

func (c *Config) loadVersioning() error {
	v := Versioning{DeploymentName: strings.TrimSpace(os.Getenv(EnvDeploymentName)), BuildID: strings.TrimSpace(os.Getenv(EnvBuildID))}
	if !v.Enabled() {
		if v.BuildID != "" {
			return fmt.Errorf("%s=%q needs %s: a build id belongs to a worker deployment (set both, or neither to run unversioned)",
				EnvBuildID, v.BuildID, EnvDeploymentName)
		}
		return nil
	}
	if v.BuildID == "" {
		v.BuildID = vcsBuildID(debug.ReadBuildInfo)
	}
	if v.BuildID == "" {
		return fmt.Errorf("%s=%q needs a build id: set %s (e.g. the image tag or git commit); this binary carries no VCS revision to default to",
			EnvDeploymentName, v.DeploymentName, EnvBuildID)
	}
	for name, val := range map[string]string{EnvDeploymentName: v.DeploymentName, EnvBuildID: v.BuildID} {
		if len(val) > maxVersionPart || strings.ContainsAny(val, " \t\n") {
			return fmt.Errorf("%s=%q: at most %d characters, no spaces", name, val, maxVersionPart)
		}
	}
	c.Versioning = v
	return nil
}

// vcsBuildID is the commit the binary was built from (go build stamps it inside a git checkout),
// shortened to 12 hex digits, with "-dirty" when the tree had uncommitted changes; empty without
// VCS information (go run, or a build outside the repository).
func vcsBuildID(read func() (*debug.BuildInfo, bool)) string {
	info, ok := read()
	if !ok {
		return ""
	}
	var rev, modified string
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.modified":
			modified = s.Value
		}
	}
	if rev == "" {
		return ""
	}
	if len(rev) > 12 {
		rev = rev[:12]
	}
	if modified == "true" {
		rev += "-dirty"
	}
	return rev
}
