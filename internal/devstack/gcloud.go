package devstack

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"

	"github.com/tollbooth/tollbooth/internal/config"
)

// The emulators are Java programs that gcloud starts; a cold JVM on a busy two-core machine can take
// a while, hence the generous timeout.
const emulatorTimeout = 120 * time.Second

// gcloudPath finds gcloud, with a message that says what to install.
func gcloudPath() (string, error) {
	p, err := exec.LookPath("gcloud")
	if err != nil {
		return "", errors.New("gcloud not found on PATH: the Firestore and Pub/Sub emulators ship with the Google Cloud CLI " +
			"(with its cloud-firestore-emulator and pubsub-emulator components) and need Java 17")
	}
	return p, nil
}

// gcloudEnv keeps gcloud from asking questions: devstack runs without a terminal in CI.
func gcloudEnv() []string {
	return append(os.Environ(), EnvCloudSDKNoPrompt+"=1")
}

// startFirestore starts the Firestore emulator (memory only: every start is empty, state.go).
func (s *Stack) startFirestore(ctx context.Context) error {
	gcloud, err := gcloudPath()
	if err != nil {
		return err
	}
	hostPort := addr(s.Ports.Firestore)
	svc, err := s.launch("Firestore emulator", "firestore", hostPort, ProcessSpec{
		Path: gcloud,
		Args: []string{"emulators", "firestore", "start", "--host-port=" + hostPort},
		Env:  gcloudEnv(), Dir: s.Dir,
	})
	if err != nil {
		return err
	}
	base := "http://" + hostPort
	return s.waitReady(ctx, svc, emulatorTimeout, func(ctx context.Context) error {
		body, err := getText(ctx, base+"/")
		if err != nil {
			return err
		}
		if strings.TrimSpace(body) != "Ok" {
			return fmt.Errorf("GET %s/ answered %q, want Ok", base, body)
		}
		// Answering "Ok" comes ~2 s before the emulator serves documents; one read through the
		// document API (listing an empty collection) makes "ready" mean ready for the apps too.
		list := base + "/v1/projects/" + config.LocalProject + "/databases/(default)/documents/devstack-warmup"
		_, err = call(ctx, http.MethodGet, list, nil, nil)
		return err
	})
}

// startPubSub starts the Pub/Sub emulator and creates the upload topic and its pull subscription.
func (s *Stack) startPubSub(ctx context.Context) error {
	gcloud, err := gcloudPath()
	if err != nil {
		return err
	}
	hostPort := addr(s.Ports.PubSub)
	dataDir := filepath.Join(s.Dir, "pubsub")
	if err := os.MkdirAll(dataDir, 0o755); err != nil {
		return err
	}
	svc, err := s.launch("Pub/Sub emulator", "pubsub", hostPort, ProcessSpec{
		Path: gcloud,
		Args: []string{"beta", "emulators", "pubsub", "start",
			"--host-port=" + hostPort,
			"--project=" + config.LocalProject,
			// Its own data folder: the default one in ~/.config is shared by every emulator on the
			// machine (a demo and a test run at the same time).
			"--data-dir=" + dataDir},
		Env: gcloudEnv(), Dir: s.Dir,
	})
	if err != nil {
		return err
	}
	base := "http://" + hostPort
	if err := s.waitReady(ctx, svc, emulatorTimeout, func(ctx context.Context) error {
		_, err := getText(ctx, base+"/")
		return err
	}); err != nil {
		return err
	}
	if err := createTopicAndSubscription(ctx, base); err != nil {
		return NewServiceError(svc.Name, svc.LogPath, err)
	}
	s.out.Printf("created Pub/Sub topic %s and subscription %s", config.DefaultUploadTopic, config.DefaultUploadSubscriber)
	return nil
}

// createTopicAndSubscription creates the upload topic and pull subscription through the REST API
// (409 Conflict: it exists, which is fine).
func createTopicAndSubscription(ctx context.Context, base string) error {
	project := "projects/" + config.LocalProject
	topic := project + "/topics/" + config.DefaultUploadTopic
	if _, err := call(ctx, http.MethodPut, base+"/v1/"+topic, map[string]any{}, nil, http.StatusConflict); err != nil {
		return fmt.Errorf("creating topic: %w", err)
	}
	sub := project + "/subscriptions/" + config.DefaultUploadSubscriber
	// 60 s leaves a handler time to start a workflow before the message is redelivered.
	body := map[string]any{"topic": topic, "ackDeadlineSeconds": 60}
	if _, err := call(ctx, http.MethodPut, base+"/v1/"+sub, body, nil, http.StatusConflict); err != nil {
		return fmt.Errorf("creating subscription: %w", err)
	}
	return nil
}
