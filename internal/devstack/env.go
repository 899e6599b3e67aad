package devstack

import (
	"fmt"
	"os"
	"regexp"
	"strings"
	"time"

	"github.com/tollbooth/tollbooth/internal/config"
)

// Environment variables devstack uses that internal/config does not name.
const (
	EnvGoogleProject    = "GOOGLE_CLOUD_PROJECT"        // read by Google client libraries and tools
	EnvToolsDir         = "TOLLBOOTH_TOOLS_DIR"         // where the Temporal CLI and fake-gcs-server are cached
	EnvDevstackDir      = "TOLLBOOTH_DEVSTACK_DIR"      // the running stack's state folder, for tests that want its logs
	EnvDevstackTemporal = "TOLLBOOTH_DEVSTACK_TEMPORAL" // the stack's Temporal mode (dev or postgres), for the bench's report
	EnvCloudSDKNoPrompt = "CLOUDSDK_CORE_DISABLE_PROMPTS"
)

// EnvVar is one NAME=value pair; the stack's variables keep a fixed, readable order.
type EnvVar struct {
	Name  string
	Value string
}

// Env is what the apps and tests need to reach this stack, in the order the env file lists it.
func (s *Stack) Env() []EnvVar {
	p := s.Ports
	vars := []EnvVar{
		{config.EnvTemporalAddress, addr(p.Temporal)},
		{config.EnvTemporalNamespace, "default"},
		{config.EnvTemporalUI, "http://" + addr(p.TemporalUI)},
		{config.EnvFirestoreEmulator, addr(p.Firestore)},
		{config.EnvPubSubEmulator, addr(p.PubSub)},
		// cloud.google.com/go/storage takes host:port and assumes http (storage.go, NewClient).
		{config.EnvStorageEmulator, addr(p.Storage)},
		{config.EnvProject, config.LocalProject},
		{EnvGoogleProject, config.LocalProject},
		// config.Load treats a set project as "not the local stack" and then knows no booths and no
		// jurisdictions, so the local lists are passed explicitly.
		{config.EnvBooths, strings.Join(config.LocalBooths, ",")},
		{config.EnvBoothJurisdictions, config.LocalBoothJurisdictions},
		{config.EnvDefaultJurisdictions, config.LocalDefaultJurisdictions},
		// The storage emulator has no lifecycle rules: the retention job deletes exported photos.
		{config.EnvRetentionDeletePhotos, "true"},
		{config.EnvPhotoBucket, config.DefaultPhotoBucket},
		{config.EnvExportBucket, config.DefaultExportBucket},
		{config.EnvUploadTopic, config.DefaultUploadTopic},
		{config.EnvUploadSubscription, config.DefaultUploadSubscriber},
	}
	if !s.opts.SkipVision {
		vars = append(vars,
			EnvVar{config.EnvVisionEndpoint, addr(p.Vision)},
			// Base URL: GET /stats, POST /stats/reset and GET /healthz live under it.
			EnvVar{config.EnvVisionStatsURL, "http://" + addr(p.VisionStats)},
		)
	}
	vars = append(vars, s.exportEnv()...) // ftp.go: FTP server, mailpit, alert recipients
	vars = append(vars,
		EnvVar{config.EnvMetricsAddr, addr(p.WorkerMetrics)},
		EnvVar{config.EnvTriggerMetricsAddr, addr(p.TriggerMetrics)},
		EnvVar{config.EnvGatewayAddr, addr(p.Gateway)},
		EnvVar{config.EnvPrometheusURL, "http://" + addr(p.Prometheus)},
		EnvVar{EnvDevstackDir, s.Dir},
		EnvVar{EnvDevstackTemporal, string(s.opts.Temporal)},
	)
	return vars
}

// Environ merges vars into base (os.Environ() format): a variable in vars replaces the same name
// in base, so a stale FIRESTORE_EMULATOR_HOST in the caller's shell cannot point a test at the
// wrong server.
func Environ(base []string, vars []EnvVar) []string {
	override := make(map[string]bool, len(vars))
	for _, v := range vars {
		override[v.Name] = true
	}
	out := make([]string, 0, len(base)+len(vars))
	for _, kv := range base {
		name, _, _ := strings.Cut(kv, "=")
		if !override[name] {
			out = append(out, kv)
		}
	}
	for _, v := range vars {
		out = append(out, v.Name+"="+v.Value)
	}
	return out
}

// RenderEnvFile renders vars as a shell file to source: `. .devstack/env`.
func RenderEnvFile(vars []EnvVar, header string) string {
	var b strings.Builder
	for _, line := range strings.Split(strings.TrimSpace(header), "\n") {
		if line != "" {
			fmt.Fprintf(&b, "# %s\n", line)
		}
	}
	for _, v := range vars {
		fmt.Fprintf(&b, "export %s=%s\n", v.Name, shellQuote(v.Value))
	}
	return b.String()
}

// WriteEnvFile writes vars to path atomically (a reader never sees half a file).
func WriteEnvFile(path string, vars []EnvVar) error {
	header := fmt.Sprintf("Environment of the local tollbooth stack, written by tools/devstack at %s.\n"+
		"Use it from a shell:  . %s", time.Now().Format(time.RFC3339), path)
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, []byte(RenderEnvFile(vars, header)), 0o644); err != nil {
		return err
	}
	return os.Rename(tmp, path)
}

var shellSafe = regexp.MustCompile(`^[A-Za-z0-9_./:@%+=,-]+$`)

// shellQuote quotes s for a POSIX shell only when it needs it.
func shellQuote(s string) string {
	if shellSafe.MatchString(s) {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}
