//go:build integration

package e2e

import (
	"context"
	"os/exec"
	"slices"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
	"github.com/stretchr/testify/require"

	"github.com/tollbooth/tollbooth/internal/capture"
)

// browser starts Debian's chromium headless with the flags that work on these machines (DESIGN.md)
// and a fresh profile, and returns a context for a tab. Each call is a separate browser: its own
// cookies, its own reviewer.
func browser(t *testing.T) context.Context {
	t.Helper()
	path, err := exec.LookPath("chromium")
	if err != nil {
		t.Fatal("chromium not found: apt-get install -y chromium (.ci/run installs it)")
	}
	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(),
		chromedp.ExecPath(path),
		chromedp.Flag("headless", true),
		chromedp.Flag("no-sandbox", true),
		chromedp.Flag("disable-gpu", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("no-first-run", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.UserDataDir(t.TempDir()),
	)
	ctx, cancel := chromedp.NewContext(alloc)
	t.Cleanup(func() { cancel(); cancelAlloc() })
	require.NoError(t, chromedp.Do(ctx)) // starts the browser, without a timeout on its context
	return ctx
}

// within runs browser steps with a time limit.
func within(t *testing.T, ctx context.Context, steps ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	ctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	require.NoError(t, chromedp.Do(ctx, steps...))
}

func text(t *testing.T, ctx context.Context, sel string) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	s, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(sel)))
	require.NoError(t, err, "text of %s", sel)
	return s
}

func signInAs(t *testing.T, ctx context.Context, base, id, password string) {
	t.Helper()
	within(t, ctx,
		chromedp.Navigate(base+"/queue"),
		chromedp.WaitVisible(chromedp.ID("reviewer-id")), // redirected to the sign-in page
		chromedp.SendKeys(chromedp.ID("reviewer-id"), id),
		chromedp.SendKeys(chromedp.ID("password"), password+kb.Enter),
		chromedp.WaitVisible(chromedp.ID("total")),
	)
	require.Equal(t, id, text(t, ctx, "#reviewer"))
}

// photoLoaded waits until the review page's photo has loaded from the gateway.
func photoLoaded(t *testing.T, ctx context.Context) {
	t.Helper()
	ctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	w, err := chromedp.Run(ctx, chromedp.Poll[int](`document.getElementById("photo").complete && document.getElementById("photo").naturalWidth`))
	require.NoError(t, err)
	require.Positive(t, w, "the photo is shown")
}

// TestReviewInTheBrowser: a reviewer signs in, opens the oldest task, sees the photo, is told a
// malformed plate is not valid, submits a plate and gets the next task; a second reviewer's late
// submission on a task the first decided is refused. Real chromium, real gateway, real stack.
func TestReviewInTheBrowser(t *testing.T) {
	s := startStack(t, false, nil)
	s.drainQueue(t)
	base := s.startGateway(t, map[string]string{"alice": "alice-password-1", "bob": "bob-password-22"})

	ctx := context.Background()
	blank := blankPhoto(t)
	at := time.Now().UTC().Add(-2 * time.Hour).Truncate(time.Millisecond)
	var ids []string
	for i := range 2 {
		data := append(slices.Clone(blank), byte(100+i))
		object := capture.ObjectName("north-02", at.Add(time.Duration(i)*time.Minute), sha(data), "jpg")
		ids = append(ids, s.put(t, object, data))
		_, err := s.captures.Start(ctx, s.cfg.PhotoBucket, object, "starter")
		require.NoError(t, err)
	}
	s.waitSettled(t, ids, 2*time.Minute)
	s.waitQueue(t, ids)
	oldest, second := ids[0], ids[1]

	alice := browser(t)
	signInAs(t, alice, base, "alice", "alice-password-1")
	within(t, alice, chromedp.Click(chromedp.ID("review-oldest")), chromedp.WaitVisible(chromedp.ID("plate")))
	require.Equal(t, oldest, text(t, alice, "#capture-id"))
	photoLoaded(t, alice)

	// The plate field has the focus: typing and Enter submit. A malformed plate: the error by the field.
	within(t, alice, chromedp.SendKeys(chromedp.ID("plate"), "!!"+kb.Enter), chromedp.WaitVisible(chromedp.ID("plate-error")))
	require.Contains(t, text(t, alice, "#plate-error"), "not a valid plate")
	require.Equal(t, oldest, text(t, alice, "#capture-id"), "still on the same task")

	within(t, alice,
		chromedp.Clear(chromedp.ID("plate")),
		chromedp.SendKeys(chromedp.ID("plate"), "brw 1234"+kb.Enter),
		chromedp.WaitVisible(chromedp.ID("notice")),
	)
	require.Contains(t, text(t, alice, "#notice"), "plate BRW1234")
	require.Equal(t, second, text(t, alice, "#capture-id"), "the next task loads")
	photoLoaded(t, alice)

	// Bob opens the same task; Alice decides it first; Bob's submission is refused.
	bob := browser(t)
	signInAs(t, bob, base, "bob", "bob-password-22")
	within(t, bob, chromedp.Navigate(base+"/review/"+second), chromedp.WaitVisible(chromedp.ID("plate")))
	within(t, alice, chromedp.Click(chromedp.ID("unreadable")), chromedp.WaitVisible(chromedp.ID("empty")))
	within(t, bob, chromedp.SendKeys(chromedp.ID("plate"), "BOB1234"+kb.Enter), chromedp.WaitVisible(chromedp.ID("refused")))
	require.Contains(t, text(t, bob, "#refused"), "alice decided it first")

	for id, want := range map[string]capture.Status{oldest: capture.StatusAccepted, second: capture.StatusUnreadable} {
		rec, err := s.records.Get(ctx, id)
		require.NoError(t, err)
		require.Equal(t, want, rec.Status, id)
		require.Equal(t, "alice", rec.ReviewerID, "the signed-in reviewer is on the record")
		require.False(t, rec.DecidedAt.IsZero())
	}
	s.waitQueue(t, nil)
}
