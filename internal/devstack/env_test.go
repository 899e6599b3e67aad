package devstack

import (
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func TestRenderEnvFile(t *testing.T) {
	got := RenderEnvFile([]EnvVar{
		{"TEMPORAL_ADDRESS", "127.0.0.1:7233"},
		{"TOLLBOOTH_TEMPORAL_UI", "http://127.0.0.1:8233"},
		{"ODD", "it's a $value"},
		{"EMPTY", ""},
	}, "line one\nline two")
	want := "# line one\n# line two\n" +
		"export TEMPORAL_ADDRESS=127.0.0.1:7233\n" +
		"export TOLLBOOTH_TEMPORAL_UI=http://127.0.0.1:8233\n" +
		"export ODD='it'\\''s a $value'\n" +
		"export EMPTY=''\n"
	if got != want {
		t.Fatalf("got:\n%s\nwant:\n%s", got, want)
	}
}

// The env file is meant to be sourced: check with a real shell that the values survive quoting.
func TestEnvFileSourcesInShell(t *testing.T) {
	sh, err := exec.LookPath("sh")
	if err != nil {
		t.Skip("no sh")
	}
	path := filepath.Join(t.TempDir(), "env")
	vars := []EnvVar{{"A", "127.0.0.1:1"}, {"B", `it's "quoted" $HOME`}, {"C", "a b"}}
	if err := WriteEnvFile(path, vars); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(sh, "-c", `. "$0" && printf '%s\n%s\n%s\n' "$A" "$B" "$C"`, path).CombinedOutput()
	if err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	if got, want := string(out), "127.0.0.1:1\nit's \"quoted\" $HOME\na b\n"; got != want {
		t.Fatalf("got %q, want %q", got, want)
	}
	if _, err := os.Stat(path + ".tmp"); !os.IsNotExist(err) {
		t.Fatal("temporary file left behind")
	}
}

func TestEnvironOverridesStaleValues(t *testing.T) {
	base := []string{"PATH=/bin", "FIRESTORE_EMULATOR_HOST=127.0.0.1:8910", "HOME=/root"}
	got := Environ(base, []EnvVar{{"FIRESTORE_EMULATOR_HOST", "127.0.0.1:40000"}, {"NEW", "x"}})
	want := []string{"PATH=/bin", "HOME=/root", "FIRESTORE_EMULATOR_HOST=127.0.0.1:40000", "NEW=x"}
	if !slices.Equal(got, want) {
		t.Fatalf("got %v, want %v", got, want)
	}
}

func TestStackEnvNamesEveryVariable(t *testing.T) {
	s := &Stack{Dir: "/state", Ports: FixedPorts(), opts: Options{Temporal: TemporalPostgres}}
	got := map[string]string{}
	for _, v := range s.Env() {
		got[v.Name] = v.Value
	}
	want := map[string]string{
		"TEMPORAL_ADDRESS":                  "127.0.0.1:7233",
		"TEMPORAL_NAMESPACE":                "default",
		"TOLLBOOTH_TEMPORAL_UI":             "http://127.0.0.1:8233",
		"FIRESTORE_EMULATOR_HOST":           "127.0.0.1:8910",
		"PUBSUB_EMULATOR_HOST":              "127.0.0.1:8911",
		"STORAGE_EMULATOR_HOST":             "127.0.0.1:8912",
		"TOLLBOOTH_GCP_PROJECT":             "tollbooth-local",
		"GOOGLE_CLOUD_PROJECT":              "tollbooth-local",
		"TOLLBOOTH_PHOTO_BUCKET":            "tollbooth-photos",
		"TOLLBOOTH_EXPORT_BUCKET":           "tollbooth-exports",
		"TOLLBOOTH_UPLOAD_TOPIC":            "tollbooth-photo-uploads",
		"TOLLBOOTH_UPLOAD_SUBSCRIPTION":     "tollbooth-photo-uploads-trigger",
		"TOLLBOOTH_VISION_ENDPOINT":         "127.0.0.1:8913",
		"TOLLBOOTH_VISION_STATS_URL":        "http://127.0.0.1:8914",
		"TOLLBOOTH_BOOTHS":                  "north-01,north-02,south-01,south-02,east-01",
		"TOLLBOOTH_BOOTH_JURISDICTIONS":     "east-01=br",
		"TOLLBOOTH_DEFAULT_JURISDICTIONS":   "us-ca,us-ny,us-tx,us-ct,us-mi,ca-on",
		"TOLLBOOTH_METRICS_ADDR":            "127.0.0.1:9464",
		"TOLLBOOTH_DEVSTACK_DIR":            "/state",
		"TOLLBOOTH_FTP_ADDR":                "127.0.0.1:8917",
		"TOLLBOOTH_FTP_USER":                "tollbooth",
		"TOLLBOOTH_FTP_PASSWORD":            "local-only-ftp",
		"TOLLBOOTH_FTP_ROOT":                "/state/ftp",
		"TOLLBOOTH_FTP_TRANSFER_LOG":        "/state/ftp-transfers.log",
		"TOLLBOOTH_SMTP_ADDR":               "127.0.0.1:8915",
		"TOLLBOOTH_MAILPIT_URL":             "http://127.0.0.1:8916",
		"TOLLBOOTH_ALERT_TO":                "operations@tollbooth.local",
		"TOLLBOOTH_DEVSTACK_TEMPORAL":       "postgres",
		"TOLLBOOTH_RETENTION_DELETE_PHOTOS": "true",
		"TOLLBOOTH_TRIGGER_METRICS_ADDR":    "127.0.0.1:9465",
		"TOLLBOOTH_GATEWAY_ADDR":            "127.0.0.1:8080",
		"TOLLBOOTH_PROMETHEUS_URL":          "http://127.0.0.1:8919",
	}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%s = %q, want %q", k, got[k], v)
		}
	}
	if len(got) != len(want) {
		t.Errorf("got %d variables, want %d: %v", len(got), len(want), got)
	}

	s.opts.SkipVision = true
	for _, v := range s.Env() {
		if strings.Contains(v.Name, "VISION") {
			t.Errorf("without the vision server, %s must not be set", v.Name)
		}
	}
}
