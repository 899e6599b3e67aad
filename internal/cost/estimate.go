package cost

import (
	"errors"
	"fmt"
	"math"
	"sort"
	"time"
)

// Usage is the traffic to price and the settings that decide how long things are kept.
type Usage struct {
	CapturesPerDay float64
	ReviewShare    float64 // share of captures a person decides, 0..1

	PhotoBytes   float64       // mean size of a booth photo
	PhotoDays    float64       // days a photo is kept in the bucket (retention)
	HistoryDays  float64       // the Temporal namespace's retention of closed histories
	ReviewWait   time.Duration // how long a capture waits for a person, on average
	RecordBytes  float64       // a Firestore record with its index entries
	RecordMonths float64       // months of billing records kept (Firestore storage grows)
	MessageBytes float64       // a Cloud Storage notification on Pub/Sub
	BatchSize    float64       // rows per export batch
	ExportEvery  time.Duration // the export schedule
	CheckEvery   time.Duration // the early-export check's schedule
	MonitorEvery time.Duration // the monitoring schedule
}

// DefaultUsage holds the defaults of everything but the traffic: the configuration's defaults
// where there is one (batch size, schedules), otherwise a stated assumption.
func DefaultUsage() Usage {
	return Usage{
		ReviewShare:  0.5,   // ACCURACY.md: about half of the synthetic photos are auto-accepted
		PhotoBytes:   300e3, // a 1920×1080 booth JPEG
		PhotoDays:    30,    // TOLLBOOTH retention default (README, "Data retention")
		HistoryDays:  30,    // a common Temporal Cloud namespace retention
		ReviewWait:   4 * time.Hour,
		RecordBytes:  2e3, // the record (~1 KB) and its single-field index entries
		RecordMonths: 12,
		MessageBytes: 1.5e3, // the JSON object resource a notification carries
		BatchSize:    1000,
		ExportEvery:  time.Hour,
		CheckEvery:   time.Minute,
		MonitorEvery: time.Minute,
	}
}

// Line is one service's monthly cost, with how it was reached.
type Line struct {
	Service string
	USD     float64
	Detail  string
}

// Bill is the monthly estimate.
type Bill struct {
	Lines []Line
	Total float64
}

// Dominant is the line that costs most.
func (b Bill) Dominant() Line {
	var top Line
	for _, l := range b.Lines {
		if l.USD > top.USD {
			top = l
		}
	}
	return top
}

const (
	daysPerMonth  = 30.0
	hoursPerMonth = 744.0 // Temporal Cloud converts GB to GBh at 744 (pricing page)
	gb            = 1e9
	gib           = 1 << 30
	tib           = 1 << 40
)

// Firestore documents touched per call, from the code (internal/gcp): saving a capture runs a
// transaction that reads the document and writes it; exporting a row claims it (a query read and an
// update), reads it back for the CSV and for the batch's id list, and stamps it exported (a read and
// an update).
const (
	saveReads, saveWrites     = 1, 1
	exportReadsPerRow         = 4
	exportWritesPerRow        = 2
	storageWritesPerBatch     = 2 // the CSV, staged then finalized in the exports bucket
	storageReadsPerCropOrRead = 1 // an activity that reads the photo downloads it once
)

// Activity type names that call a priced service (the worker registers them under their method names).
const (
	actInspect       = "InspectPhoto"
	actReadPlate     = "ReadPlate"     // TEXT_DETECTION + OBJECT_LOCALIZATION, Vision reads the photo
	actReadPlateCrop = "ReadPlateCrop" // DOCUMENT_TEXT_DETECTION of the enlarged plate
	actRecognize     = "RecognizeText" // the single-read path of runs started before the policy
	actSave          = "SaveCapture"
	actSecond        = "ReadSecondOpinion" // the project's own OCR server: compute, not a per-call price
)

