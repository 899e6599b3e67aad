//go:build integration

package e2e

import (
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/require"
	sdkpb "go.temporal.io/api/sdk/v1"
	"go.temporal.io/api/workflowservice/v1"
	"go.temporal.io/sdk/converter"

	"github.com/tollbooth/tollbooth/internal/capture"
	"github.com/tollbooth/tollbooth/internal/devstack"
	"github.com/tollbooth/tollbooth/signals"
)

// TestTheWebUIShowsWhatACaptureIsAndWhyItWaits: a capture waiting for a reviewer carries, through
// the Temporal API, its start summary (booth, capture time, source), its current details (status,
// best read, reason code) and a summary on each activity; the Web UI shows them on the workflow
// list and on the run's page (screenshots in the stack's log folder).
func TestTheWebUIShowsWhatACaptureIsAndWhyItWaits(t *testing.T) {
	s := startStack(t, false, nil)
	ctx := context.Background()
	c := s.startBlankCapture(t, "north-01")
	rec := s.waitSettled(t, []string{c.id}, time.Minute)[c.id]
	require.Equal(t, capture.StatusAwaitingReview, rec.Status)

	d, err := s.temporal.DescribeWorkflow(ctx, c.workflowID, "")
	require.NoError(t, err)
	summary, err := d.GetStaticSummary()
	require.NoError(t, err)
	wantSummary := fmt.Sprintf("booth north-01 · taken %s · e2e", rec.CaptureTime.UTC().Format(time.DateTime+" UTC"))
	require.Equal(t, wantSummary, summary)
	details, err := d.GetStaticDetails()
	require.NoError(t, err)
	require.Contains(t, details, rec.PhotoURI)

	// The record is stored before the workflow takes the save's result: its details follow within
	// a workflow task.
	var current string
	for deadline := time.Now().Add(20 * time.Second); !strings.Contains(current, "**awaiting_review**"); {
		require.False(t, time.Now().After(deadline), "the run's current details never said awaiting_review: %q", current)
		time.Sleep(200 * time.Millisecond)
		v, err := s.temporal.QueryWorkflow(ctx, c.workflowID, "", "__temporal_workflow_metadata")
		require.NoError(t, err)
		var md sdkpb.WorkflowMetadata
		require.NoError(t, v.Get(&md))
		current = md.GetCurrentDetails()
	}
	require.Contains(t, current, "booth `north-01`")
	require.Contains(t, current, "why a person: `"+string(rec.ReasonCode)+"`")

	readmeQueriesWork(t, s)

	summaries := activitySummaries(t, s, c.workflowID)
	require.Contains(t, summaries, "inspect the photo: size, image, SHA-256, booth")
	require.Contains(t, summaries, "read the photo: text and plate box")
	require.Contains(t, summaries, "save the record: awaiting_review")

	// The Web UI, as an operator opens it: the review queue as a list, with the columns the README
	// asks operators to add (the list holds search attributes, not summaries), then the waiting
	// capture's page.
	ns := url.PathEscape(s.cfg.Temporal.Namespace)
	ui := s.cfg.Temporal.UIBaseURL + "/namespaces/" + ns
	b := browser(t)
	within(t, b, chromedp.EmulateViewport(1600, 1000), chromedp.Navigate(ui+"/workflows"))
	columns, err := json.Marshal(map[string][]map[string]string{s.cfg.Temporal.Namespace: {
		{"label": "Status"}, {"label": "Workflow ID"}, {"label": signals.SearchAttrBooth}, {"label": signals.SearchAttrCaptureTime},
		{"label": signals.SearchAttrStatus}, {"label": "Start"}, {"label": "Deployment Version"},
	}})
	require.NoError(t, err)
	_, err = chromedp.Run(b, chromedp.Evaluate[any](`localStorage.setItem("namespace-workflow-table-columns", `+strconv.Quote(string(columns))+`)`))
	require.NoError(t, err)
	within(t, b, chromedp.Navigate(ui+"/workflows?query="+url.QueryEscape(`TollboothStatus="awaiting_review"`)))
	pageShows(t, b, c.workflowID)
	pageShows(t, b, signals.SearchAttrBooth)
	require.Contains(t, pageText(t, b), "north-01", "the booth column")
	screenshot(t, b, "webui-waiting-captures.png")

	run := ui + "/workflows/" + url.PathEscape(c.workflowID) + "/" + url.PathEscape(d.RawResponse.GetWorkflowExecutionInfo().GetExecution().GetRunId())
	within(t, b, chromedp.Navigate(run+"/history"))
	pageShows(t, b, wantSummary)                             // the start event's summary
	pageShows(t, b, "save the record: awaiting_review")      // the activities' summaries in the timeline
	pageShows(t, b, "review-reminder if no reviewer within") // the reminder timer's
	screenshot(t, b, "webui-waiting-capture-history.png")
	within(t, b, chromedp.Navigate(run+"/user-metadata"))
	pageShows(t, b, "why a person: "+string(rec.ReasonCode)) // the current details, rendered
	pageShows(t, b, "starter status "+c.id)                  // the start's details
	screenshot(t, b, "webui-waiting-capture.png")
}

