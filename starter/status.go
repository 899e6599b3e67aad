package main

import (
	"context"
	"encoding/json"
	"fmt"
)

func runStatus(ctx context.Context, env *cli, args []string) error {
	if len(args) != 1 {
		return fmt.Errorf("%w: give exactly one CAPTURE_ID", errUsage)
	}
	return showCapture(ctx, env, args[0])
}

// showCapture prints a capture's state: its workflow's answer while it has one, else its record.
func showCapture(ctx context.Context, env *cli, id string) error {
	captures, err := env.captures(ctx)
	if err != nil {
		return err
	}
	st, err := captures.Show(ctx, id)
	if err != nil {
		return err
	}
	return printJSON(env, st)
}

func printJSON(env *cli, v any) error {
	enc := json.NewEncoder(env.stdout)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}
