package config

import (
	"runtime/debug"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestWithoutADeploymentNameTheWorkerIsUnversioned(t *testing.T) {
	clearEnv(t)
	c, err := Load()
	require.NoError(t, err)
	require.False(t, c.Versioning.Enabled())

	t.Setenv(EnvBuildID, "b-42")
	_, err = Load()
	require.ErrorContains(t, err, EnvDeploymentName, "a build id alone is a mistake, not silently ignored")
}

func TestADeploymentNameTurnsVersioningOn(t *testing.T) {
	clearEnv(t)
	t.Setenv(EnvDeploymentName, "tollbooth")
	t.Setenv(EnvBuildID, "2026-12-01.abc123")
	c, err := Load()
	require.NoError(t, err)
	require.Equal(t, Versioning{DeploymentName: "tollbooth", BuildID: "2026-12-01.abc123"}, c.Versioning)

	t.Setenv(EnvBuildID, "")
	_, err = Load()
	require.ErrorContains(t, err, EnvBuildID, "a test binary carries no VCS revision: the error names the variable to set")

	t.Setenv(EnvBuildID, "has space")
	_, err = Load()
	require.ErrorContains(t, err, EnvBuildID)
}

func TestTheBuildIDDefaultsToTheBinarysCommit(t *testing.T) {
	info := func(settings ...debug.BuildSetting) func() (*debug.BuildInfo, bool) {
		return func() (*debug.BuildInfo, bool) { return &debug.BuildInfo{Settings: settings}, true }
	}
	rev := debug.BuildSetting{Key: "vcs.revision", Value: "ede5558b0c1d2e3f4a5b6c7d8e9f00112233aabb"}
	require.Equal(t, "ede5558b0c1d", vcsBuildID(info(rev, debug.BuildSetting{Key: "vcs.modified", Value: "false"})))
	require.Equal(t, "ede5558b0c1d-dirty", vcsBuildID(info(rev, debug.BuildSetting{Key: "vcs.modified", Value: "true"})))
	require.Empty(t, vcsBuildID(info()), "no VCS stamp: no default")
	require.Empty(t, vcsBuildID(func() (*debug.BuildInfo, bool) { return nil, false }))
}
