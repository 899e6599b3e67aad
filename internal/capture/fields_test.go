package capture_test

import (
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/tollbooth/tollbooth/internal/capture"
	"github.com/tollbooth/tollbooth/internal/capture/capturetest"
)

// Every field of the record is stored: it has a firestore and a json name, and a save writes it
// (only the exporter's field is left to the exporter).
func TestEveryRecordFieldIsStored(t *testing.T) {
	var tagged []string
	for f := range reflect.TypeFor[capture.Record]().Fields() {
		fs, js := f.Tag.Get("firestore"), f.Tag.Get("json")
		require.NotEmpty(t, fs, "%s has no firestore tag: name it as it is stored", f.Name)
		require.NotEmpty(t, js, "%s has no json tag: name it as the query and the API show it", f.Name)
		name, _, _ := strings.Cut(fs, ",")
		require.NotEqual(t, "-", name, "%s is never stored", f.Name)
		jsName, _, _ := strings.Cut(js, ",")
		require.Equal(t, name, jsName, "%s: one name in Firestore, the query and the API", f.Name)
		tagged = append(tagged, name)
	}
	require.Equal(t, slices.DeleteFunc(slices.Clone(tagged), func(n string) bool { return n == capture.FieldExportBatch }),
		capture.StoredFields)
	require.Contains(t, tagged, capture.FieldExportBatch)
	require.Equal(t, "reason_code", capture.FieldName("ReasonCode"))
	require.Panics(t, func() { capture.FieldName("NoSuchField") })
}

func TestFullRecordSetsEveryField(t *testing.T) {
	r := reflect.ValueOf(capturetest.FullRecord())
	for i := range r.NumField() {
		require.False(t, r.Field(i).IsZero(), "%s is not set", r.Type().Field(i).Name)
	}
}

func TestLegacyReasonCodes(t *testing.T) {
	for reason, want := range map[string]capture.ReasonCode{
		"the recognizer failed after 8 tries: rpc error: code = Unavailable": capture.ReasonRecognizerFailed,
		"the recognizer rejected gs://b/o.jpg: Bad image data.":              capture.ReasonPhotoRejected,
		"no well-formed plate in the recognized text (2 attempts)":           capture.ReasonNoPlate,
		"best read 7ABC12 at confidence 0.41 is below 0.80 (2 attempts)":     capture.ReasonBelowThreshold,
		"": "",
	} {
		require.Equal(t, want, capture.LegacyReasonCode(capture.StatusAwaitingReview, reason), reason)
	}
	require.Equal(t, capture.ReasonInvalidPhoto, capture.LegacyReasonCode(capture.StatusFailedInput, "not a JPEG or PNG image"))
	old := capture.Record{Status: capture.StatusAwaitingReview, Reason: "the recognizer failed after 8 tries: down"}
	require.Equal(t, capture.ReasonRecognizerFailed, old.WithLegacyReasonCode().ReasonCode)
	coded := capture.Record{Reason: "the recognizer failed", ReasonCode: capture.ReasonNoPlate}
	require.Equal(t, capture.ReasonNoPlate, coded.WithLegacyReasonCode().ReasonCode, "a stored code is kept")
}
