package signals

import (
	"testing"

	"github.com/stretchr/testify/require"
)

func TestReviewDecisionValidate(t *testing.T) {
	require.NoError(t, ReviewDecision{Plate: "7abc-123", ReviewerID: "alice"}.Validate())
	require.NoError(t, ReviewDecision{Unreadable: true, ReviewerID: "bob@ops"}.Validate())
	for d, want := range map[ReviewDecision]string{
		{Plate: "7ABC123"}:                                       "reviewer",
		{Plate: "7ABC123", ReviewerID: "a b"}:                    "reviewer",
		{ReviewerID: "alice"}:                                    "enter the plate",
		{Plate: "ABC123", Unreadable: true, ReviewerID: "alice"}: "not both",
		{Plate: "X", ReviewerID: "alice"}:                        "not a valid plate",
		{Plate: "ABCDEFGHIJ", ReviewerID: "alice"}:               "not a valid plate",
		{Plate: "$$", ReviewerID: "alice"}:                       "not a valid plate",
	} {
		require.ErrorContains(t, d.Validate(), want, "%+v", d)
	}
	require.Equal(t, "7ABC123", ReviewDecision{Plate: " 7abc-123 "}.Normalized().Plate)
}

func TestWorkflowIDRoundTrip(t *testing.T) {
	id, ok := CaptureIDFromWorkflowID(CaptureWorkflowID("abc"))
	require.True(t, ok)
	require.Equal(t, "abc", id)
	_, ok = CaptureIDFromWorkflowID("export-1")
	require.False(t, ok)
}
