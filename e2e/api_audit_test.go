//go:build integration

package e2e

import (
	"context"
	"fmt"
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/tollbooth/tollbooth/internal/apikeys"
	"github.com/tollbooth/tollbooth/internal/audit"
	"github.com/tollbooth/tollbooth/internal/capture"
	"github.com/tollbooth/tollbooth/internal/gateway"
	"github.com/tollbooth/tollbooth/internal/gcp"
	"github.com/tollbooth/tollbooth/signals"
)

// TestACustomerPlateReadIsAudited: a customer's read of their plate, through a trusted proxy,
// leaves one entry in Firestore's audit_plate_reads with who, when, which plate and captures, the
// route and the client's address (from X-Forwarded-For); the same query `starter audit` makes
// finds it; a refused read of another plate leaves none.
func TestACustomerPlateReadIsAudited(t *testing.T) {
	s := startStack(t, false, nil)
	base := s.startAPIGateway(t, addrLimited(1000, 1000, "127.0.0.1/32"), &lockedBuffer{})
	ctx := context.Background()
	// An accepted record of a plate no other test uses, stored through the worker's own adapter.
	n := time.Now().UnixNano()
	plate, other := fmt.Sprintf("AUD%04d", n%10000), fmt.Sprintf("AUE%04d", n%10000)
	id := fmt.Sprintf("%024x", n)[:24]
	at := time.Now().UTC().Add(-time.Hour).Truncate(time.Second)
	_, err := s.records.Save(ctx, capture.Record{CaptureID: id, BoothID: "north-01", CaptureTime: at, Status: capture.StatusAccepted,
		Plate: plate, Confidence: 0.97, Decision: capture.DecisionAuto, PhotoURI: "gs://" + s.cfg.PhotoBucket + "/photos/north-01/audit.jpg",
		WorkflowID: signals.CaptureWorkflowID(id), CreatedAt: at, UpdatedAt: at})
	require.NoError(t, err)
	cust, custTok := s.issueKey(t, apikeys.ScopeCustomer, plate)

	before := time.Now().UTC().Add(-time.Second)
	r := callFrom(t, "127.0.0.1", http.MethodGet, base+"/v1/plates/"+plate+"/captures", custTok,
		map[string]string{"X-Forwarded-For": "198.51.100.61"})
	require.Equal(t, http.StatusOK, r.status, "%s", r.body)
	require.Len(t, decode[gateway.PlateCaptureList](t, r).Captures, 1)
	after := time.Now().UTC().Add(time.Second)
	refused := callFrom(t, "127.0.0.1", http.MethodGet, base+"/v1/plates/"+other+"/captures", custTok, nil)
	require.Equal(t, http.StatusNotFound, refused.status)

	log := gcp.AuditLog{Client: s.cloud.Firestore}
	entries, err := log.PlateReads(ctx, audit.Query{Plate: plate, Since: before, Limit: 10})
	require.NoError(t, err)
	require.Len(t, entries, 1, "one answer, one entry")
	e := entries[0]
	require.True(t, !e.At.Before(before) && !e.At.After(after), "at %s, between %s and %s", e.At, before, after)
	e.At = time.Time{}
	require.Equal(t, audit.PlateRead{KeyID: cust.ID, Customer: cust.Name, Scope: "customer", Plate: plate, CaptureIDs: []string{id},
		Route: "/v1/plates/{plate}/captures", ClientAddr: "198.51.100.61"}, e)

	byKey, err := log.PlateReads(ctx, audit.Query{KeyID: cust.ID, Since: before, Limit: 10})
	require.NoError(t, err)
	require.Len(t, byKey, 1, "the refused read of another plate is not an entry")
	none, err := log.PlateReads(ctx, audit.Query{Plate: other, Since: before, Limit: 10})
	require.NoError(t, err)
	require.Empty(t, none)
}
