package workflows

import (
	"context"
	"maps"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/mock"
	"github.com/stretchr/testify/require"
	"go.temporal.io/sdk/client"
	"go.temporal.io/sdk/testsuite"

	"github.com/tollbooth/tollbooth/activities"
	"github.com/tollbooth/tollbooth/internal/capture"
	"github.com/tollbooth/tollbooth/signals"
)

// countingHandler counts each counter's increments, and each timer's records, by name and the tags
// asked for (the SDK's capturing handler is internal to it).
type countingHandler struct {
	mu     *sync.Mutex
	tags   map[string]string
	counts map[string]int64           // "name tag=value …", tags in keyTags order
	timers map[string][]time.Duration // by name
}

// keyTags are the tags a count's key shows, when set.
var keyTags = []string{"decision", "reason", "status", "booth", "outcome"}

func newCountingHandler() countingHandler {
	return countingHandler{mu: &sync.Mutex{}, tags: map[string]string{}, counts: map[string]int64{}, timers: map[string][]time.Duration{}}
}

func (h countingHandler) WithTags(tags map[string]string) client.MetricsHandler {
	merged := maps.Clone(h.tags)
	maps.Copy(merged, tags)
	return countingHandler{mu: h.mu, tags: merged, counts: h.counts, timers: h.timers}
}

func (h countingHandler) Counter(name string) client.MetricsCounter {
	key := name
	for _, t := range keyTags {
		if v, ok := h.tags[t]; ok {
			key += " " + t + "=" + v
		}
	}
	return counter{h: h, key: key}
}

func (h countingHandler) Gauge(string) client.MetricsGauge { return client.MetricsNopHandler.Gauge("") }

func (h countingHandler) Timer(name string) client.MetricsTimer {
	return timerFunc(func(d time.Duration) {
		h.mu.Lock()
		defer h.mu.Unlock()
		h.timers[name] = append(h.timers[name], d)
	})
}

type timerFunc func(time.Duration)

func (f timerFunc) Record(d time.Duration) { f(d) }

type counter struct {
	h   countingHandler
	key string
}

func (c counter) Inc(n int64) {
	c.h.mu.Lock()
	defer c.h.mu.Unlock()
	c.h.counts[c.key] += n
}

func TestCaptureDecisionsFinishedCapturesAndReviewWaitsAreCounted(t *testing.T) {
	var waits []time.Duration
	run := func(t *testing.T, setup func(env *testsuite.TestWorkflowEnvironment)) map[string]int64 {
		h := newCountingHandler()
		var s testsuite.WorkflowTestSuite
		s.SetMetricsHandler(h)
		env := s.NewTestWorkflowEnvironment()
		env.RegisterActivity(&activities.Photos{})
		env.RegisterActivity(&activities.Records{})
		env.RegisterActivity(&activities.Recognizer{})
		env.RegisterActivity(&activities.Alerting{})
		env.OnActivity(records.SaveCapture, mock.Anything, mock.Anything).Return(
			func(_ context.Context, rec capture.Record) (capture.Record, error) { return rec, nil })
		env.OnActivity(photos.InspectPhoto, mock.Anything, mock.Anything).Return(testPhoto, nil)
		setup(env)
		env.ExecuteWorkflow(Capture, testInput)
		require.True(t, env.IsWorkflowCompleted())
		h.mu.Lock()
		defer h.mu.Unlock()
		waits = h.timers["review_wait"]
		return maps.Clone(h.counts)
	}

	auto := run(t, func(env *testsuite.TestWorkflowEnvironment) {
		env.OnActivity(recognizer.ReadPlate, mock.Anything, mock.Anything).Return(read("7ABC123", 0.93, ""), nil)
		env.OnActivity(recognizer.ReadPlateCrop, mock.Anything, mock.Anything).Return(read("7ABC123", 0.97, ""), nil)
	})
	require.Equal(t, int64(1), auto["capture_decisions decision=auto reason="], "%v", auto)
	require.Equal(t, int64(1), auto["captures_finished decision=auto status=accepted booth=north-01"], "%v", auto)
	require.Len(t, auto, 2, "%v", auto)
	require.Empty(t, waits, "an auto-accepted capture never waits for a person")

	person := run(t, func(env *testsuite.TestWorkflowEnvironment) {
		env.OnActivity(recognizer.ReadPlate, mock.Anything, mock.Anything).Return(unreadable, nil)
		env.RegisterDelayedCallback(func() {
			env.UpdateWorkflow(signals.ReviewDecisionUpdate, "u1", &testsuite.TestUpdateCallback{
				OnReject: func(err error) { t.Errorf("rejected: %v", err) }, OnAccept: func() {}, OnComplete: func(any, error) {},
			}, signals.ReviewDecision{Unreadable: true, ReviewerID: "bob"})
		}, time.Minute) // before the review reminder
	})
	require.Equal(t, int64(1), person["capture_decisions decision=person reason=no-text"], "%v", person)
	require.Zero(t, person["capture_decisions decision=auto reason="])
	// Counted once, when final: not when stored as awaiting_review. The reviewer's id is no label.
	require.Equal(t, int64(1), person["captures_finished decision=reviewer status=unreadable booth=north-01"], "%v", person)
	require.Len(t, person, 2, "%v", person)
	require.Equal(t, []time.Duration{time.Minute}, waits, "from entering the queue to the decision, in workflow time")
}
