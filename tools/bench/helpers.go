package main

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"os/exec"
	"strings"
)

// pprofTopLines is how many functions the report lists from the worker's CPU profile.
const pprofTopLines = 25

// pprofTop is `go tool pprof -top` of a profile: the functions that use the most CPU themselves
// (flat), so that the report shows where a capture's time goes (image decoding, gRPC, protobuf,
// the garbage collector, workflow code).
func pprofTop(ctx context.Context, binary, profile string) string {
	var out bytes.Buffer
	cmd := exec.CommandContext(ctx, "go", "tool", "pprof", "-top", "-nodecount", fmt.Sprint(pprofTopLines), binary, profile)
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Run(); err != nil {
		return fmt.Sprintf("go tool pprof failed: %v\n%s", err, out.String())
	}
	// Drop pprof's header up to the table's title line.
	var lines []string
	table := false
	sc := bufio.NewScanner(&out)
	for sc.Scan() {
		line := sc.Text()
		if strings.Contains(line, "flat%") {
			table = true
		}
		if table || strings.HasPrefix(line, "Duration") || strings.HasPrefix(line, "Showing") {
			lines = append(lines, line)
		}
	}
	return strings.Join(lines, "\n")
}
