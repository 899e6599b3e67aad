package signals

import (
	"errors"
	"fmt"
	"testing"

	"github.com/stretchr/testify/require"
	"go.temporal.io/sdk/temporal"

	"github.com/tollbooth/tollbooth/internal/capture"
)

func TestReviewDecisionValidate(t *testing.T) {
	require.NoError(t, ReviewDecision{Plate: "7abc-123", ReviewerID: "alice"}.Validate())
	require.NoError(t, ReviewDecision{Unreadable: true, ReviewerID: "bob@ops"}.Validate())
	for d, want := range map[ReviewDecision]map[string]string{
		{Plate: "7ABC123"}:                                       {FieldReviewer: "is not a reviewer id"},
		{Plate: "7ABC123", ReviewerID: "a b"}:                    {FieldReviewer: "is not a reviewer id"},
		{ReviewerID: "alice"}:                                    {FieldPlate: "enter the plate"},
		{Plate: "ABC123", Unreadable: true, ReviewerID: "alice"}: {FieldPlate: "not both"},
		{Plate: "X", ReviewerID: "alice"}:                        {FieldPlate: "not a valid plate"},
		{Plate: "ABCDEFGHIJ", ReviewerID: "alice"}:               {FieldPlate: "not a valid plate"},
		{Plate: "$$"}:                                            {FieldPlate: "not a valid plate", FieldReviewer: "is not a reviewer id"},
	} {
		var de *DecisionError
		require.ErrorAs(t, d.Validate(), &de, "%+v", d)
		require.Len(t, de.Fields, len(want), "%+v: %v", d, de.Fields)
		for field, msg := range want {
			require.Contains(t, de.Fields[field], msg, "%+v", d)
		}
	}
	require.Equal(t, "7ABC123", ReviewDecision{Plate: " 7abc-123 "}.Normalized().Plate)
}

// A refusal crosses Temporal as an ApplicationError (type + details) and comes back typed, whatever
// its message says.
func TestRefusalsTravelByTypeAndDetails(t *testing.T) {
	fc := temporal.GetDefaultFailureConverter()
	across := func(err error) error { return fc.FailureToError(fc.ErrorToFailure(err)) }

	invalid := &DecisionError{Fields: map[string]string{FieldPlate: "reworded at will", FieldReviewer: "also"}}
	got, ok := RefusalOf(fmt.Errorf("update failed: %w", across(invalid.ApplicationError())))
	require.True(t, ok)
	require.Equal(t, invalid, got)

	late := &NotWaitingError{CaptureID: "cap1", Status: capture.StatusAccepted, Plate: "7ABC123", Decision: "reviewer:alice", ReviewerID: "alice"}
	got, ok = RefusalOf(across(late.ApplicationError()))
	require.True(t, ok)
	require.Equal(t, late, got)
	require.Contains(t, late.Error(), "alice decided it first")

	_, ok = RefusalOf(across(temporal.NewApplicationError("capture cap1 is not waiting for a review", "SomethingElse")))
	require.False(t, ok, "the words alone mean nothing")
	_, ok = RefusalOf(errors.New("not waiting for a review"))
	require.False(t, ok)
}

func TestWorkflowIDRoundTrip(t *testing.T) {
	id, ok := CaptureIDFromWorkflowID(CaptureWorkflowID("abc"))
	require.True(t, ok)
	require.Equal(t, "abc", id)
	_, ok = CaptureIDFromWorkflowID("export-1")
	require.False(t, ok)
}
