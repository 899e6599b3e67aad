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

// countingHandler counts each counter's increments by name and tags (the SDK's capturing handler is
// internal to it).
type countingHandler struct {
	mu     *sync.Mutex
	tags   map[string]string
	counts map[string]int64 // "name decision=… reason=…"
}

func newCountingHandler() countingHandler {
	return countingHandler{mu: &sync.Mutex{}, tags: map[string]string{}, counts: map[string]int64{}}
}

func (h countingHandler) WithTags(tags map[string]string) client.MetricsHandler {
	merged := maps.Clone(h.tags)
	maps.Copy(merged, tags)
	return countingHandler{mu: h.mu, tags: merged, counts: h.counts}
}

func (h countingHandler) Counter(name string) client.MetricsCounter {
	return counter{h: h, key: name + " decision=" + h.tags["decision"] + " reason=" + h.tags["reason"]}
}

func (h countingHandler) Gauge(string) client.MetricsGauge { return client.MetricsNopHandler.Gauge("") }
func (h countingHandler) Timer(string) client.MetricsTimer { return client.MetricsNopHandler.Timer("") }

type counter struct {
	h   countingHandler
	key string
}

func (c counter) Inc(n int64) {
	c.h.mu.Lock()
	defer c.h.mu.Unlock()
	c.h.counts[c.key] += n
}

func TestCaptureDecisionsAreCountedWithTheirReason(t *testing.T) {
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
		return maps.Clone(h.counts)
	}

	auto := run(t, func(env *testsuite.TestWorkflowEnvironment) {
		env.OnActivity(recognizer.ReadPlate, mock.Anything, mock.Anything).Return(read("7ABC123", 0.93, ""), nil)
		env.OnActivity(recognizer.ReadPlateCrop, mock.Anything, mock.Anything).Return(read("7ABC123", 0.97, ""), nil)
	})
	require.Equal(t, int64(1), auto["capture_decisions decision=auto reason="], "%v", auto)

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
}
