package devstack

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// The configuration files of --temporal postgres read exactly the variables devstack sets: a
// variable renamed on one side only would leave the server on its default (a port of another
// stack, or no password).
func TestTemporalConfigFilesReadTheVariablesDevstackSets(t *testing.T) {
	s := &Stack{Ports: FixedPorts(), opts: Options{RepoRoot: "/repo", Temporal: TemporalPostgres}}
	for file, vars := range map[string][]string{
		"server/postgres.yaml": s.temporalServerVars([]int{1, 2, 3, 4, 5, 6, 7, 8, 9}),
		"ui/postgres.yaml":     s.temporalUIVars(),
	} {
		data, err := os.ReadFile(filepath.Join("..", "..", "deployments", "temporal", file))
		require.NoError(t, err)
		require.True(t, strings.HasPrefix(string(data), "# enable-template"), "%s: the server reads {{ env }} only with templating on", file)
		var read []string
		for _, m := range regexp.MustCompile(`env "([A-Z_]+)"`).FindAllStringSubmatch(string(data), -1) {
			if !slices.Contains(read, m[1]) {
				read = append(read, m[1])
			}
		}
		var set []string
		for _, kv := range vars {
			name, _, _ := strings.Cut(kv, "=")
			set = append(set, name)
		}
		slices.Sort(read)
		slices.Sort(set)
		require.Equal(t, set, read, file)
	}
}

func TestParseTemporalMode(t *testing.T) {
	for in, want := range map[string]TemporalMode{"": TemporalDev, "dev": TemporalDev, "postgres": TemporalPostgres} {
		got, err := ParseTemporalMode(in)
		require.NoError(t, err, in)
		require.Equal(t, want, got)
	}
	_, err := ParseTemporalMode("sqlite")
	require.ErrorContains(t, err, "use dev")
}

// A machine that only runs the dev server never builds the Temporal server (a 6-minute build).
func TestToolsForTheDevServerLeaveTheTemporalServerOut(t *testing.T) {
	require.NotContains(t, ToolsFor(TemporalDev), TemporalServer)
	require.Subset(t, ToolsFor(TemporalPostgres), []Tool{TemporalServer, TemporalSQLTool, TemporalUI, TemporalCLI})
	require.ElementsMatch(t, Tools, ToolsFor(TemporalPostgres))
}
