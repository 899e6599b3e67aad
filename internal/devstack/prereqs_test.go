package devstack

import (
	"errors"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestMissingPackagesNamesEachPackageOnce(t *testing.T) {
	nothing := func(string) (string, error) { return "", errors.New("not found") }
	all := func(c string) (string, error) { return "/usr/bin/" + c, nil }
	var names []string
	for _, d := range MissingPackages(nothing) {
		names = append(names, d.Package)
		require.NotEmpty(t, d.Why, d.Package)
	}
	require.Subset(t, names, []string{"openjdk-17-jre-headless", "tesseract-ocr", "npm", "prometheus", "chromium"})
	require.Empty(t, MissingPackages(all))
	require.Equal(t, "apt-get install -y --no-install-recommends a b", aptInstall([]string{"a", "b"}))
}
