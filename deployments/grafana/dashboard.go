package grafana

import (
	"encoding/json"

	"github.com/grafana/grafana-foundation-sdk/go/cog"
	"github.com/grafana/grafana-foundation-sdk/go/cog/variants"
	"github.com/grafana/grafana-foundation-sdk/go/common"
	"github.com/grafana/grafana-foundation-sdk/go/dashboard"
	"github.com/grafana/grafana-foundation-sdk/go/prometheus"
	"github.com/grafana/grafana-foundation-sdk/go/stat"
	"github.com/grafana/grafana-foundation-sdk/go/timeseries"
)

// UID is the dashboard's fixed uid, so a re-import replaces it instead of adding a copy.
const UID = "tollbooth-pipeline"

// BoothVariable is the dashboard's booth filter; "All" is the regular expression AllBooths.
const (
	BoothVariable = "booth"
	AllBooths     = ".*"
)

// datasource is the Prometheus the panels query: the dashboard's "datasource" variable.
var datasource = common.DataSourceRef{Type: cog.ToPtr("prometheus"), Uid: cog.ToPtr("${datasource}")}

// query is one PromQL target with its legend.
type query struct{ expr, legend string }

func target(ref string, q query) *prometheus.DataqueryBuilder {
	return prometheus.NewDataqueryBuilder().RefId(ref).Expr(q.expr).LegendFormat(q.legend).Range().Datasource(datasource)
}

func refs(qs []query) []cog.Builder[variants.Dataquery] {
	out := make([]cog.Builder[variants.Dataquery], len(qs))
	for i, q := range qs {
		out[i] = target(string(rune('A'+i)), q)
	}
	return out
}

// graph is a time series panel.
func graph(title, description, unit string, w uint32, qs ...query) *timeseries.PanelBuilder {
	return timeseries.NewPanelBuilder().Title(title).Description(description).Unit(unit).
		Datasource(datasource).Height(8).Span(w).Min(0).Targets(refs(qs)).
		Legend(common.NewVizLegendOptionsBuilder().ShowLegend(true).DisplayMode(common.LegendDisplayModeList).Placement(common.LegendPlacementBottom))
}

// single is a stat panel: one current value with its trend.
func single(title, description, unit string, q query) *stat.PanelBuilder {
	return stat.NewPanelBuilder().Title(title).Description(description).Unit(unit).
		Datasource(datasource).Height(4).Span(6).GraphMode(common.BigValueGraphModeArea).
		Targets(refs([]query{q}))
}

