package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/tollbooth/tollbooth/internal/apikeys"
	"github.com/tollbooth/tollbooth/internal/app"
	"github.com/tollbooth/tollbooth/internal/gcp"
)

// apiKeyStore opens the API keys in Firestore; tests replace it.
var apiKeyStore = func(ctx context.Context, env *cli) (apikeys.Store, error) {
	cloud, err := env.cloudClients(ctx, app.NeedFirestore)
	if err != nil {
		return nil, err
	}
	return gcp.APIKeys{Client: cloud.Firestore}, nil
}

// repeated is a flag that may be given several times (--plate A --plate B).
type repeated []string

func (r *repeated) String() string     { return strings.Join(*r, ",") }
func (r *repeated) Set(v string) error { *r = append(*r, v); return nil }

// runAPIKey issues, lists and revokes the gateway API's keys. `issue` prints the key once, on
// standard output alone (KEY=$(starter apikey issue ...)); only its SHA-256 is stored.
func runAPIKey(ctx context.Context, env *cli, args []string) error {
	if len(args) == 0 {
		return fmt.Errorf("%w: apikey issue | list | revoke", errUsage)
	}
	switch args[0] {
	case "issue":
		return apiKeyIssue(ctx, env, args[1:])
	case "list":
		return apiKeyList(ctx, env, args[1:])
	case "revoke":
		return apiKeyRevoke(ctx, env, args[1:])
	}
	return fmt.Errorf("%w: unknown apikey subcommand %q", errUsage, args[0])
}

func apiKeyIssue(ctx context.Context, env *cli, args []string) error {
	fs := flag.NewFlagSet("apikey issue", flag.ContinueOnError)
	scope := fs.String("scope", "", "ingest, operator, reviewer or customer (required)")
	name := fs.String("name", "", "who holds the key, for the list")
	var plates repeated
	fs.Var(&plates, "plate", "a plate a customer key may read (repeat for several)")
	pos, err := parseInterspersed(fs, args)
	if err != nil {
		return err
	}
	if *scope == "" || len(pos) > 0 {
		return fmt.Errorf("%w: --scope is required (one of %v)", errUsage, apikeys.Scopes)
	}
	k, token, err := apikeys.New(apikeys.Scope(*scope), *name, plates, time.Now())
	if err != nil {
		return err
	}
	store, err := apiKeyStore(ctx, env)
	if err != nil {
		return err
	}
	if err := store.Create(ctx, k); err != nil {
		return fmt.Errorf("store the key: %w", err)
	}
	fmt.Fprintf(env.stderr, "API key %s (scope %s%s) issued; it is shown once, keep it secret:\n", k.ID, k.Scope, platesNote(k.Plates))
	fmt.Fprintln(env.stdout, token)
	return nil
}

func platesNote(plates []string) string {
	if len(plates) == 0 {
		return ""
	}
	return ", plates " + strings.Join(plates, " ")
}

func apiKeyList(ctx context.Context, env *cli, args []string) error {
	fs := flag.NewFlagSet("apikey list", flag.ContinueOnError)
	asJSON := fs.Bool("json", false, "one JSON object per line")
	if _, err := parseInterspersed(fs, args); err != nil {
		return err
	}
	store, err := apiKeyStore(ctx, env)
	if err != nil {
		return err
	}
	keys, err := store.List(ctx)
	if err != nil {
		return err
	}
	if *asJSON {
		enc := json.NewEncoder(env.stdout)
		for _, k := range keys {
			if err := enc.Encode(k); err != nil {
				return err
			}
		}
		return nil
	}
	tw := tabwriter.NewWriter(env.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tSCOPE\tNAME\tPLATES\tCREATED\tREVOKED")
	for _, k := range keys {
		revoked := "-"
		if k.Revoked() {
			revoked = k.RevokedAt.UTC().Format(time.RFC3339)
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\n", k.ID, k.Scope, dash(k.Name), dash(strings.Join(k.Plates, " ")),
			k.CreatedAt.UTC().Format(time.RFC3339), revoked)
	}
	return tw.Flush()
}

func dash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

func apiKeyRevoke(ctx context.Context, env *cli, args []string) error {
	if len(args) != 1 {
		return fmt.Errorf("%w: give exactly one key ID (see `starter apikey list`)", errUsage)
	}
	id := args[0]
	if !apikeys.ValidID(id) {
		if got, ok := apikeys.ParseID(id); ok {
			id = got // the whole key was given: its id is in it
		} else {
			return fmt.Errorf("%q is not an API key id (12 characters, see `starter apikey list`)", id)
		}
	}
	store, err := apiKeyStore(ctx, env)
	if err != nil {
		return err
	}
	err = store.Revoke(ctx, id, time.Now())
	if errors.Is(err, apikeys.ErrNotFound) {
		return fmt.Errorf("no API key %s (see `starter apikey list`)", id)
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(env.stderr, "API key %s is revoked: the gateway refuses it from now on\n", id)
	return nil
}
