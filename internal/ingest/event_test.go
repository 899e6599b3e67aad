package ingest

import (
	"testing"

	"github.com/stretchr/testify/require"
)

func TestEventFromAttributesReadsACloudStorageNotification(t *testing.T) {
	e, err := EventFromAttributes(map[string]string{
		"eventType": "OBJECT_FINALIZE", "bucketId": "tollbooth-photos", "payloadFormat": "JSON_API_V1",
		"objectId": "photos/north-01/2026/11/25/20261125T160501.123Z_abababababababab.jpg", "objectGeneration": "17",
	})
	require.NoError(t, err)
	require.Equal(t, "17", e.Generation)
	require.True(t, e.IsCapturePhoto("tollbooth-photos"))

	_, err = EventFromAttributes(map[string]string{"hello": "world"})
	require.ErrorContains(t, err, "not a Cloud Storage notification")
}

func TestOnlyNewPhotosInThePhotoFolderAreCaptures(t *testing.T) {
	photo := UploadEvent{EventType: "OBJECT_FINALIZE", Bucket: "tollbooth-photos", Object: "photos/north-01/a.jpg"}
	require.True(t, photo.IsCapturePhoto("tollbooth-photos"))
	deleted := photo
	deleted.EventType = "OBJECT_DELETE"
	require.False(t, deleted.IsCapturePhoto("tollbooth-photos"))
	otherBucket := photo
	otherBucket.Bucket = "tollbooth-exports"
	require.False(t, otherBucket.IsCapturePhoto("tollbooth-photos"))
	outside := photo
	outside.Object = "exports/batch-1.csv"
	require.False(t, outside.IsCapturePhoto("tollbooth-photos"))
}
