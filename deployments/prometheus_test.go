package deployments_test

import (
	"os"
	"os/exec"
	"testing"

	"github.com/stretchr/testify/require"
)

// promtool is Debian's (package prometheus); CI installs it. On a machine without it the test says
// how to get it, except in CI, where it must run.
func promtool(t *testing.T) string {
	t.Helper()
	path, err := exec.LookPath("promtool")
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("promtool is missing: .ci/run installs Debian's prometheus package")
		}
		t.Skip("promtool not installed (apt-get install prometheus)")
	}
	return path
}

func TestPrometheusRulesAndConfigAreValid(t *testing.T) {
	bin := promtool(t)
	out, err := exec.Command(bin, "check", "rules", "prometheus/rules.yml").CombinedOutput()
	require.NoError(t, err, "%s", out)
	require.Contains(t, string(out), "7 rules found")
	out, err = exec.Command(bin, "check", "rules", "prometheus/recording.yml").CombinedOutput()
	require.NoError(t, err, "%s", out)
	require.Contains(t, string(out), "12 rules found")
	out, err = exec.Command(bin, "check", "config", "prometheus/scrape.yml").CombinedOutput()
	require.NoError(t, err, "%s", out)
}
