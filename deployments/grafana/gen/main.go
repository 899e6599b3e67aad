// Command gen writes the tollbooth Grafana dashboard (deployments/grafana) as JSON:
// `go generate ./deployments/grafana` runs it.
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/tollbooth/tollbooth/deployments/grafana"
)

func main() {
	out := flag.String("out", "tollbooth.json", "file to write")
	flag.Parse()
	data, err := grafana.JSON()
	if err != nil {
		fmt.Fprintf(os.Stderr, "gen: %v\n", err)
		os.Exit(1)
	}
	if err := os.WriteFile(*out, data, 0o644); err != nil {
		fmt.Fprintf(os.Stderr, "gen: %v\n", err)
		os.Exit(1)
	}
}
