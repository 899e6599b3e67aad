package cost

import (
	"go.temporal.io/api/enums/v1"
	historypb "go.temporal.io/api/history/v1"
	"google.golang.org/protobuf/proto"
)

// Run is what one workflow run did, counted from its history.
type Run struct {
	Events  int
	Actions int
	// Bytes is the history's size as stored (the protobuf size of its events): what Temporal Cloud
	// bills as active storage while the run is open and as retained storage after it closes.
	Bytes int
	// Activities counts activity attempts by activity type.
	Activities map[string]int
	// Reviewed is true when a person decided the capture (an update or a signal reached the run).
	Reviewed bool

	lastMarkerTask int64
}

// CountEvent adds one history event to the run. Actions follow Temporal Cloud's list of billable
// actions (docs.temporal.io/cloud/actions, read 2026-12-01): a workflow start (three when a schedule
// started it: two for the schedule, one for the start), each activity attempt, timers, signals,
// accepted updates, markers (all of one workflow task count once), search-attribute upserts other
// than the version marker's TemporalChangeVersion, two per child-workflow start, and workflow option
// updates. Queries are billed too but leave no event; they are not counted.
func (r *Run) CountEvent(e *historypb.HistoryEvent) {
	if r.Activities == nil {
		r.Activities = map[string]int{}
	}
	r.Events++
	r.Bytes += proto.Size(e)
	switch e.GetEventType() {
	case enums.EVENT_TYPE_WORKFLOW_EXECUTION_STARTED:
		r.Actions++
		if _, scheduled := e.GetWorkflowExecutionStartedEventAttributes().GetSearchAttributes().GetIndexedFields()[scheduledByID]; scheduled {
			r.Actions += 2
		}
	case enums.EVENT_TYPE_TIMER_STARTED, enums.EVENT_TYPE_WORKFLOW_EXECUTION_OPTIONS_UPDATED:
		r.Actions++
	case enums.EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED, enums.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED:
		r.Actions++
		r.Reviewed = true
	case enums.EVENT_TYPE_START_CHILD_WORKFLOW_EXECUTION_INITIATED:
		r.Actions += 2
	case enums.EVENT_TYPE_UPSERT_WORKFLOW_SEARCH_ATTRIBUTES:
		fields := e.GetUpsertWorkflowSearchAttributesEventAttributes().GetSearchAttributes().GetIndexedFields()
		if _, version := fields[changeVersion]; !version || len(fields) > 1 {
			r.Actions++
		}
	case enums.EVENT_TYPE_MARKER_RECORDED:
		task := e.GetMarkerRecordedEventAttributes().GetWorkflowTaskCompletedEventId()
		if task != r.lastMarkerTask {
			r.Actions++
			r.lastMarkerTask = task
		}
	case enums.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED:
		r.Activities[e.GetActivityTaskScheduledEventAttributes().GetActivityType().GetName()]++
	case enums.EVENT_TYPE_ACTIVITY_TASK_STARTED:
		// The first attempt and every retry; intermediate attempts leave no event of their own.
		r.Actions += int(e.GetActivityTaskStartedEventAttributes().GetAttempt())
	}
}

// Temporal's own search attributes that decide how an event is billed.
const (
	scheduledByID = "TemporalScheduledById"
	changeVersion = "TemporalChangeVersion"
)

// Mean is the average of several runs of one kind.
type Mean struct {
	Runs       int                `json:"runs"`
	Events     float64            `json:"events"`
	Actions    float64            `json:"actions"`
	Bytes      float64            `json:"bytes"`
	Activities map[string]float64 `json:"activities"`
}

// Add folds one run into the mean.
func (m *Mean) Add(r Run) {
	n := float64(m.Runs)
	m.Runs++
	next := func(avg float64, v int) float64 { return (avg*n + float64(v)) / float64(m.Runs) }
	m.Events = next(m.Events, r.Events)
	m.Actions = next(m.Actions, r.Actions)
	m.Bytes = next(m.Bytes, r.Bytes)
	if m.Activities == nil {
		m.Activities = map[string]float64{}
	}
	for name := range m.Activities {
		m.Activities[name] = next(m.Activities[name], r.Activities[name])
	}
	for name, v := range r.Activities {
		if _, seen := m.Activities[name]; !seen {
			m.Activities[name] = float64(v) / float64(m.Runs)
		}
	}
}
