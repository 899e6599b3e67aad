package workflows

import (
	"context"
	"errors"
	"testing"

	"github.com/stretchr/testify/mock"
	"github.com/stretchr/testify/require"
	"go.temporal.io/sdk/testsuite"

	"github.com/tollbooth/tollbooth/activities"
)

func TestRetentionClearsRawTextThenDeletesPhotos(t *testing.T) {
	var s testsuite.WorkflowTestSuite
	env := s.NewTestWorkflowEnvironment()
	var r *activities.Retention
	env.RegisterActivity(r)
	var order []string
	env.OnActivity(r.ClearExpiredRaw, mock.Anything).Return(func(context.Context) (int, error) { order = append(order, "raw"); return 12, nil })
	env.OnActivity(r.DeleteExpiredPhotos, mock.Anything).Return(func(context.Context) (int, error) { order = append(order, "photos"); return 3, nil })
	env.ExecuteWorkflow(Retention)
	require.NoError(t, env.GetWorkflowError())
	var res RetentionResult
	require.NoError(t, env.GetWorkflowResult(&res))
	require.Equal(t, RetentionResult{RawCleared: 12, PhotosDeleted: 3}, res)
	require.Equal(t, []string{"raw", "photos"}, order)
}

func TestRetentionFailsWhenAStepKeepsFailing(t *testing.T) {
	var s testsuite.WorkflowTestSuite
	env := s.NewTestWorkflowEnvironment()
	var r *activities.Retention
	env.RegisterActivity(r)
	env.OnActivity(r.ClearExpiredRaw, mock.Anything).Return(0, errors.New("firestore down"))
	env.ExecuteWorkflow(Retention)
	require.ErrorContains(t, env.GetWorkflowError(), "firestore down")
}
