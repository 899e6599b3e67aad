package main

import (
	"testing"

	"github.com/stretchr/testify/require"
)

func TestExportAndScheduleUsageErrors(t *testing.T) {
	code, out, _ := runStarter()
	require.Equal(t, 0, code)
	require.Contains(t, out, "export now | export list")
	require.Contains(t, out, "schedule set --every D")

	for _, args := range [][]string{
		{"export"}, {"export", "later"}, {"export", "now", "extra"},
		{"schedule"}, {"schedule", "set"}, {"schedule", "set", "--every", "0s"}, {"schedule", "set", "--every", "soon"},
		{"schedule", "stop"}, {"schedule", "pause", "x"},
	} {
		code, _, errOut := runStarter(args...)
		require.Equal(t, 2, code, "%v: %s", args, errOut)
		require.Contains(t, errOut, "usage: starter "+args[0], "%v", args)
	}
}
