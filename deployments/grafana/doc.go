// Package grafana is tollbooth's production dashboard, written as code with the Grafana
// Foundation SDK: the live and history views of the local console pages
// (deployments/prometheus/consoles), for a Grafana on the same Prometheus metrics and recording
// rules. `go generate ./deployments/grafana` writes tollbooth.json, which a Grafana imports
// (Dashboards → New → Import) or provisions from a file.
package grafana

//go:generate go run ./gen -out tollbooth.json
