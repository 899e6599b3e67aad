package activities

import (
	"context"
	"errors"

	"go.opentelemetry.io/otel/metric"
	"go.temporal.io/sdk/activity"
	sdkotel "go.temporal.io/sdk/contrib/opentelemetry"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"github.com/tollbooth/tollbooth/internal/autoaccept"
	"github.com/tollbooth/tollbooth/internal/plate"
	"github.com/tollbooth/tollbooth/internal/recognition"
	"github.com/tollbooth/tollbooth/internal/telemetry"
)

// metered counts every call to a recognizer, by its gRPC code (tollbooth_vision_requests_total):
// the calls an activity makes, each of its retries too, so the rate is what Vision bills and what
// its quota sees.
type metered struct {
	next       recognition.Annotator
	recognizer string // telemetry.Recognizer*
}

func (m metered) Annotate(ctx context.Context, req recognition.Request) (plate.Reading, error) {
	r, err := m.next.Annotate(ctx, req)
	activity.GetMetricsHandler(ctx).WithTags(map[string]string{
		telemetry.LabelRecognizer: m.recognizer, telemetry.LabelCode: callCode(err),
	}).Counter(telemetry.VisionRequests).Inc(1)
	return r, err
}

// callCode is a call's outcome as a gRPC code name: OK, the service's error code, or
// InvalidArgument for an image the service refused in its answer (recognition.ErrImageRejected).
func callCode(err error) string {
	switch {
	case err == nil:
		return codes.OK.String()
	case errors.Is(err, recognition.ErrImageRejected):
		return codes.InvalidArgument.String()
	case errors.Is(err, context.DeadlineExceeded):
		return codes.DeadlineExceeded.String()
	case errors.Is(err, context.Canceled):
		return codes.Canceled.String()
	}
	return status.Code(err).String()
}

// observeConfidence records a read's plate confidence in the histogram
// tollbooth_recognition_confidence, labelled by the activity (which read) like the SDK's activity
// metrics. The SDK's handler has counters, gauges and timers only, so the histogram is made on the
// worker's OpenTelemetry meter behind it; without one (unit tests) nothing is recorded.
func observeConfidence(ctx context.Context, v autoaccept.Verdict) {
	if v.Plate == "" {
		return // nothing was read: no confidence to speak of
	}
	h := sdkotel.ExtractMetricsHandler(activity.GetMetricsHandler(ctx))
	if h == nil {
		return
	}
	hist, err := h.GetMeter().Float64Histogram(telemetry.RecognitionConfidence,
		metric.WithDescription("the best plate read's confidence, per read"))
	if err != nil {
		return
	}
	hist.Record(ctx, v.Confidence, metric.WithAttributeSet(h.GetAttributes()))
}
