//go:build integration

package e2e

import (
	"context"
	"log/slog"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/require"

	"github.com/tollbooth/tollbooth/deployments/grafana"
	"github.com/tollbooth/tollbooth/internal/app"
	"github.com/tollbooth/tollbooth/internal/capture"
	"github.com/tollbooth/tollbooth/internal/config"
	"github.com/tollbooth/tollbooth/internal/export"
	"github.com/tollbooth/tollbooth/internal/gcp"
	"github.com/tollbooth/tollbooth/internal/reviewers"
	"github.com/tollbooth/tollbooth/signals"
)

// scrapedJobs are the jobs of deployments/prometheus/scrape.yml, every one scraped by the stack.
var scrapedJobs = []string{"prometheus", "temporal", "tollbooth-gateway", "tollbooth-trigger", "tollbooth-worker"}

// TestDashboardAfterABurst runs the real worker, trigger and gateway programs against the stack,
// sends a burst of photos through them (a reviewer decides the ones that wait, an export runs),
// then checks the monitoring against the stack's Prometheus: every Grafana panel's query returns
// a series, and both console pages draw every graph with data in a browser.
func TestDashboardAfterABurst(t *testing.T) {
	promURL := os.Getenv(config.EnvPrometheusURL)
	require.NotEmpty(t, promURL, "%s is not set: run through devstack exec", config.EnvPrometheusURL)
	cfg, err := config.Load()
	require.NoError(t, err)
	ctx := context.Background()
	c, err := app.DialTemporal(cfg, slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelWarn})))
	require.NoError(t, err)
	defer c.Close()
	cloud, err := app.OpenCloud(ctx, cfg, app.NeedStorage|app.NeedFirestore)
	require.NoError(t, err)
	defer cloud.Close()
	s := &stack{cfg: cfg, temporal: c, cloud: cloud, bucket: gcp.Bucket{Client: cloud.Storage},
		records: gcp.Captures{Client: cloud.Firestore}, captures: app.NewCaptureClient(cfg, c, cloud)}
	t.Cleanup(func() { // the worker creates the schedules; leave none behind for other tests
		for _, id := range signals.ScheduleIDs {
			_ = c.ScheduleClient().GetHandle(ctx, id).Delete(ctx)
		}
	})
	resetExportState(t, cfg, cloud.Storage)

	// The three programs as they run in production, each serving /metrics where the stack's
	// Prometheus scrapes it (devstack's environment: TOLLBOOTH_METRICS_ADDR, ...).
	bin := t.TempDir()
	out, err := exec.Command("go", "build", "-o", bin+string(filepath.Separator),
		"github.com/tollbooth/tollbooth/worker", "github.com/tollbooth/tollbooth/trigger", "github.com/tollbooth/tollbooth/gateway").CombinedOutput()
	require.NoError(t, err, "go build: %s", out)
	programProcess(t, filepath.Join(bin, "worker"))
	programProcess(t, filepath.Join(bin, "trigger"))
	people := filepath.Join(bin, "reviewers")
	require.NoError(t, reviewers.Add(people, "dana", reviewers.NewPassword()))
	programProcess(t, filepath.Join(bin, "gateway"), config.EnvReviewersFile+"="+people)
	waitUntil(t, time.Minute, "every scrape target up", func() (bool, string) {
		up, err := promQuery(ctx, promURL, "up == 1")
		if err != nil {
			return false, err.Error()
		}
		var jobs []string
		for _, s := range up {
			jobs = append(jobs, s.Metric["job"])
		}
		slices.Sort(jobs)
		return slices.Equal(jobs, scrapedJobs), strings.Join(jobs, ",")
	})

	// The burst, in two waves a few scrapes apart: a counter's series appears with its first
	// increment, which rate() cannot see, so the second wave is what the rates show. Each wave has
	// synthetic photos (a quarter hard) and one photo with no plate, which waits for a person.
	_, photos := synthPhotos(t, 8, 131, 0.25)
	at := time.Now().UTC().Truncate(time.Millisecond)
	var ids []string
	for wave, part := range [][][]byte{photos[:4], photos[4:]} {
		var waveIDs []string
		for i, p := range append(part, blankPhoto(t)) {
			booth := []string{"north-01", "south-01"}[i%2]
			waveIDs = append(waveIDs, s.upload(t, booth, at.Add(time.Duration(10*wave+i)*time.Second), p))
		}
		recs := s.waitSettled(t, waveIDs, 3*time.Minute)
		ids = append(ids, waveIDs...)
		waiting := 0
		for id, rec := range recs {
			if rec.Status == capture.StatusAwaitingReview {
				_, err := s.captures.Decide(ctx, id, signals.ReviewDecision{Unreadable: true, ReviewerID: "dana"})
				require.NoError(t, err)
				waiting++
			}
		}
		require.Positive(t, waiting, "the photo without a plate waits for a person")
		time.Sleep(6 * time.Second) // three scrapes at the stack's 2 s interval
	}
	require.NoError(t, app.TriggerExport(ctx, c))
	waitUntil(t, 2*time.Minute, "an export batch done", func() (bool, string) {
		list, err := gcp.Exports{Client: cloud.Firestore}.ListBatches(ctx, 0)
		if err != nil {
			return false, err.Error()
		}
		for _, b := range list {
			if b.Status == export.StatusDone {
				return true, ""
			}
		}
		return false, ""
	})

	t.Run("every Grafana panel query returns a series", func(t *testing.T) {
		data, err := os.ReadFile("../deployments/grafana/tollbooth.json")
		require.NoError(t, err)
		queries, err := grafana.Queries(data)
		require.NoError(t, err)
		waitUntil(t, 90*time.Second, "a series for every panel query", func() (bool, string) {
			var empty []string
			for _, q := range queries {
				series, err := promQuery(ctx, promURL, grafana.Expand(q.Expr))
				if err != nil {
					empty = append(empty, q.Panel+" "+q.RefID+": "+err.Error())
				} else if len(series) == 0 {
					empty = append(empty, q.Panel+" "+q.RefID+": "+q.Expr)
				}
			}
			return len(empty) == 0, strings.Join(empty, "\n")
		})
		// And the numbers are this burst's: every capture finished once, by booth.
		finished, err := promQuery(ctx, promURL, "sum(tollbooth_captures_finished_total)")
		require.NoError(t, err)
		require.Equal(t, float64(len(ids)), seriesValue(t, finished[0]))
	})

	t.Run("console pages draw every graph with data", func(t *testing.T) {
		// Kept after the run (devstack exec removes its own folder when the tests pass), to look at.
		shots := filepath.Join("..", ".devstack", "screenshots")
		require.NoError(t, os.MkdirAll(shots, 0o755))
		b := browser(t)
		for page, graphs := range map[string][]string{
			"tollbooth-live.html": {"throughput", "review_queue", "vision_rate", "errors", "reasons"},
			// The burst is minutes old: a range of an hour draws it with many points (a day would
			// put it in one step).
			"tollbooth-history.html?range=1h": {"captures_per_hour", "auto_accept", "review_wait", "export"},
		} {
			// A graph is drawn once, when the page loads: load it again until each has a line of
			// at least two points (a series only seconds old may have one).
			waitUntil(t, 60*time.Second, page+": every graph drawn with data", func() (bool, string) {
				within(t, b, chromedp.EmulateViewport(1400, 2000), chromedp.Navigate(promURL+"/consoles/"+page))
				var missing []string
				for range 10 {
					drawn, err := chromedp.Run(b, chromedp.Evaluate[map[string]int](graphPathsJS(graphs)))
					require.NoError(t, err)
					missing = missing[:0]
					for _, g := range graphs {
						if drawn[g] == 0 {
							missing = append(missing, g)
						}
					}
					if len(missing) == 0 {
						return true, ""
					}
					time.Sleep(500 * time.Millisecond)
				}
				return false, "no data in " + strings.Join(missing, ", ")
			})
			// The side table's numbers come from the same Prometheus: no "-" for an empty query.
			empty, err := chromedp.Run(b, chromedp.Evaluate[[]string](`[...document.querySelectorAll(".prom_console_rhs a.prom_query_drilldown")]
			  .filter(a => a.textContent.trim() === "-").map(a => a.closest("tr").textContent.trim())`))
			require.NoError(t, err)
			require.Empty(t, empty, "%s: values without data", page)
			png, err := chromedp.Run(b, chromedp.FullScreenshot(100))
			require.NoError(t, err)
			path := filepath.Join(shots, page[:strings.Index(page, ".html")]+".png")
			require.NoError(t, os.WriteFile(path, png, 0o644))
			t.Logf("%s: screenshot %s", page, path)
		}
	})
}

// graphPathsJS counts, for each graph's node, the drawn series lines: rickshaw's svg paths of at
// least two points ("M x,y L x,y"); an empty query draws none.
func graphPathsJS(ids []string) string {
	return `(() => { const out = {}; for (const id of ["` + strings.Join(ids, `","`) + `"]) {
	  const n = document.getElementById(id);
	  out[id] = n ? [...n.querySelectorAll("svg path")].filter(p => /^M[^L]+L/.test(p.getAttribute("d") || "")).length : 0;
	} return out; })()`
}

func seriesValue(t *testing.T, s promSeries) float64 {
	t.Helper()
	v, ok := s.Value[1].(string)
	require.True(t, ok, "%v", s.Value)
	f, err := strconv.ParseFloat(v, 64)
	require.NoError(t, err)
	return f
}

// waitUntil polls check every half second until it holds, failing with its last message after timeout.
func waitUntil(t *testing.T, timeout time.Duration, what string, check func() (bool, string)) {
	t.Helper()
	deadline := time.Now().Add(timeout)
	for {
		ok, msg := check()
		if ok {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("after %s, not yet %s:\n%s", timeout, what, msg)
		}
		time.Sleep(500 * time.Millisecond)
	}
}
