package devstack

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"time"

	"gopkg.in/yaml.v3"
)

// The shipped Prometheus configuration (deployments/prometheus), which the stack's Prometheus runs
// with: its scrape jobs, alert and recording rules, and the console pages.
const (
	prometheusConfigDir = "deployments/prometheus"
	prometheusScrape    = "scrape.yml"
	prometheusConsoles  = "consoles"
	prometheusLibraries = "console_libraries"
)

// PrometheusScrapeInterval is the stack's scrape and rule interval: short, so a test sees a burst's
// metrics within seconds. The shipped file's own (production) interval is replaced.
const PrometheusScrapeInterval = "2s"

// PrometheusDir is where the stack's Prometheus keeps its configuration and data: DIR/prometheus.
func (s *Stack) PrometheusDir() string { return filepath.Join(s.Dir, "prometheus") }

// prometheusTargets is the address each job of the shipped scrape.yml scrapes on this stack.
func (s *Stack) prometheusTargets() map[string]string {
	return map[string]string{
		"tollbooth-worker":  addr(s.Ports.WorkerMetrics),
		"tollbooth-trigger": addr(s.Ports.TriggerMetrics),
		"tollbooth-gateway": addr(s.Ports.Gateway),
		"temporal":          addr(s.Ports.TemporalMetrics),
		"prometheus":        addr(s.Ports.Prometheus),
	}
}

// RenderPrometheusConfig is the shipped scrape.yml (src, read from dir) with this stack's
// addresses: every job's targets replaced by the stack's address for it, the rule files made
// absolute and the intervals shortened. A job the stack does not know is an error, so the file and
// the stack cannot drift apart unnoticed.
func RenderPrometheusConfig(src []byte, dir string, targets map[string]string, interval string) ([]byte, error) {
	var cfg map[string]any
	if err := yaml.Unmarshal(src, &cfg); err != nil {
		return nil, fmt.Errorf("%s: %w", prometheusScrape, err)
	}
	global, _ := cfg["global"].(map[string]any)
	if global == nil {
		global = map[string]any{}
	}
	global["scrape_interval"], global["evaluation_interval"] = interval, interval
	cfg["global"] = global
	rules, _ := cfg["rule_files"].([]any)
	for i, r := range rules {
		if name, ok := r.(string); ok && !filepath.IsAbs(name) {
			rules[i] = filepath.Join(dir, name)
		}
	}
	jobs, _ := cfg["scrape_configs"].([]any)
	seen := map[string]bool{}
	for _, j := range jobs {
		job, _ := j.(map[string]any)
		name, _ := job["job_name"].(string)
		target, ok := targets[name]
		if !ok {
			return nil, fmt.Errorf("%s: job %q has no address in the local stack (internal/devstack/prometheus.go)", prometheusScrape, name)
		}
		job["static_configs"] = []any{map[string]any{"targets": []any{target}}}
		seen[name] = true
	}
	for name := range targets {
		if !seen[name] {
			return nil, fmt.Errorf("%s: no job %q, which the local stack scrapes", prometheusScrape, name)
		}
	}
	return yaml.Marshal(cfg)
}

// startPrometheus starts Debian's prometheus with the shipped configuration, templated for this
// stack's ports, and the console pages (the local dashboard) of deployments/prometheus.
func (s *Stack) startPrometheus(ctx context.Context) error {
	bin, err := exec.LookPath("prometheus")
	if err != nil {
		return fmt.Errorf("prometheus not found: install Debian's package (apt-get install prometheus), which also brings promtool")
	}
	src := filepath.Join(s.opts.RepoRoot, prometheusConfigDir)
	shipped, err := os.ReadFile(filepath.Join(src, prometheusScrape))
	if err != nil {
		return err
	}
	rendered, err := RenderPrometheusConfig(shipped, src, s.prometheusTargets(), PrometheusScrapeInterval)
	if err != nil {
		return err
	}
	dir := s.PrometheusDir()
	if err := os.MkdirAll(filepath.Join(dir, "data"), 0o755); err != nil {
		return err
	}
	config := filepath.Join(dir, "prometheus.yml")
	if err := os.WriteFile(config, rendered, 0o644); err != nil {
		return err
	}
	base := "http://" + addr(s.Ports.Prometheus)
	svc, err := s.launch("Prometheus", "prometheus", base, ProcessSpec{
		Path: bin,
		Args: []string{
			"--config.file=" + config,
			"--storage.tsdb.path=" + filepath.Join(dir, "data"),
			"--storage.tsdb.retention.time=30d",
			"--web.listen-address=" + addr(s.Ports.Prometheus),
			"--web.console.templates=" + filepath.Join(src, prometheusConsoles),
			"--web.console.libraries=" + filepath.Join(src, prometheusLibraries),
			"--log.level=warn",
		},
		Dir: dir,
	})
	if err != nil {
		return err
	}
	svc.Extra = []Endpoint{
		{Name: "live console", Addr: base + "/consoles/tollbooth-live.html"},
		{Name: "history console", Addr: base + "/consoles/tollbooth-history.html"},
	}
	return s.waitReady(ctx, svc, 60*time.Second, func(ctx context.Context) error {
		_, err := getText(ctx, base+"/-/ready")
		return err
	})
}
