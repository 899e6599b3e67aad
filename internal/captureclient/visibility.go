package captureclient

import (
	"context"

	workflowpb "go.temporal.io/api/workflow/v1"
	"go.temporal.io/api/workflowservice/v1"
	"go.temporal.io/sdk/client"
)

// visibility is the part of Temporal's visibility API the queue reads.
type visibility interface {
	Count(ctx context.Context, query string) (int64, error)
	List(ctx context.Context, query string, pageSize int32, token []byte) ([]*workflowpb.WorkflowExecutionInfo, []byte, error)
}

// temporalVisibility reads a namespace's visibility through a Temporal client.
type temporalVisibility struct {
	client    client.Client
	namespace string
}

func (v temporalVisibility) Count(ctx context.Context, query string) (int64, error) {
	resp, err := v.client.CountWorkflow(ctx, &workflowservice.CountWorkflowExecutionsRequest{Namespace: v.namespace, Query: query})
	if err != nil {
		return 0, err
	}
	return resp.GetCount(), nil
}

func (v temporalVisibility) List(ctx context.Context, query string, pageSize int32, token []byte) ([]*workflowpb.WorkflowExecutionInfo, []byte, error) {
	resp, err := v.client.ListWorkflow(ctx, &workflowservice.ListWorkflowExecutionsRequest{
		Namespace: v.namespace, Query: query, PageSize: pageSize, NextPageToken: token,
	})
	if err != nil {
		return nil, nil, err
	}
	return resp.GetExecutions(), resp.GetNextPageToken(), nil
}
