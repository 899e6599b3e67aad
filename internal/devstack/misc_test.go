package devstack

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestModulePathOf(t *testing.T) {
	dir := t.TempDir()
	goMod := filepath.Join(dir, "go.mod")
	os.WriteFile(goMod, []byte("// comment\nmodule github.com/tollbooth/tollbooth\n\ngo 1.26\n"), 0o644)
	if got := modulePathOf(goMod); got != ModulePath {
		t.Fatalf("got %q", got)
	}
	if got := modulePathOf(filepath.Join(dir, "missing")); got != "" {
		t.Fatalf("got %q", got)
	}
}

func TestCheckNotificationAttributes(t *testing.T) {
	good := map[string]string{"eventType": "OBJECT_FINALIZE", "bucketId": "tollbooth-photos",
		"objectId": "a/b.jpg", "objectGeneration": "17", "payloadFormat": "JSON_API_V1"}
	if err := checkNotificationAttributes(good, "a/b.jpg", "17"); err != nil {
		t.Fatal(err)
	}
	bad := map[string]string{"eventType": "OBJECT_FINALIZE", "bucketId": "tollbooth-exports", "objectId": "a/b.jpg", "objectGeneration": "17"}
	if err := checkNotificationAttributes(bad, "a/b.jpg", "17"); err == nil || !strings.Contains(err.Error(), "bucketId") {
		t.Fatalf("got %v", err)
	}
}

func TestProgressPrintsWholeLines(t *testing.T) {
	var b bytes.Buffer
	p := NewProgress(&b, "devstack: ")
	p.Printf("waiting for %s (%s)...", "Firestore emulator", "127.0.0.1:8910")
	if got := b.String(); got != "devstack: waiting for Firestore emulator (127.0.0.1:8910)...\n" {
		t.Fatalf("got %q", got)
	}
	var nilProgress *Progress
	nilProgress.Printf("ignored") // must not panic
}

func TestRound(t *testing.T) {
	for d, want := range map[time.Duration]string{
		1234 * time.Millisecond: "1.2s",
		87 * time.Millisecond:   "90ms",
		312 * time.Second:       "5m12s",
	} {
		if got := round(d).String(); got != want {
			t.Errorf("round(%v) = %s, want %s", d, got, want)
		}
	}
}

func TestToolsDirHonoursEnv(t *testing.T) {
	dir := t.TempDir()
	t.Setenv(EnvToolsDir, dir)
	got, err := ToolsDir()
	if err != nil || got != dir {
		t.Fatalf("got %q, %v", got, err)
	}
	if v := TemporalCLI.InstalledVersion(filepath.Join(dir, "temporal")); v != "" {
		t.Fatalf("missing binary reported as %q", v)
	}
}

func TestPrometheusConfigIsTheShippedOneWithTheStacksAddresses(t *testing.T) {
	shipped := []byte(`global: {scrape_interval: 15s}
rule_files: [rules.yml, /abs/recording.yml]
scrape_configs:
  - job_name: tollbooth-worker
    static_configs: [{targets: ["127.0.0.1:9464"]}]
  - job_name: temporal
    static_configs: [{targets: ["127.0.0.1:8920"]}]
`)
	out, err := RenderPrometheusConfig(shipped, "/repo/deployments/prometheus",
		map[string]string{"tollbooth-worker": "127.0.0.1:40001", "temporal": "127.0.0.1:40002"}, "2s")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"scrape_interval: 2s", "evaluation_interval: 2s", "/repo/deployments/prometheus/rules.yml",
		"/abs/recording.yml", "127.0.0.1:40001", "127.0.0.1:40002"} {
		if !strings.Contains(string(out), want) {
			t.Errorf("rendered config lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(string(out), "9464") {
		t.Errorf("the shipped target is left:\n%s", out)
	}
	if _, err := RenderPrometheusConfig(shipped, "/d", map[string]string{"tollbooth-worker": "a:1"}, "2s"); err == nil ||
		!strings.Contains(err.Error(), `job "temporal"`) {
		t.Errorf("a job the stack does not know: got %v", err)
	}
	if _, err := RenderPrometheusConfig(shipped, "/d", map[string]string{"tollbooth-worker": "a:1", "temporal": "b:2", "prometheus": "c:3"}, "2s"); err == nil ||
		!strings.Contains(err.Error(), `no job "prometheus"`) {
		t.Errorf("a job the stack scrapes missing from the file: got %v", err)
	}
}