// readmeQueriesWork runs every list query of the README's Web UI views against the server: each
// parses, and the review queue's finds the waiting capture.
func readmeQueriesWork(t *testing.T, s *stack) {
	t.Helper()
	root, err := devstack.FindRepoRoot()
	require.NoError(t, err)
	readme, err := os.ReadFile(filepath.Join(root, "README.md"))
	require.NoError(t, err)
	_, section, ok := strings.Cut(string(readme), "### Captures in the Temporal Web UI")
	require.True(t, ok, "the README's Web UI section")
	section, _, _ = strings.Cut(section, "\n## ")
	row := regexp.MustCompile("(?m)^\\| [^|]+ \\| `([^`]+)` \\|$")
	rows := row.FindAllStringSubmatch(section, -1)
	require.GreaterOrEqual(t, len(rows), 5, "the README's views")
	for _, r := range rows {
		n, err := s.temporal.CountWorkflow(context.Background(), &workflowservice.CountWorkflowExecutionsRequest{
			Namespace: s.cfg.Temporal.Namespace, Query: r[1]})
		require.NoError(t, err, "README query %s", r[1])
		if r[1] == `TollboothStatus = "awaiting_review"` {
			require.Positive(t, n.GetCount(), "the review queue's view finds the waiting capture")
		}
	}
}

// activitySummaries are the summaries of the activities the run scheduled, from its history.
func activitySummaries(t *testing.T, s *stack, workflowID string) []string {
	t.Helper()
	var out []string
	for _, e := range s.history(t, workflowID) {
		if e.GetActivityTaskScheduledEventAttributes() == nil || e.GetUserMetadata().GetSummary() == nil {
			continue
		}
		var summary string
		require.NoError(t, converter.GetDefaultDataConverter().FromPayload(e.GetUserMetadata().GetSummary(), &summary))
		out = append(out, summary)
	}
	return out
}

// pageShows waits until the page's text holds want.
func pageShows(t *testing.T, ctx context.Context, want string) {
	t.Helper()
	arg, _ := json.Marshal(want)
	wait, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	_, err := chromedp.Run(wait, chromedp.Poll[bool](allText+`.includes(`+string(arg)+`)`,
		chromedp.WithPollingInterval(250*time.Millisecond)))
	require.NoError(t, err, "the page never showed %q; it shows:\n%s", want, pageText(t, ctx))
}

func pageText(t *testing.T, ctx context.Context) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	s, _ := chromedp.Run(ctx, chromedp.Evaluate[string](allText))
	return s
}

// allText is the page's text with its frames' (the Web UI renders user metadata's markdown in
// sandboxed frames, given as srcdoc).
const allText = `((document.body ? document.body.innerText : "") + [...document.querySelectorAll("iframe")]
	.map(f => { try { return f.contentDocument ? f.contentDocument.body.innerText : (f.srcdoc || "") } catch (e) { return f.srcdoc || "" } })
	.join("\n"))`

// screenshot saves the page as PNG, for a person to look at, in .devstack/screenshots (kept after
// the stack is gone, unlike its logs).
func screenshot(t *testing.T, ctx context.Context, name string) {
	t.Helper()
	root, err := devstack.FindRepoRoot()
	require.NoError(t, err)
	dir := filepath.Join(root, ".devstack", "screenshots")
	require.NoError(t, os.MkdirAll(dir, 0o755))
	ctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	require.NoError(t, err)
	path := filepath.Join(dir, name)
	require.NoError(t, os.WriteFile(path, png, 0o644))
	t.Logf("screenshot: %s", path)
}
