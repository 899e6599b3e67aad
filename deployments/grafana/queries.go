package grafana

import (
	"encoding/json"
	"fmt"
	"strings"
)

// PanelQuery is one target of one panel of the dashboard's JSON.
type PanelQuery struct {
	Panel string
	RefID string
	Expr  string
}

// Queries lists every panel's PromQL, from the dashboard's JSON (what Grafana runs), in order.
func Queries(dashboardJSON []byte) ([]PanelQuery, error) {
	var d struct {
		Panels []struct {
			Type    string `json:"type"`
			Title   string `json:"title"`
			Targets []struct {
				RefID string `json:"refId"`
				Expr  string `json:"expr"`
			} `json:"targets"`
		} `json:"panels"`
	}
	if err := json.Unmarshal(dashboardJSON, &d); err != nil {
		return nil, err
	}
	var out []PanelQuery
	for _, p := range d.Panels {
		if p.Type == "row" {
			continue
		}
		if len(p.Targets) == 0 {
			return nil, fmt.Errorf("panel %q has no query", p.Title)
		}
		for _, t := range p.Targets {
			if strings.TrimSpace(t.Expr) == "" {
				return nil, fmt.Errorf("panel %q target %s has no expression", p.Title, t.RefID)
			}
			out = append(out, PanelQuery{Panel: p.Title, RefID: t.RefID, Expr: t.Expr})
		}
	}
	return out, nil
}

// Expand replaces the dashboard's variables in expr as Grafana does with "All" booths selected,
// giving plain PromQL for a Prometheus to parse or run.
func Expand(expr string) string {
	return strings.ReplaceAll(expr, "$"+BoothVariable, AllBooths)
}
