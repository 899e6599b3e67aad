package devstack

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/tollbooth/tollbooth/signals"
)

// The local stack and docker-compose register exactly the search attributes the workflows set.
func TestSearchAttributesMatchTheWorkflows(t *testing.T) {
	var want []string
	for name, typ := range signals.SearchAttrTypes {
		want = append(want, name+"="+typ)
	}
	slices.Sort(want)
	got := slices.Sorted(slices.Values(temporalSearchAttributes))
	require.Equal(t, want, got, "internal/devstack/temporal.go")

	compose, err := os.ReadFile(filepath.Join("..", "..", "docker-compose.temporal.yaml"))
	require.NoError(t, err)
	for name, typ := range signals.SearchAttrTypes {
		require.Contains(t, string(compose), fmt.Sprintf("--name %s --type %s", name, typ), "docker-compose.temporal.yaml")
	}
}
