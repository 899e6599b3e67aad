package grafana

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestDashboardJSONIsRegeneratedUnchanged(t *testing.T) {
	want, err := JSON()
	require.NoError(t, err)
	got, err := os.ReadFile("tollbooth.json")
	require.NoError(t, err)
	require.Equal(t, string(want), string(got), "tollbooth.json is stale: run `go generate ./deployments/grafana` and commit it")
}

func TestEveryPanelHasAQueryWithNoUnknownVariable(t *testing.T) {
	data, err := os.ReadFile("tollbooth.json")
	require.NoError(t, err)
	qs, err := Queries(data)
	require.NoError(t, err)
	require.GreaterOrEqual(t, len(qs), 20)
	for _, q := range qs {
		require.NotContains(t, Expand(q.Expr), "$", "%s %s: a variable Expand does not know", q.Panel, q.RefID)
	}
}

// The PromQL of every panel parses: promtool checks a rules file with each query as a recording
// rule (Debian's prometheus package; the parser itself as a Go dependency would bring the whole
// Prometheus module).
func TestEveryPanelQueryParses(t *testing.T) {
	promtool, err := exec.LookPath("promtool")
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("promtool is missing: .ci/run installs Debian's prometheus package")
		}
		t.Skip("promtool not installed (apt-get install prometheus)")
	}
	data, err := os.ReadFile("tollbooth.json")
	require.NoError(t, err)
	qs, err := Queries(data)
	require.NoError(t, err)
	var rules strings.Builder
	rules.WriteString("groups:\n  - name: tollbooth-dashboard-queries\n    rules:\n")
	for i, q := range qs {
		fmt.Fprintf(&rules, "      - record: dashboard:query_%d\n        expr: %q\n", i, Expand(q.Expr))
	}
	path := filepath.Join(t.TempDir(), "dashboard-queries.yml")
	require.NoError(t, os.WriteFile(path, []byte(rules.String()), 0o644))
	out, err := exec.Command(promtool, "check", "rules", path).CombinedOutput()
	require.NoError(t, err, "%s", out)
	require.Contains(t, string(out), fmt.Sprintf("%d rules found", len(qs)))

	// And the check can fail: a broken query is refused.
	bad := rules.String() + "      - record: dashboard:broken\n        expr: \"sum by (booth (x)\"\n"
	require.NoError(t, os.WriteFile(path, []byte(bad), 0o644))
	_, err = exec.Command(promtool, "check", "rules", path).CombinedOutput()
	require.Error(t, err, "promtool must refuse an expression that does not parse")
}
