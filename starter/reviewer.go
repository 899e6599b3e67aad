package main

import (
	"bufio"
	"context"
	"flag"
	"fmt"
	"os"
	"strings"

	"github.com/tollbooth/tollbooth/internal/reviewers"
)

// runReviewer manages the gateway's reviewer sign-ins: `reviewer add ID` stores a bcrypt hash of a
// new password, generated and printed once unless --password-stdin gives one.
func runReviewer(_ context.Context, env *cli, args []string) error {
	if len(args) == 0 || args[0] != "add" {
		return fmt.Errorf("%w: the reviewer subcommand is add", errUsage)
	}
	fs := flag.NewFlagSet("reviewer add", flag.ContinueOnError)
	fromStdin := fs.Bool("password-stdin", false, "read the password from the first line of standard input")
	pos, err := parseInterspersed(fs, args[1:])
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return fmt.Errorf("%w: give exactly one reviewer ID", errUsage)
	}
	cfg, err := env.config()
	if err != nil {
		return err
	}
	password, generated := "", false
	if *fromStdin {
		line, err := bufio.NewReader(os.Stdin).ReadString('\n')
		if err != nil && line == "" {
			return fmt.Errorf("read the password from standard input: %w", err)
		}
		password = strings.TrimRight(line, "\r\n")
	} else {
		password, generated = reviewers.NewPassword(), true
	}
	if err := reviewers.Add(cfg.Review.ReviewersFile, pos[0], password); err != nil {
		return err
	}
	fmt.Fprintf(env.stderr, "reviewer %s can sign in to the gateway (hash stored in %s)\n", pos[0], cfg.Review.ReviewersFile)
	if generated {
		fmt.Fprintf(env.stdout, "%s\n", password)
	}
	return nil
}
