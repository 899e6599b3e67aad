package gcp

import (
	"bytes"
	"fmt"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/tollbooth/tollbooth/activities"
	"github.com/tollbooth/tollbooth/internal/capture"
	"github.com/tollbooth/tollbooth/internal/plate"
	"github.com/tollbooth/tollbooth/internal/synth"
	"github.com/tollbooth/tollbooth/internal/visionserver"
)

// TestSyntheticPhotosThroughTheLocalVisionServer plays the capture workflow's decision on synthetic
// photos read by the local Vision server: first TEXT_DETECTION, then DOCUMENT_TEXT_DETECTION if the
// first is doubtful. It reports how many would be auto-accepted and requires that none is accepted
// with a wrong plate: a doubtful read must go to a person.
func TestSyntheticPhotosThroughTheLocalVisionServer(t *testing.T) {
	const n = 16
	samples, imgs, err := synth.Generate(synth.Options{Count: n, Seed: 11, HardShare: 0.25})
	require.NoError(t, err)
	fetch := visionserver.MapFetcher{}
	for i, img := range imgs {
		var buf bytes.Buffer
		require.NoError(t, synth.EncodeJPEG(&buf, img, samples[i].Quality))
		fetch["gs://synth/"+samples[i].File] = buf.Bytes()
	}
	v, ctx := localVision(t, fetch)

	accepted, easy := 0, 0
	for _, s := range samples {
		if !s.Hard {
			easy++
		}
		outcome := "review"
		for _, mode := range []activities.DetectionMode{activities.ModeText, activities.ModeDocument} {
			reading, err := v.DetectText(ctx, "gs://synth/"+s.File, mode)
			require.NoError(t, err)
			cands := plate.Clean(reading)
			if len(cands) == 0 || cands[0].Confidence < capture.DefaultAutoAcceptConfidence {
				if len(cands) > 0 {
					outcome = fmt.Sprintf("review (best %s@%.2f)", cands[0].Plate, cands[0].Confidence)
				}
				continue
			}
			require.Equal(t, s.Plate, cands[0].Plate, "%s (%s): a wrong plate would be billed; raw %q", s.File, mode, reading.RawText)
			outcome = fmt.Sprintf("accepted %s@%.2f by %s", cands[0].Plate, cands[0].Confidence, mode)
			accepted++
			break
		}
		t.Logf("%s truth %-8s hard=%-5v %s", s.File, s.Plate, s.Hard, outcome)
	}
	t.Logf("auto-accepted %d of %d synthetic photos (%d easy); the rest go to a reviewer", accepted, n, easy)
	require.GreaterOrEqual(t, accepted, easy/2, "most easy synthetic photos are read automatically")
}
