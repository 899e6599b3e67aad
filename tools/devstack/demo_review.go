package main

import (
	"context"
	"encoding/json"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/tollbooth/tollbooth/internal/config"
	"github.com/tollbooth/tollbooth/internal/devstack"
)

// demoReviewer is the reviewer the demo creates, so a person can clear the review queue at once.
const demoReviewer = "demo"

// reviewSetup is the demo's reviewer gateway: its address and the demo reviewer's password.
type reviewSetup struct {
	addr     string
	password string
}

// startGateway gives the demo a reviewer (a fresh password, its bcrypt hash in DIR/reviewers) and
// starts the gateway with it.
func (d *demo) startGateway(ctx context.Context) error {
	d.env = append(d.env, config.EnvReviewersFile+"="+filepath.Join(d.stack.Dir, "reviewers"))
	password, err := d.starter(ctx, "reviewer", "add", demoReviewer)
	if err != nil {
		return err
	}
	d.review.password = strings.TrimSpace(password)
	// The stack's gateway port (its Prometheus scrapes it there); checked free before the stack started.
	d.review.addr = net.JoinHostPort(devstack.Host, strconv.Itoa(d.stack.Ports.Gateway))
	if err := d.startApp("gateway"); err != nil {
		return err
	}
	deadline := time.Now().Add(20 * time.Second)
	for {
		resp, err := http.Get("http://" + d.review.addr + "/healthz")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return nil
			}
		}
		if err := d.appDied(); err != nil {
			return err
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("the gateway did not answer on %s within 20s; see %s",
				d.review.addr, relPath(d.stack.LogPath("gateway")))
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(200 * time.Millisecond):
		}
	}
}

// printReview prints where to review and how many captures wait.
func (d *demo) printReview(ctx context.Context) {
	waiting := 0
	if text, err := d.starter(ctx, "review", "list", "--json", "--limit", "500"); err == nil {
		for _, line := range nonEmptyLines(text) {
			var it struct {
				CaptureID string `json:"capture_id"`
			}
			if json.Unmarshal([]byte(line), &it) == nil && it.CaptureID != "" {
				waiting++
			}
		}
	}
	d.out.Printf("review page: http://%s/review/next (%d waiting for a person); sign in as %q with password %s",
		d.review.addr, waiting, demoReviewer, d.review.password)
	d.out.Printf("API: http://%s/v1/openapi.yaml; issue a key with `go run ./starter apikey issue --scope ingest` (README: a curl session)",
		d.review.addr)
}

// writeUnreadablePhoto adds a photo with no plate on it, so the demo always leaves a capture
// waiting for a person.
func writeUnreadablePhoto(dir string) error {
	img := image.NewRGBA(image.Rect(0, 0, 640, 480))
	for y := range 480 {
		for x := range 640 {
			img.Set(x, y, color.RGBA{uint8(40 + y/6), uint8(60 + x/12), 80, 255})
		}
	}
	f, err := os.Create(filepath.Join(dir, "zz-no-plate.jpg"))
	if err != nil {
		return err
	}
	if err := jpeg.Encode(f, img, nil); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
