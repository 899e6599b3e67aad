package devstack

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"strconv"
	"time"

	"github.com/tollbooth/tollbooth/internal/config"
)

// startStorage starts fake-gcs-server publishing OBJECT_FINALIZE notifications for the photo bucket
// to the Pub/Sub emulator, creates both buckets and proves the notification path end to end.
// It must run after the Pub/Sub emulator is ready: fake-gcs-server publishes to it.
func (s *Stack) startStorage(ctx context.Context) error {
	hostPort := addr(s.Ports.Storage)
	args := []string{
		"-scheme", "http",
		"-host", Host,
		"-port", strconv.Itoa(s.Ports.Storage),
		"-backend", "memory",
		// URLs it hands out (mediaLink, resumable upload Location) point here, not at Google.
		"-public-host", hostPort,
		"-event.pubsub-project-id", config.LocalProject,
		"-event.pubsub-topic", config.DefaultUploadTopic,
		"-event.list", "finalize",
		// Only photos start captures: CSV exports written to the export bucket must not.
		"-event.bucket", config.DefaultPhotoBucket,
	}
	svc, err := s.launch("fake-gcs-server", "storage", hostPort, ProcessSpec{
		Path: s.Tool(FakeGCSServer.Binary), Args: args, Dir: s.Dir,
		Env: Environ(os.Environ(), []EnvVar{{Name: config.EnvPubSubEmulator, Value: addr(s.Ports.PubSub)}}),
	})
	if err != nil {
		return err
	}
	base := "http://" + hostPort
	if err := s.waitReady(ctx, svc, 30*time.Second, func(ctx context.Context) error {
		_, err := call(ctx, http.MethodGet, base+"/storage/v1/b?project="+config.LocalProject, nil, nil)
		return err
	}); err != nil {
		return err
	}
	for _, bucket := range []string{config.DefaultPhotoBucket, config.DefaultExportBucket} {
		if _, err := call(ctx, http.MethodPost, base+"/storage/v1/b?project="+config.LocalProject,
			map[string]string{"name": bucket}, nil, http.StatusConflict); err != nil {
			return NewServiceError(svc.Name, svc.LogPath, fmt.Errorf("creating bucket %s: %w", bucket, err))
		}
	}
	s.out.Printf("created buckets %s and %s", config.DefaultPhotoBucket, config.DefaultExportBucket)

	start := time.Now()
	if err := verifyUploadNotification(ctx, base, "http://"+addr(s.Ports.PubSub)); err != nil {
		return NewServiceError("upload notification (fake-gcs-server → Pub/Sub)", svc.LogPath, err)
	}
	s.out.Printf("upload notifications work: object written → Pub/Sub message in %s", round(time.Since(start)))
	return nil
}

// verifyUploadNotification writes an object to the photo bucket, pulls its OBJECT_FINALIZE message
// from the upload subscription, checks the attributes the trigger relies on, then acks the message
// and deletes the object, so the trigger never sees it.
func verifyUploadNotification(ctx context.Context, storageBase, pubsubBase string) error {
	name := fmt.Sprintf("devstack-selftest/%d.txt", time.Now().UnixNano())
	var obj struct {
		Generation string `json:"generation"`
	}
	upload := storageBase + "/upload/storage/v1/b/" + config.DefaultPhotoBucket + "/o?uploadType=media&name=" + url.QueryEscape(name)
	if _, err := call(ctx, http.MethodPost, upload, []byte("devstack self-test"), &obj); err != nil {
		return fmt.Errorf("writing a test object: %w", err)
	}
	defer call(context.WithoutCancel(ctx), http.MethodDelete,
		storageBase+"/storage/v1/b/"+config.DefaultPhotoBucket+"/o/"+url.PathEscape(name), nil, nil, http.StatusNotFound)

	sub := pubsubBase + "/v1/projects/" + config.LocalProject + "/subscriptions/" + config.DefaultUploadSubscriber
	deadline := time.Now().Add(15 * time.Second) // fake-gcs-server publishes asynchronously
	for time.Now().Before(deadline) {
		var pulled struct {
			ReceivedMessages []struct {
				AckID   string `json:"ackId"`
				Message struct {
					Attributes map[string]string `json:"attributes"`
				} `json:"message"`
			} `json:"receivedMessages"`
		}
		if _, err := call(ctx, http.MethodPost, sub+":pull", map[string]any{"maxMessages": 10, "returnImmediately": true}, &pulled); err != nil {
			return fmt.Errorf("pulling from the upload subscription: %w", err)
		}
		var ours, others []string
		var attrs map[string]string
		for _, m := range pulled.ReceivedMessages {
			if m.Message.Attributes["objectId"] == name {
				ours = append(ours, m.AckID)
				attrs = m.Message.Attributes
			} else {
				others = append(others, m.AckID)
			}
		}
		if len(others) > 0 { // not ours: hand them back at once for the trigger
			call(ctx, http.MethodPost, sub+":modifyAckDeadline", map[string]any{"ackIds": others, "ackDeadlineSeconds": 0}, nil)
		}
		if len(ours) > 0 {
			if _, err := call(ctx, http.MethodPost, sub+":acknowledge", map[string]any{"ackIds": ours}, nil); err != nil {
				return fmt.Errorf("acknowledging the test message: %w", err)
			}
			return checkNotificationAttributes(attrs, name, obj.Generation)
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(100 * time.Millisecond):
		}
	}
	return fmt.Errorf("wrote gs://%s/%s but no message reached subscription %s within 15s",
		config.DefaultPhotoBucket, name, config.DefaultUploadSubscriber)
}

// checkNotificationAttributes checks the Cloud Storage notification attributes the trigger reads.
func checkNotificationAttributes(attrs map[string]string, name, generation string) error {
	want := map[string]string{
		"eventType":        "OBJECT_FINALIZE",
		"bucketId":         config.DefaultPhotoBucket,
		"objectId":         name,
		"objectGeneration": generation,
	}
	for k, v := range want {
		if attrs[k] != v {
			return fmt.Errorf("notification attribute %s = %q, want %q (all: %v)", k, attrs[k], v, attrs)
		}
	}
	return nil
}
