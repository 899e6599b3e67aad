package ingest

import (
	"fmt"
	"strings"

	"github.com/tollbooth/tollbooth/internal/capture"
)

// UploadEvent is a Cloud Storage notification (payload format JSON_API_V1): the attributes say which
// object changed and how.
type UploadEvent struct {
	EventType  string
	Bucket     string
	Object     string
	Generation string
}

// EventFromAttributes reads a notification's attributes.
func EventFromAttributes(attrs map[string]string) (UploadEvent, error) {
	e := UploadEvent{
		EventType: attrs["eventType"], Bucket: attrs["bucketId"],
		Object: attrs["objectId"], Generation: attrs["objectGeneration"],
	}
	if e.EventType == "" || e.Bucket == "" || e.Object == "" {
		return e, fmt.Errorf("not a Cloud Storage notification: attributes eventType, bucketId and objectId are required, got %v", attrs)
	}
	return e, nil
}

// IsCapturePhoto says whether the event should start a capture: a new object in the photo bucket,
// under the photo folder. Deletions, metadata updates and other buckets are not captures.
func (e UploadEvent) IsCapturePhoto(photoBucket string) bool {
	return e.EventType == "OBJECT_FINALIZE" && e.Bucket == photoBucket && strings.HasPrefix(e.Object, capture.PhotoPrefix)
}