// Estimate prices a month of usage with the profile's measurements.
func Estimate(p Profile, u Usage, pr Prices) (Bill, error) {
	switch {
	case u.CapturesPerDay <= 0:
		return Bill{}, errors.New("captures per day must be more than 0")
	case u.ReviewShare < 0 || u.ReviewShare > 1:
		return Bill{}, fmt.Errorf("review share %.2f is not between 0 and 1", u.ReviewShare)
	case p.AutoAccepted.Runs == 0 && u.ReviewShare < 1, p.Reviewed.Runs == 0 && u.ReviewShare > 0:
		return Bill{}, errors.New("the profile has no measured captures of one kind (auto-accepted or reviewed): measure a stack that has both")
	}
	month := u.CapturesPerDay * daysPerMonth
	auto, rev := month*(1-u.ReviewShare), month*u.ReviewShare
	// per is a per-capture figure weighted by the two paths.
	per := func(f func(Mean) float64) float64 { return auto*f(p.AutoAccepted) + rev*f(p.Reviewed) }
	calls := func(name string) float64 {
		return per(func(m Mean) float64 { return m.Activities[name] })
	}
	batches := math.Ceil(month / u.BatchSize)
	runsOf := func(every time.Duration) float64 { return daysPerMonth * 24 * float64(time.Hour) / float64(every) }

	var b Bill
	add := func(service string, usd float64, detail string, args ...any) {
		b.Lines = append(b.Lines, Line{service, usd, fmt.Sprintf(detail, args...)})
		b.Total += usd
	}

	// Temporal Cloud.
	actions := per(func(m Mean) float64 { return m.Actions }) +
		runsOf(u.ExportEvery)*p.Export.Actions + batches*p.ExportBatch.Actions +
		runsOf(u.CheckEvery)*p.ExportCheck.Actions + runsOf(u.MonitorEvery)*p.Monitor.Actions
	actionsUSD := Tiered(math.Max(0, actions-pr.TemporalIncludedAction), pr.TemporalActions)
	retainedGB := per(func(m Mean) float64 { return m.Bytes }) / daysPerMonth * u.HistoryDays / gb
	activeGB := u.CapturesPerDay * u.ReviewShare * u.ReviewWait.Hours() / 24 * p.Reviewed.Bytes / gb
	storageUSD := math.Max(0, retainedGB-pr.TemporalIncludedRetain)*hoursPerMonth*pr.TemporalRetainedGBh +
		math.Max(0, activeGB-pr.TemporalIncludedActive)*hoursPerMonth*pr.TemporalActiveGBh
	usage := actionsUSD + storageUSD
	plan := math.Max(pr.TemporalPlanMinimum, pr.TemporalPlanShare*usage)
	add("Temporal Cloud", usage+plan,
		"%.2fM actions (%.1f per auto-accepted capture, %.1f per reviewed, plus schedules), %.1f GB retained and %.2f GB active history; Business plan $%.0f",
		actions/1e6, p.AutoAccepted.Actions, p.Reviewed.Actions, retainedGB, activeGB, plan)

	// Cloud Vision: each feature of each request is a unit.
	reads := calls(actReadPlate) + calls(actRecognize)
	crops := calls(actReadPlateCrop)
	visionUSD := Tiered(reads, pr.VisionText) + Tiered(calls(actReadPlate), pr.VisionObjects) + Tiered(crops, pr.VisionDocument)
	add("Cloud Vision", visionUSD, "%.2fM photo reads (text + plate objects), %.2fM crop reads (document text)", reads/1e6, crops/1e6)

	// Firestore.
	saves := calls(actSave)
	// Every capture is counted as exported: an upper bound (a capture a reviewer marks unreadable is not).
	fsReads := saves*saveReads + month*exportReadsPerRow
	fsWrites := saves*saveWrites + month*exportWritesPerRow
	storedGiB := month * u.RecordMonths * u.RecordBytes / gib
	firestoreUSD := math.Max(0, fsReads-pr.FirestoreFreeReadsDay*daysPerMonth)*pr.FirestoreRead +
		math.Max(0, fsWrites-pr.FirestoreFreeWritesDay*daysPerMonth)*pr.FirestoreWrite +
		math.Max(0, storedGiB-pr.FirestoreFreeGiB)*pr.FirestoreGiBMonth
	add("Firestore", firestoreUSD, "%.2fM reads, %.2fM writes, %.1f GiB of records after %.0f months",
		fsReads/1e6, fsWrites/1e6, storedGiB, u.RecordMonths)

	// Cloud Storage: the booth's upload, the activities' reads, the CSVs, the photos kept.
	classA := month + batches*storageWritesPerBatch
	classB := (calls(actInspect) + calls(actReadPlate) + calls(actRecognize) + calls(actReadPlateCrop) + calls(actSecond)) * storageReadsPerCropOrRead
	photoGB := u.CapturesPerDay * u.PhotoDays * u.PhotoBytes / gb
	gcsUSD := classA*pr.StorageClassA + classB*pr.StorageClassB + photoGB*pr.StorageGBMonth
	add("Cloud Storage", gcsUSD, "%.1f GB of photos (%.0f days), %.2fM writes, %.2fM reads", photoGB, u.PhotoDays, classA/1e6, classB/1e6)

	// Pub/Sub: one notification per photo, published once and delivered once.
	throughput := month * 2 * math.Max(pr.PubSubMinMessage, u.MessageBytes)
	pubsubUSD := math.Max(0, throughput-pr.PubSubFreeGiB*gib) / tib * pr.PubSubTiB
	add("Pub/Sub", pubsubUSD, "%.1f GiB of notifications (published and delivered)", throughput/gib)

	sort.SliceStable(b.Lines, func(i, j int) bool { return b.Lines[i].USD > b.Lines[j].USD })
	return b, nil
}
