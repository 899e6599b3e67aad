package main

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// The table passes only when every row has nothing lost, duplicated or failed, and lists what
// went wrong under it.
func TestPrintTable(t *testing.T) {
	ok := []result{{Fault: fault{Title: "no fault"}, Photos: 16, Drain: 7600 * time.Millisecond, Billed: 11 * time.Second, Exported: 16}}
	var out strings.Builder
	require.True(t, printTable(&out, ok))
	require.Contains(t, out.String(), "no fault")
	require.Contains(t, out.String(), "7.6s")
	require.Regexp(t, `all\s+16\s+0\s+0`, out.String())

	bad := append(ok,
		result{Fault: fault{Title: "Temporal down"}, Photos: 8, Tally: tally{LostList: []string{"t#1 (capture x): no record"}}},
		result{Fault: fault{Title: "FTP down"}, Photos: 8, Err: errors.New("export: did not finish")})
	out.Reset()
	require.False(t, printTable(&out, bad))
	require.Regexp(t, `Temporal down\s+8\s+1\s+0\s+-\s+-\s+0\s+0\s+FAILED`, out.String())
	require.Contains(t, out.String(), "t#1 (capture x): no record")
	require.Contains(t, out.String(), "FTP down: export: did not finish")
	require.Regexp(t, `all\s+32\s+1\s+0`, out.String())
}
