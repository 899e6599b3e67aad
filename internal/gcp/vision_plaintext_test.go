package gcp

import (
	"bytes"
	"context"
	"image"
	"image/png"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/tollbooth/tollbooth/internal/recognition"
	"github.com/tollbooth/tollbooth/internal/visionserver"
)

// TestPlaintextVisionSpeaksToAnInClusterAddress: a second recognizer inside the cluster (a
// Kubernetes Service name, not loopback) is reached without TLS only when asked for
// (TOLLBOOTH_SECOND_OPINION_INSECURE); the "passthrough:///" target is a non-loopback name for the
// same loopback server.
func TestPlaintextVisionSpeaksToAnInClusterAddress(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	engine := visionserver.NewFixtureEngine(&visionserver.Manifest{Default: visionserver.FixtureEntry{Text: "7WXY347", Confidence: 0.95}})
	srv, err := visionserver.NewServer(engine, nil, nil).Start("127.0.0.1:0")
	require.NoError(t, err)
	t.Cleanup(func() { srv.Stop(context.Background()) })
	endpoint := "passthrough:///" + srv.Addr
	require.False(t, isLoopback(endpoint), "the test needs an address that does not look local")

	var img bytes.Buffer
	require.NoError(t, png.Encode(&img, image.NewGray(image.Rect(0, 0, 120, 40))))
	req := recognition.Request{Content: img.Bytes(), Document: true}

	v, err := NewPlaintextVision(ctx, endpoint)
	require.NoError(t, err)
	defer v.Close()
	reading, err := v.Annotate(ctx, req)
	require.NoError(t, err)
	require.Equal(t, "7WXY347", reading.RawText)

	_, err = NewPlaintextVision(ctx, "")
	require.Error(t, err, "Google's endpoint is never spoken to without TLS")

	// Without the option the same address gets TLS and Google credentials, which a plaintext
	// server cannot answer (nor, on a machine without credentials, can the client start).
	tls, err := NewVision(ctx, endpoint)
	t.Logf("NewVision without the option: %v", err)
	if err == nil {
		defer tls.Close()
		short, cancel := context.WithTimeout(ctx, 5*time.Second)
		defer cancel()
		_, err = tls.Annotate(short, req)
		t.Logf("its call: %v", err)
		require.Error(t, err)
	}
}
