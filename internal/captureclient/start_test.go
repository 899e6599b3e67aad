package captureclient

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/mock"
	"github.com/stretchr/testify/require"
	"go.temporal.io/sdk/client"
	"go.temporal.io/sdk/mocks"

	"github.com/tollbooth/tollbooth/internal/capture"
)

func TestAStartedCaptureIsSummarizedForTheWebUI(t *testing.T) {
	tc := &mocks.Client{}
	run := &mocks.WorkflowRun{}
	run.On("GetRunID").Return("run1")
	var opts client.StartWorkflowOptions
	tc.On("ExecuteWorkflow", mock.Anything, mock.Anything, mock.Anything, mock.Anything).
		Run(func(args mock.Arguments) { opts = args.Get(1).(client.StartWorkflowOptions) }).Return(run, nil)
	c := New(tc, memRecords{}, Options{})

	object := capture.ObjectName("north-02", time.Date(2026, 11, 25, 12, 0, 5, 0, time.UTC), "e19e0bf0123456789abcdef", "jpg")
	started, err := c.Start(context.Background(), "photos-bucket", object, "upload-event")
	require.NoError(t, err)
	require.Equal(t, "booth north-02 · taken 2026-11-25 12:00:05 UTC · upload-event", opts.StaticSummary)
	require.Contains(t, opts.StaticDetails, "gs://photos-bucket/"+object)
	require.Contains(t, opts.StaticDetails, "`starter status "+started.CaptureID+"`")

	_, err = c.Start(context.Background(), "photos-bucket", "photos/not-laid-out.jpg", "api")
	require.NoError(t, err)
	require.Equal(t, "photo photos/not-laid-out.jpg · api", opts.StaticSummary, "a bad name still gets a summary; the workflow refuses it")
}
