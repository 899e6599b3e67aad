package workflows

import (
	"fmt"
	"strings"
	"time"

	"go.temporal.io/sdk/workflow"

	"github.com/tollbooth/tollbooth/internal/capture"
)

// showDetails publishes where the capture stands as the run's current details, which the Temporal
// Web UI shows on the run's page ("Current Details") and `temporal workflow describe` prints: the
// status, the booth and capture time, the best read, why a person must look, who decided. It is
// called at each step that changes the state.
//
// It adds no command and no event: the details live in the worker's memory and are read through
// the built-in __temporal_workflow_metadata query, so runs in flight replay unchanged (no
// GetVersion; the replay test proves it on the recorded histories).
func (c *captureRun) showDetails(ctx workflow.Context) {
	workflow.SetCurrentDetails(ctx, c.details())
}

// details is the markdown the Web UI renders: the status, then a list with one line per fact (the
// Web UI's markdown needs the blank line before a list).
func (c *captureRun) details() string {
	s := c.state
	lines := []string{"**" + string(s.Status) + "**", ""}
	if s.BoothID != "" {
		lines = append(lines, fmt.Sprintf("- booth `%s`, taken %s", s.BoothID, s.CaptureTime.UTC().Format(time.DateTime+" UTC")))
	}
	if read := bestRead(s.Record); read != "" {
		lines = append(lines, "- best read: "+read)
	}
	if s.ReasonCode != "" {
		lines = append(lines, fmt.Sprintf("- why a person: `%s` — %s", s.ReasonCode, s.Reason))
	}
	switch {
	case s.ReviewerID != "":
		lines = append(lines, fmt.Sprintf("- decided by %s at %s", s.ReviewerID, s.DecidedAt.UTC().Format(time.DateTime+" UTC")))
	case s.Decision == capture.DecisionAuto:
		lines = append(lines, "- decided automatically (the safe auto-accept policy)")
	}
	if n := len(s.RefusedSignals); n > 0 {
		last := s.RefusedSignals[n-1]
		lines = append(lines, fmt.Sprintf("- %d review signal(s) refused; last: `%s` %s", n, last.ErrorType, last.Reason))
	}
	return strings.Join(lines, "\n")
}

// bestRead is the plate as it stands: the decided plate once there is one, else the recognizer's
// best candidate; empty when nothing was read.
func bestRead(r capture.Record) string {
	switch {
	case r.Status == capture.StatusUnreadable:
		return "none (no readable plate)"
	case r.Plate != "":
		return fmt.Sprintf("`%s` (confidence %.2f)", r.Plate, r.Confidence)
	case len(r.Candidates) > 0:
		return fmt.Sprintf("`%s` (confidence %.2f, not accepted)", r.Candidates[0].Plate, r.Candidates[0].Confidence)
	}
	return ""
}

// summarized gives the activities started with ctx a summary, the line the Web UI shows for them
// in the run's timeline and event history instead of the bare activity type. Like the details it
// is metadata, not part of what replay compares.
func summarized(ctx workflow.Context, summary string) workflow.Context {
	o := workflow.GetActivityOptions(ctx)
	o.Summary = summary
	return workflow.WithActivityOptions(ctx, o)
}
