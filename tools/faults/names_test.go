package main

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/tollbooth/tollbooth/internal/export"
	"github.com/tollbooth/tollbooth/internal/ftpserver"
)

func TestStagedNames(t *testing.T) {
	require.True(t, isStaged(export.TempName("batch-000003.csv")))
	require.False(t, isStaged("batch-000003.csv"))
	require.False(t, isStaged(".part"))
	require.Equal(t, "batch-000003.csv", stagedFile("/"+export.TempName("batch-000003.csv")))
}

func TestNewUploadIsTheFirstPutAfterTheOldLog(t *testing.T) {
	before := []ftpserver.Transfer{{Op: ftpserver.OpPut, Path: "/.a.part"}, {Op: ftpserver.OpRename, Path: "/.a.part", To: "/a"}}
	now := append(before, ftpserver.Transfer{Op: ftpserver.OpRename, Path: "/.x.part", To: "/x"}, ftpserver.Transfer{Op: ftpserver.OpPut, Path: "/.b.part"})
	require.Equal(t, "/.b.part", newUpload(before, now))
	require.Empty(t, newUpload(now, now))
}

func TestSelectFaults(t *testing.T) {
	all := faults(8)
	got, err := selectFaults(all, " poison, none")
	require.NoError(t, err)
	require.Equal(t, "none", got[0].Name, "the suite's order, not the flag's")
	require.Equal(t, "poison", got[1].Name)
	_, err = selectFaults(all, "nonsense")
	require.ErrorContains(t, err, `no fault named "nonsense"`)
	got, err = selectFaults(all, "")
	require.NoError(t, err)
	require.Len(t, got, len(all))
	names := map[string]bool{}
	for _, f := range all {
		require.False(t, names[f.Name], "fault names are unique: %s", f.Name)
		names[f.Name] = true
	}
}
