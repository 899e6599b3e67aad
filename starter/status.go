package main

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/tollbooth/tollbooth/internal/app"
	"github.com/tollbooth/tollbooth/internal/gcp"
	"github.com/tollbooth/tollbooth/signals"
	"github.com/tollbooth/tollbooth/workflows"
)

func runStatus(ctx context.Context, env *cli, args []string) error {
	if len(args) != 1 {
		return fmt.Errorf("%w: give exactly one CAPTURE_ID", errUsage)
	}
	id := args[0]
	c, err := env.temporalClient()
	if err != nil {
		return err
	}
	// The workflow knows the newest state; once its history is gone, Firestore still has the record.
	val, qerr := c.QueryWorkflow(ctx, signals.CaptureWorkflowID(id), "", signals.CaptureStateQuery)
	if qerr == nil {
		var st workflows.CaptureState
		if err := val.Get(&st); err != nil {
			return err
		}
		return printJSON(env, st)
	}
	cloud, err := env.cloudClients(ctx, app.NeedFirestore)
	if err != nil {
		return err
	}
	rec, err := gcp.Captures{Client: cloud.Firestore}.Get(ctx, id)
	if err != nil {
		return err
	}
	if rec == nil {
		return fmt.Errorf("no capture %s: no workflow (%v) and no record", id, qerr)
	}
	return printJSON(env, rec)
}

func printJSON(env *cli, v any) error {
	enc := json.NewEncoder(env.stdout)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}
