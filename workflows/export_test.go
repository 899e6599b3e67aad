package workflows

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/stretchr/testify/mock"
	"github.com/stretchr/testify/require"
	"go.temporal.io/sdk/temporal"
	"go.temporal.io/sdk/testsuite"

	"github.com/tollbooth/tollbooth/activities"
	"github.com/tollbooth/tollbooth/internal/alert"
	"github.com/tollbooth/tollbooth/internal/capture"
	"github.com/tollbooth/tollbooth/internal/export"
	"github.com/tollbooth/tollbooth/internal/recognition"
	"github.com/tollbooth/tollbooth/signals"
)

var (
	testExporter  *activities.Exporter
	exportedSince int64 // what ExportedSince answers in tests
)

func newExportEnv(t *testing.T) (*testsuite.TestWorkflowEnvironment, *[]alert.Alert) {
	t.Helper()
	var s testsuite.WorkflowTestSuite
	env := s.NewTestWorkflowEnvironment()
	env.RegisterWorkflow(ExportBatch)
	env.RegisterActivity(&activities.Exporter{})
	alerts := recordAlerts(env)
	env.OnActivity(testExporter.ExportedSince, mock.Anything, mock.Anything).Return(
		func(context.Context, time.Time) (int64, error) { return exportedSince, nil })
	exportedSince = 0
	return env, alerts
}

// recordAlerts makes SendAlert keep the alerts it is given, in order.
func recordAlerts(env *testsuite.TestWorkflowEnvironment) *[]alert.Alert {
	env.RegisterActivity(&activities.Alerting{})
	alerts := &[]alert.Alert{}
	env.OnActivity(alerting.SendAlert, mock.Anything, mock.Anything).Return(
		func(_ context.Context, a alert.Alert) error { *alerts = append(*alerts, a); return nil })
	return alerts
}

// batches makes NextBatch hand out the given batches, then nothing.
func batches(env *testsuite.TestWorkflowEnvironment, bs ...export.Batch) {
	i := 0
	env.OnActivity(testExporter.NextBatch, mock.Anything).Return(func(context.Context) (export.Batch, error) {
		if i < len(bs) {
			i++
			return bs[i-1], nil
		}
		return export.Batch{}, nil
	})
}

func passThroughBatchSteps(env *testsuite.TestWorkflowEnvironment, steps *[]string, upload ...func(context.Context, export.Batch) (export.Batch, error)) {
	step := func(name string) func(context.Context, export.Batch) (export.Batch, error) {
		return func(_ context.Context, b export.Batch) (export.Batch, error) {
			*steps = append(*steps, name+" "+b.BatchID)
			return b, nil
		}
	}
	env.OnActivity(testExporter.WriteBatchFile, mock.Anything, mock.Anything).Return(step("write"))
	if len(upload) == 0 {
		upload = append(upload, step("upload"))
	}
	env.OnActivity(testExporter.UploadBatchFile, mock.Anything, mock.Anything).Return(upload[0])
	env.OnActivity(testExporter.MarkBatchExported, mock.Anything, mock.Anything).Return(
		func(_ context.Context, b export.Batch) (int, error) {
			*steps = append(*steps, "mark "+b.BatchID)
			return b.Count, nil
		})
	env.OnActivity(testExporter.RecordBatch, mock.Anything, mock.Anything).Return(step("record"))
}

func TestExportRunsEveryWaitingBatchInOrder(t *testing.T) {
	env, alerts := newExportEnv(t)
	batches(env, export.Batch{BatchID: "batch-000001", Count: 1000}, export.Batch{BatchID: "batch-000002", Count: 1000},
		export.Batch{BatchID: "batch-000003", Count: 500})
	var steps []string
	passThroughBatchSteps(env, &steps)
	env.ExecuteWorkflow(Export, ExportInput{Every: time.Hour})
	require.NoError(t, env.GetWorkflowError())
	var res ExportResult
	require.NoError(t, env.GetWorkflowResult(&res))
	require.Len(t, res.Batches, 3)
	require.False(t, res.Empty)
	require.Empty(t, *alerts)
	require.Equal(t, []string{
		"write batch-000001", "upload batch-000001", "mark batch-000001", "record batch-000001",
		"write batch-000002", "upload batch-000002", "mark batch-000002", "record batch-000002",
		"write batch-000003", "upload batch-000003", "mark batch-000003", "record batch-000003",
	}, steps)
}