// Dashboard builds the dashboard: a live row (what happens now) and a history row (how the
// pipeline did over the dashboard's time range). Every query uses the metrics and recording rules
// of deployments/prometheus, which the tests evaluate against a live Prometheus.
func Dashboard() (dashboard.Dashboard, error) {
	booth := `booth=~"$` + BoothVariable + `"`
	return dashboard.NewDashboardBuilder("tollbooth: plate-reading pipeline").
		Uid(UID).
		Description("Captures, reviews, Vision against its cap, errors and exports of tollbooth (README: Metrics).").
		Tags([]string{"tollbooth", "temporal"}).
		Refresh("30s").
		Time("now-6h", "now").
		Timezone("browser").
		Tooltip(dashboard.DashboardCursorSyncCrosshair).
		WithVariable(dashboard.NewDatasourceVariableBuilder("datasource").Label("Prometheus").Type("prometheus")).
		WithVariable(dashboard.NewQueryVariableBuilder(BoothVariable).Label("Booth").
			Datasource(datasource).
			Query(dashboard.StringOrMap{String: cog.ToPtr("label_values(tollbooth_captures_finished_total, booth)")}).
			Definition("label_values(tollbooth_captures_finished_total, booth)").
			Refresh(dashboard.VariableRefreshOnTimeRangeChanged).
			Multi(true).IncludeAll(true).AllValue(AllBooths)).
		WithRow(dashboard.NewRowBuilder("Live")).
		WithPanel(single("Captures finished per minute", "Captures that reached a final record.", "short",
			query{"sum(tollbooth:captures_finished:rate1m{" + booth + "}) * 60", "captures/min"})).
		WithPanel(single("Review queue", "Captures waiting for a person (max over workers: each measures the same queue).", "short",
			query{"max(tollbooth_review_waiting)", "waiting"})).
		WithPanel(single("Auto-accepted (5m)", "Share of decided plates accepted without a person.", "percentunit",
			query{"tollbooth:auto_accept_share:ratio_rate5m", "auto"})).
		WithPanel(single("Oldest unbilled capture", "Age, by capture time, of the oldest accepted capture no export batch holds (0: none waits).", "s",
			query{"max(tollbooth_export_oldest_waiting_age_seconds)", "age"})).
		WithPanel(graph("Throughput by status", "Captures finished per minute.", "short", 12,
			query{"sum by (status) (tollbooth:captures_finished:rate1m{" + booth + "}) * 60", "{{status}}"})).
		WithPanel(graph("Vision requests against the cap", "Recognizer calls per second, and the cap for all workers together (TOLLBOOTH_VISION_RPS).", "reqps", 12,
			query{"sum by (recognizer) (tollbooth:vision_requests:rate1m)", "{{recognizer}} requests"},
			query{"tollbooth:vision_requests_limit:max", "{{recognizer}} cap"})).
		WithPanel(graph("Errors", "Failed recognizer calls, activity failures, failed trigger starts, gateway 5xx; 0 when there are none.", "short", 12,
			query{`sum(tollbooth:vision_requests:rate1m{code!="OK"}) or vector(0)`, "recognizer errors/s"},
			query{"sum(tollbooth:activity_failures:rate1m) or vector(0)", "activity failures/s"},
			query{`sum(tollbooth:trigger_notifications:rate1m{outcome=~"failed|malformed"}) or vector(0)`, "trigger failures/s"},
			query{`sum(tollbooth:gateway_requests:rate1m{code=~"5.."}) or vector(0)`, "gateway 5xx/s"})).
		WithPanel(graph("Why captures go to a person", "Per minute, by reason code.", "short", 12,
			query{`sum by (reason) (tollbooth:capture_decisions:rate1m{decision="person"}) * 60`, "{{reason}}"})).
		WithPanel(graph("Task queue waits (p99)", "Schedule-to-start latency of the SDK's tasks: the backlog a scaler acts on.", "s", 12,
			query{"histogram_quantile(0.99, sum by (le, task_queue) (rate(tollbooth_temporal_activity_schedule_to_start_latency_seconds_bucket[5m])))", "activities {{task_queue}}"},
			query{"histogram_quantile(0.99, sum by (le, task_queue) (rate(tollbooth_temporal_workflow_task_schedule_to_start_latency_seconds_bucket[5m])))", "workflow tasks {{task_queue}}"})).
		WithPanel(graph("Upload notifications", "The trigger's notifications by outcome; their sum is every notification received.", "short", 12,
			query{"sum by (outcome) (tollbooth:trigger_notifications:rate1m) * 60", "{{outcome}}/min"})).
		WithRow(dashboard.NewRowBuilder("History")).
		WithPanel(graph("Captures per hour, by booth", "Captures finished in each hour.", "short", 12,
			query{"sum by (booth) (increase(tollbooth_captures_finished_total{" + booth + "}[1h]))", "{{booth}}"})).
		WithPanel(graph("Auto-accept share", "Share of decided plates accepted without a person.", "percentunit", 12,
			query{"tollbooth:auto_accept_share:ratio_rate5m", "auto-accepted"})).
		WithPanel(graph("Review wait percentiles", "From entering the review queue to the decision.", "s", 12,
			query{"histogram_quantile(0.5, tollbooth:review_wait_seconds_bucket:rate5m)", "p50"},
			query{"histogram_quantile(0.9, tollbooth:review_wait_seconds_bucket:rate5m)", "p90"},
			query{"histogram_quantile(0.99, tollbooth:review_wait_seconds_bucket:rate5m)", "p99"})).
		WithPanel(graph("Export batches and rows per hour", "Finished (and failed) batches, and the rows billed.", "short", 12,
			query{"sum by (outcome) (increase(tollbooth_export_batches_total[1h]))", "batches {{outcome}}"},
			query{"sum(increase(tollbooth_export_rows_total[1h]))", "rows"})).
		WithPanel(graph("Recognition confidence (median per read)", "The best plate read's confidence, by read.", "percentunit", 12,
			query{"histogram_quantile(0.5, sum by (le, activity_type) (rate(tollbooth_recognition_confidence_bucket[5m])))", "{{activity_type}}"})).
		WithPanel(graph("Alerts sent per hour", "Delivered alerts by kind (repeats within the de-duplication window are not sent); 0 when none.", "short", 12,
			query{"sum by (kind) (increase(tollbooth_alerts_sent_total[1h])) or vector(0)", "{{kind}}"})).
		Build()
}

// JSON is the dashboard as Grafana imports it, indented, with a final newline.
func JSON() ([]byte, error) {
	d, err := Dashboard()
	if err != nil {
		return nil, err
	}
	out, err := json.MarshalIndent(d, "", "  ")
	if err != nil {
		return nil, err
	}
	return append(out, '\n'), nil
}
