package main

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/tollbooth/tollbooth/internal/audit"
)

// fakeAuditLog answers with its entries and keeps the query it was asked.
type fakeAuditLog struct {
	entries []audit.PlateRead
	asked   audit.Query
}

func (f *fakeAuditLog) RecordPlateRead(context.Context, audit.PlateRead) error { return nil }

func (f *fakeAuditLog) PlateReads(_ context.Context, q audit.Query) ([]audit.PlateRead, error) {
	f.asked = q
	return f.entries, nil
}

func TestAuditListsPlateReads(t *testing.T) {
	at := time.Date(2026, 11, 25, 17, 3, 0, 0, time.UTC)
	log := &fakeAuditLog{entries: []audit.PlateRead{{At: at, KeyID: "abcdefghijkl", Customer: "driver 42", Scope: "customer",
		Plate: "7ABC123", CaptureIDs: []string{"aaaaaaaaaaaaaaaaaaaaaaa1", "aaaaaaaaaaaaaaaaaaaaaaa2"}, Route: "/v1/plates/{plate}/captures",
		ClientAddr: "192.0.2.44"}}}
	orig := auditLog
	auditLog = func(context.Context, *cli) (audit.Log, error) { return log, nil }
	t.Cleanup(func() { auditLog = orig })

	before := time.Now()
	code, out, errOut := runStarter("audit", "--plate", "7abc 123", "--since", "48h")
	require.Equal(t, 0, code, errOut)
	require.Equal(t, "7ABC123", log.asked.Plate, "the plate as the API stores it")
	require.WithinDuration(t, before.Add(-48*time.Hour), log.asked.Since, 5*time.Second)
	require.Contains(t, out, "2026-11-25T17:03:00Z")
	for _, want := range []string{"abcdefghijkl", "driver 42", "customer", "192.0.2.44", "aaaaaaaaaaaaaaaaaaaaaaa1 aaaaaaaaaaaaaaaaaaaaaaa2"} {
		require.Contains(t, out, want)
	}
	require.Contains(t, errOut, "1 plate reads since")

	code, out, errOut = runStarter("audit", "--key", "abcdefghijkl", "--since", "2026-11-25T00:00:00Z", "--json")
	require.Equal(t, 0, code, errOut)
	require.Equal(t, audit.Query{KeyID: "abcdefghijkl", Since: time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC), Limit: 1000}, log.asked)
	var e audit.PlateRead
	require.NoError(t, json.Unmarshal([]byte(strings.TrimSpace(out)), &e))
	require.Equal(t, log.entries[0], e)

	for _, bad := range [][]string{{"--since", "yesterday"}, {"--since", "-1h"}, {"--plate", "--"}, {"--limit", "0"}, {"7ABC123"}} {
		code, _, errOut = runStarter(append([]string{"audit"}, bad...)...)
		require.Equal(t, 2, code, "%v: %s", bad, errOut)
		require.Contains(t, errOut, "usage: starter audit", bad)
	}
}
