package main

import (
	"bytes"
	"context"
	"image"
	"image/jpeg"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/tollbooth/tollbooth/internal/config"
)

// serverless are the commands that need no server: they cannot fail for want of one.
var serverless = map[string]bool{"synth": true, "reviewer": true}

// TestEveryCommandFailsFastWhenTheStackIsStopped runs the built starter binary for every command
// that uses a server, with every server's variable pointing at a closed port: each exits non-zero
// within 10 s and names the address and the variable that sets it, and the likely cause.
func TestEveryCommandFailsFastWhenTheStackIsStopped(t *testing.T) {
	bin := filepath.Join(t.TempDir(), "starter")
	build := exec.Command("go", "build", "-o", bin, ".")
	build.Stderr = os.Stderr
	require.NoError(t, build.Run(), "build the starter")

	servers := map[string]string{ // variable → a closed loopback address
		config.EnvTemporalAddress:   closedPort(t),
		config.EnvFirestoreEmulator: closedPort(t),
		config.EnvStorageEmulator:   closedPort(t),
		config.EnvPubSubEmulator:    closedPort(t),
		config.EnvVisionEndpoint:    closedPort(t),
	}
	var env []string
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "TEMPORAL_") && !strings.HasPrefix(kv, "TOLLBOOTH_") && !strings.Contains(kv, "_EMULATOR_HOST=") {
			env = append(env, kv)
		}
	}
	for k, v := range servers {
		env = append(env, k+"="+v)
	}
	dir := t.TempDir()
	photo := filepath.Join(dir, "photo.jpg")
	var img bytes.Buffer
	require.NoError(t, jpeg.Encode(&img, image.NewGray(image.Rect(0, 0, 32, 24)), nil))
	require.NoError(t, os.WriteFile(photo, img.Bytes(), 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "truth.csv"), []byte("file,plate\nphoto.jpg,7ABC123\n"), 0o644))

	calls := [][]string{
		{"upload", "--booth", "north-01", photo},
		{"captures"},
		{"status", "cap1"},
		{"review", "submit", "cap1", "--plate", "7ABC123", "--reviewer", "alice"},
		{"review", "list"},
		{"review", "show", "cap1"},
		{"apikey", "issue", "--scope", "operator"},
		{"apikey", "list"},
		{"apikey", "revoke", "abcdefghijk2"},
		{"backfill"},
		{"accuracy", dir},
		{"export", "now"},
		{"export", "list"},
		{"schedule", "set", "--every", "30m"},
		{"schedule", "pause"},
		{"schedule", "resume"},
		{"schedule", "show"},
		{"audit", "--plate", "7ABC123"},
		{"reprocess", "0123456789abcdef01234567"},
		{"cost", "--captures-per-day", "1000", "--measure"}, // without --measure it uses the recorded figures
	}
	covered := map[string]bool{}
	for _, args := range calls {
		covered[args[0]] = true
		name := args[0]
		if len(args) > 1 && !strings.ContainsAny(args[1][:1], "-/") {
			name += " " + args[1]
		}
		t.Run(name, func(t *testing.T) {
			ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
			defer cancel()
			cmd := exec.CommandContext(ctx, bin, args...)
			cmd.Env = env
			var stderr bytes.Buffer
			cmd.Stderr = &stderr
			start := time.Now()
			err := cmd.Run()
			took := time.Since(start)
			require.Error(t, err, "exit status")
			require.NotEqual(t, 0, cmd.ProcessState.ExitCode())
			require.Less(t, took, 10*time.Second, "fails within 10 s: %s", stderr.String())
			msg := stderr.String()
			named := false
			for k, v := range servers {
				if strings.Contains(msg, v) && strings.Contains(msg, k) {
					named = true
				}
			}
			require.True(t, named, "names the address and its variable: %s", msg)
			require.Contains(t, msg, "make demo", "names the likely cause")
			require.Contains(t, msg, "connection refused")
		})
	}
	for _, c := range commands {
		require.True(t, covered[c.name] || serverless[c.name], "command %q is checked here or listed as serverless", c.name)
	}
}

func closedPort(t *testing.T) string {
	t.Helper()
	lis, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	addr := lis.Addr().String()
	require.NoError(t, lis.Close())
	return addr
}
