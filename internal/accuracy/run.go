package accuracy

import (
	"context"
	"fmt"
	_ "image/jpeg" // the sets' photos
	_ "image/png"
	"os"
	"path/filepath"
	"sort"
	"sync"

	"github.com/tollbooth/tollbooth/internal/autoaccept"
	"github.com/tollbooth/tollbooth/internal/capture"
	"github.com/tollbooth/tollbooth/internal/photolimit"
	"github.com/tollbooth/tollbooth/internal/recognition"
)

// Decisions of an outcome.
const (
	Accepted = "accepted"
	ToPerson = "to-person"
	Failed   = "failed"
)

// Outcome is what happened to one photo.
type Outcome struct {
	File  string `json:"file"`
	Truth string `json:"truth,omitempty"`
	// BestRead is the accepted plate, else the policy's read, else the top candidate.
	BestRead string             `json:"best_read,omitempty"`
	Decision string             `json:"decision"`
	Code     capture.ReasonCode `json:"code,omitempty"`
	Reason   string             `json:"reason,omitempty"`
	// Error says why the photo could not be measured (absent, unreadable, recognizer down).
	Error       string `json:"error,omitempty"`
	Exact       bool   `json:"exact"`
	WrongAccept bool   `json:"wrong_accept"`
	Reads       int    `json:"reads"` // recognizer calls made for it
}

// Options tune a run.
type Options struct {
	// Concurrency is how many photos are read at once (default 2).
	Concurrency int
	// Progress, when set, is called after each photo with the count done and the total.
	Progress func(done, total int)
	// SecondOpinion, when set, is the second recognizer (TOLLBOOTH_SECOND_OPINION_ENDPOINT): as in
	// the worker, a plate both reads accept is accepted only when it reads the crop alike too.
	SecondOpinion recognition.Annotator
}

// Run measures every sample of set through recognition, as the worker would: the photo's read,
// then, when the policy allows it and a plate was found, the crop's read and the two together,
// then, with a second recognizer, its read of the crop and all of them together.
func Run(ctx context.Context, v recognition.Annotator, set Set, policy autoaccept.Policy, opts Options) Report {
	if opts.Concurrency <= 0 {
		opts.Concurrency = 2
	}
	out := make([]Outcome, len(set.Samples))
	var (
		wg   sync.WaitGroup
		mu   sync.Mutex
		done int
	)
	sem := make(chan struct{}, opts.Concurrency)
	for i, s := range set.Samples {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer func() { <-sem; wg.Done() }()
			out[i] = measure(ctx, v, opts.SecondOpinion, filepath.Join(set.Dir, s.File), s, policy)
			if opts.Progress != nil {
				mu.Lock()
				done++
				opts.Progress(done, len(set.Samples))
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	sort.SliceStable(out, func(i, j int) bool { return out[i].File < out[j].File })
	return newReport(set, policy, out)
}

// photos decodes the measured photos within the default limits, as the worker does.
var photos = photolimit.New(photolimit.DefaultMaxPixels, photolimit.DefaultMemoryBytes)

func measure(ctx context.Context, v, secondOpinion recognition.Annotator, path string, s Sample, policy autoaccept.Policy) Outcome {
	o := Outcome{File: s.File, Truth: s.Truth, Decision: Failed}
	data, err := os.ReadFile(path)
	if err != nil {
		o.Error = fmt.Sprintf("photo listed in the truth but not readable: %v", err)
		return o
	}
	cfg, _, err := photos.Check(data)
	if err != nil {
		o.Error = fmt.Sprintf("not a readable JPEG or PNG image (%d bytes): %v", len(data), err)
		return o
	}
	first, err := recognition.ReadPhoto(ctx, v, recognition.Photo{Content: data, Width: cfg.Width, Height: cfg.Height}, policy)
	o.Reads++
	if err != nil {
		o.Error = fmt.Sprintf("the recognizer failed on the photo: %v", err)
		return o
	}
	final := first
	if recognition.NeedsCropRead(first) {
		final, err = recognition.ReadCrop(ctx, v, photos, data, *first.PlateBox, first.Verdict, policy, recognition.CropReadName)
		o.Reads++
		if err != nil {
			o.Error = fmt.Sprintf("the recognizer failed on the plate's crop: %v", err)
			return o
		}
	}
	if secondOpinion != nil && final.Verdict.Acceptable() {
		final, err = recognition.ReadCrop(ctx, secondOpinion, photos, data, *first.PlateBox, final.Verdict, policy, recognition.SecondOpinionName)
		o.Reads++
		if err != nil {
			o.Error = fmt.Sprintf("the second recognizer failed on the plate's crop: %v", err)
			return o
		}
	}
	verdict := final.Verdict
	o.BestRead = verdict.Plate
	if o.BestRead == "" && len(first.Candidates) > 0 {
		o.BestRead = first.Candidates[0].Plate
	}
	o.Code, o.Reason = verdict.Code, verdict.Reason
	o.Decision = ToPerson
	if verdict.Acceptable() {
		o.Decision = Accepted
	}
	o.Exact = s.Truth != "" && o.BestRead == s.Truth
	o.WrongAccept = s.Truth != "" && o.Decision == Accepted && verdict.Plate != s.Truth
	return o
}