func TestExportWithNothingToExportAlertsOncePerInterval(t *testing.T) {
	env, alerts := newExportEnv(t)
	batches(env)
	start := time.Date(2026, 11, 25, 10, 17, 0, 0, time.UTC)
	env.SetStartTime(start)
	env.ExecuteWorkflow(Export, ExportInput{Every: time.Hour})
	require.NoError(t, env.GetWorkflowError())
	require.Len(t, *alerts, 1)
	a := (*alerts)[0]
	require.Equal(t, alert.KindExportEmpty, a.Kind)
	require.Equal(t, "2026-11-25T09:00:00Z", a.Key, "keyed by the interval that ended, so every run for it dedups to one mail")
	require.Contains(t, a.Body, "2026-11-25T10:00:00Z")
	require.Contains(t, a.Link, "/workflows/")
	require.Equal(t, time.Date(2026, 11, 25, 9, 0, 0, 0, time.UTC), a.Since)
}

func TestExportFindingNothingAfterAnExportInTheIntervalDoesNotAlert(t *testing.T) {
	env, alerts := newExportEnv(t)
	batches(env)
	exportedSince = 1 // the early export took everything twenty minutes ago
	env.ExecuteWorkflow(Export, ExportInput{Every: time.Hour})
	require.NoError(t, env.GetWorkflowError())
	var res ExportResult
	require.NoError(t, env.GetWorkflowResult(&res))
	require.False(t, res.Empty)
	require.Empty(t, *alerts)
}

func TestExportFailureAlertsWithTheReason(t *testing.T) {
	env, alerts := newExportEnv(t)
	batches(env, export.Batch{BatchID: "batch-000007", Count: 10, FileName: "tollbooth-20261125-000007.csv"})
	var steps []string
	passThroughBatchSteps(env, &steps, func(context.Context, export.Batch) (export.Batch, error) {
		return export.Batch{}, temporal.NewApplicationError("connect to FTP server 127.0.0.1:21: connection refused", "FTP")
	})
	env.ExecuteWorkflow(Export, ExportInput{Every: time.Hour})
	require.Error(t, env.GetWorkflowError())
	require.Len(t, *alerts, 1)
	a := (*alerts)[0]
	require.Equal(t, alert.KindExportFailed, a.Kind)
	require.Equal(t, "batch-000007", a.Key)
	require.Contains(t, a.Body, "connection refused")
	require.Contains(t, a.Link, "/workflows/export-batch-000007")
	require.NotContains(t, steps, "mark batch-000007", "records are not marked when the upload failed")
}

func TestExportUploadRetriesUntilTheServerIsBack(t *testing.T) {
	env, alerts := newExportEnv(t)
	batches(env, export.Batch{BatchID: "batch-000001", Count: 3})
	var steps []string
	tries := 0
	passThroughBatchSteps(env, &steps, func(_ context.Context, b export.Batch) (export.Batch, error) {
		if tries++; tries < 3 {
			return b, errors.New("connection refused")
		}
		return b, nil
	})
	env.ExecuteWorkflow(Export, ExportInput{Every: time.Hour})
	require.NoError(t, env.GetWorkflowError())
	require.Equal(t, 3, tries)
	require.Empty(t, *alerts)
	require.Contains(t, steps, "mark batch-000001")
}

func TestExportCheckTriggersTheEarlyExportAndRaisesNoAlert(t *testing.T) {
	env, alerts := newExportEnv(t)
	env.RegisterWorkflow(ExportCheck)
	env.OnActivity(testExporter.CheckExport, mock.Anything).Return(activities.CheckResult{Waiting: 1200, ExportTriggered: true}, nil)
	env.ExecuteWorkflow(ExportCheck)
	require.NoError(t, env.GetWorkflowError())
	var res ExportCheckResult
	require.NoError(t, env.GetWorkflowResult(&res))
	require.Equal(t, ExportCheckResult{Waiting: 1200, ExportTriggered: true}, res)
	require.Empty(t, *alerts, "the pipeline's health is the Monitor's")
}

// The spike check recognizes a Vision outage by the reason code the capture workflow stores.
func TestRecognizerFailureReasonIsWhatTheSpikeCheckCounts(t *testing.T) {
	env, saved := newEnv(t)
	env.OnActivity(photos.InspectPhoto, mock.Anything, mock.Anything).Return(testPhoto, nil)
	env.OnActivity(recognizer.ReadPlate, mock.Anything, mock.Anything).Return(recognition.Result{},
		errors.New("rpc error: code = Unavailable desc = Vision down"))
	env.RegisterDelayedCallback(func() {
		env.UpdateWorkflow(signals.ReviewDecisionUpdate, "u1", &testsuite.TestUpdateCallback{
			OnReject: func(err error) { t.Errorf("rejected: %v", err) }, OnAccept: func() {}, OnComplete: func(any, error) {},
		}, signals.ReviewDecision{Plate: "THECAR", ReviewerID: "bob"})
	}, 10*time.Minute)
	env.ExecuteWorkflow(Capture, testInput)
	require.NoError(t, env.GetWorkflowError())
	require.NotEmpty(t, *saved)
	require.Equal(t, capture.ReasonRecognizerFailed, (*saved)[0].ReasonCode, "reason %q", (*saved)[0].Reason)
}
