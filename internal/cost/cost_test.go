package cost

import (
	"testing"

	"github.com/stretchr/testify/require"
	commonpb "go.temporal.io/api/common/v1"
	"go.temporal.io/api/enums/v1"
	historypb "go.temporal.io/api/history/v1"
)

func TestTieredMatchesTemporalsPublishedExample(t *testing.T) {
	// docs.temporal.io/cloud/pricing: 11.25M actions beyond the allocation cost $525.
	require.InDelta(t, 525.0, Tiered(11.25e6, ListPrices.TemporalActions), 1e-6)
	require.Equal(t, 0.0, Tiered(0, ListPrices.TemporalActions))
	// Vision: the first 1,000 units are free, then $1.50 per 1,000.
	require.InDelta(t, 1.5, Tiered(2000, ListPrices.VisionText), 1e-9)
}

func event(typ enums.EventType, attrs any) *historypb.HistoryEvent {
	e := &historypb.HistoryEvent{EventType: typ}
	switch a := attrs.(type) {
	case *historypb.WorkflowExecutionStartedEventAttributes:
		e.Attributes = &historypb.HistoryEvent_WorkflowExecutionStartedEventAttributes{WorkflowExecutionStartedEventAttributes: a}
	case *historypb.ActivityTaskScheduledEventAttributes:
		e.Attributes = &historypb.HistoryEvent_ActivityTaskScheduledEventAttributes{ActivityTaskScheduledEventAttributes: a}
	case *historypb.ActivityTaskStartedEventAttributes:
		e.Attributes = &historypb.HistoryEvent_ActivityTaskStartedEventAttributes{ActivityTaskStartedEventAttributes: a}
	case *historypb.MarkerRecordedEventAttributes:
		e.Attributes = &historypb.HistoryEvent_MarkerRecordedEventAttributes{MarkerRecordedEventAttributes: a}
	case *historypb.UpsertWorkflowSearchAttributesEventAttributes:
		e.Attributes = &historypb.HistoryEvent_UpsertWorkflowSearchAttributesEventAttributes{UpsertWorkflowSearchAttributesEventAttributes: a}
	}
	return e
}

func searchAttrs(names ...string) *commonpb.SearchAttributes {
	f := map[string]*commonpb.Payload{}
	for _, n := range names {
		f[n] = &commonpb.Payload{Data: []byte(`"x"`)}
	}
	return &commonpb.SearchAttributes{IndexedFields: f}
}

func TestCountEventFollowsTemporalCloudsActionRules(t *testing.T) {
	var r Run
	for _, e := range []*historypb.HistoryEvent{
		event(enums.EVENT_TYPE_WORKFLOW_EXECUTION_STARTED, &historypb.WorkflowExecutionStartedEventAttributes{}), // 1
		event(enums.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED, &historypb.ActivityTaskScheduledEventAttributes{ActivityType: &commonpb.ActivityType{Name: "ReadPlate"}}),
		event(enums.EVENT_TYPE_ACTIVITY_TASK_STARTED, &historypb.ActivityTaskStartedEventAttributes{Attempt: 3}),                                                              // 3: two retries
		event(enums.EVENT_TYPE_MARKER_RECORDED, &historypb.MarkerRecordedEventAttributes{WorkflowTaskCompletedEventId: 4}),                                                    // 1
		event(enums.EVENT_TYPE_MARKER_RECORDED, &historypb.MarkerRecordedEventAttributes{WorkflowTaskCompletedEventId: 4}),                                                    // same task: 0
		event(enums.EVENT_TYPE_UPSERT_WORKFLOW_SEARCH_ATTRIBUTES, &historypb.UpsertWorkflowSearchAttributesEventAttributes{SearchAttributes: searchAttrs(changeVersion)}),     // exempt: 0
		event(enums.EVENT_TYPE_UPSERT_WORKFLOW_SEARCH_ATTRIBUTES, &historypb.UpsertWorkflowSearchAttributesEventAttributes{SearchAttributes: searchAttrs("TollboothStatus")}), // 1
		event(enums.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED, nil),                                                                                                       // 1
		event(enums.EVENT_TYPE_START_CHILD_WORKFLOW_EXECUTION_INITIATED, nil),                                                                                                 // 2
		event(enums.EVENT_TYPE_WORKFLOW_TASK_COMPLETED, nil),                                                                                                                  // 0
	} {
		r.CountEvent(e)
	}
	require.Equal(t, 10, r.Events)
	require.Equal(t, 1+3+1+0+1+1+2, r.Actions)
	require.True(t, r.Reviewed)
	require.Equal(t, map[string]int{"ReadPlate": 1}, r.Activities)
	require.Positive(t, r.Bytes)

	var scheduled Run
	scheduled.CountEvent(event(enums.EVENT_TYPE_WORKFLOW_EXECUTION_STARTED,
		&historypb.WorkflowExecutionStartedEventAttributes{SearchAttributes: searchAttrs(scheduledByID)}))
	require.Equal(t, 3, scheduled.Actions, "a scheduled start is two schedule actions and the start")
	require.False(t, scheduled.Reviewed)
}

func TestMeanAveragesRunsWithDifferentActivities(t *testing.T) {
	var m Mean
	m.Add(Run{Actions: 4, Bytes: 100, Activities: map[string]int{"ReadPlate": 1}})
	m.Add(Run{Actions: 8, Bytes: 300, Activities: map[string]int{"ReadPlate": 1, "ReadPlateCrop": 2}})
	require.Equal(t, 2, m.Runs)
	require.InDelta(t, 6, m.Actions, 1e-9)
	require.InDelta(t, 200, m.Bytes, 1e-9)
	require.InDelta(t, 1, m.Activities["ReadPlate"], 1e-9)
	require.InDelta(t, 1, m.Activities["ReadPlateCrop"], 1e-9)
}

func testProfile() Profile {
	return Profile{
		Measured:     "test",
		AutoAccepted: Mean{Runs: 1, Actions: 7, Bytes: 8000, Activities: map[string]float64{actInspect: 1, actReadPlate: 1, actReadPlateCrop: 1, actSave: 1}},
		Reviewed:     Mean{Runs: 1, Actions: 10, Bytes: 12000, Activities: map[string]float64{actInspect: 1, actReadPlate: 1, actReadPlateCrop: 1, actSave: 2}},
		Export:       Mean{Runs: 1, Actions: 6},
		ExportBatch:  Mean{Runs: 1, Actions: 5},
		ExportCheck:  Mean{Runs: 1, Actions: 4},
		Monitor:      Mean{Runs: 1, Actions: 4},
	}
}

func TestEstimatePricesVisionPerFeatureUnit(t *testing.T) {
	u := DefaultUsage()
	u.CapturesPerDay, u.ReviewShare = 10_000, 0.5
	b, err := Estimate(testProfile(), u, ListPrices)
	require.NoError(t, err)
	var vision Line
	for _, l := range b.Lines {
		if l.Service == "Cloud Vision" {
			vision = l
		}
	}
	// 300,000 photo reads (text + objects) and 300,000 crop reads, each feature's first 1,000 free.
	want := 299_000*1.50e-3 + 299_000*2.25e-3 + 299_000*1.50e-3
	require.InDelta(t, want, vision.USD, 1e-6)
	sum := 0.0
	for _, l := range b.Lines {
		sum += l.USD
	}
	require.InDelta(t, sum, b.Total, 1e-6)
	require.Equal(t, b.Lines[0], b.Dominant(), "lines are sorted, most expensive first")
}

func TestEstimateGrowsWithTrafficAndReviews(t *testing.T) {
	u := DefaultUsage()
	u.CapturesPerDay = 100_000
	small, err := Estimate(testProfile(), u, ListPrices)
	require.NoError(t, err)
	u.CapturesPerDay = 1_000_000
	big, err := Estimate(testProfile(), u, ListPrices)
	require.NoError(t, err)
	require.Greater(t, big.Total, 5*small.Total)
	u.ReviewShare = 1
	allReviewed, err := Estimate(testProfile(), u, ListPrices)
	require.NoError(t, err)
	require.Greater(t, allReviewed.Total, big.Total, "a reviewed capture costs more actions and writes")
}

func TestEstimateRefusesBadInput(t *testing.T) {
	u := DefaultUsage()
	_, err := Estimate(testProfile(), u, ListPrices)
	require.ErrorContains(t, err, "captures per day")
	u.CapturesPerDay, u.ReviewShare = 10, 1.5
	_, err = Estimate(testProfile(), u, ListPrices)
	require.ErrorContains(t, err, "review share")
	u.ReviewShare = 0.5
	_, err = Estimate(Profile{}, u, ListPrices)
	require.ErrorContains(t, err, "measure a stack")
}
