package main

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/tollbooth/tollbooth/internal/app"
	"github.com/tollbooth/tollbooth/internal/capture"
	"github.com/tollbooth/tollbooth/internal/gcp"
)

// photoExtensions are the files a folder upload picks up; a file named explicitly is always tried.
var photoExtensions = map[string]bool{".jpg": true, ".jpeg": true, ".png": true}

func runUpload(ctx context.Context, env *cli, args []string) error {
	fs := flag.NewFlagSet("upload", flag.ContinueOnError)
	booth := fs.String("booth", "", "booth id the photos come from (required)")
	at := fs.String("at", "", "capture time, RFC 3339 (default: each file's modification time)")
	paths, err := parseInterspersed(fs, args)
	if err != nil {
		return err
	}
	if *booth == "" || len(paths) == 0 {
		return fmt.Errorf("%w: --booth and at least one PATH are required", errUsage)
	}
	var fixedTime time.Time
	if *at != "" {
		if fixedTime, err = time.Parse(time.RFC3339, *at); err != nil {
			return fmt.Errorf("%w: --at %q is not an RFC 3339 time like 2026-11-25T17:05:00Z", errUsage, *at)
		}
	}
	cfg, err := env.config()
	if err != nil {
		return err
	}
	if err := capture.Booths(cfg.Booths).Check(*booth); err != nil {
		return err
	}
	files, err := photoFiles(paths)
	if err != nil {
		return err
	}
	cloud, err := env.cloudClients(ctx, app.NeedStorage)
	if err != nil {
		return err
	}
	bucket := gcp.Bucket{Client: cloud.Storage}
	var failed int
	for i, f := range files {
		id, note, err := uploadOne(ctx, bucket, cfg.PhotoBucket, cfg.MaxPhotoBytes, *booth, fixedTime, f)
		if err != nil {
			// One bad file must not stop the batch: report it and go on.
			failed++
			fmt.Fprintf(env.stderr, "[%d/%d] %s: %v\n", i+1, len(files), f, err)
			continue
		}
		fmt.Fprintln(env.stdout, id)
		fmt.Fprintf(env.stderr, "[%d/%d] %s → capture %s (%s)\n", i+1, len(files), f, id, note)
	}
	if failed > 0 {
		return fmt.Errorf("%d of %d photos were not uploaded (see above)", failed, len(files))
	}
	return nil
}

// uploadOne checks and uploads one photo and returns its capture id. The object name derives from the
// booth, the capture time and the content, so uploading the same file again is a no-op.
func uploadOne(ctx context.Context, b gcp.Bucket, bucketName string, maxBytes int64, booth string, at time.Time, path string) (id, note string, err error) {
	info, err := os.Stat(path)
	if err != nil {
		return "", "", err
	}
	if info.Size() > maxBytes {
		return "", "", fmt.Errorf("%d bytes is over the %d-byte photo limit (TOLLBOOTH_MAX_PHOTO_BYTES)", info.Size(), maxBytes)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return "", "", err
	}
	contentType := http.DetectContentType(data)
	ext := map[string]string{"image/jpeg": "jpg", "image/png": "png"}[contentType]
	if ext == "" {
		return "", "", fmt.Errorf("not a JPEG or PNG photo (looks like %s)", contentType)
	}
	if at.IsZero() {
		at = info.ModTime()
	}
	sum := sha256.Sum256(data)
	object := capture.ObjectName(booth, at, hex.EncodeToString(sum[:]), ext)
	wrote, err := b.PutIfAbsent(ctx, bucketName, object, contentType, bytes.NewReader(data))
	if err != nil {
		return "", "", err
	}
	note = "uploaded to " + capture.PhotoURI(bucketName, object)
	if !wrote {
		note = "already uploaded: " + capture.PhotoURI(bucketName, object)
	}
	return capture.ID(bucketName, object), note, nil
}

// photoFiles expands folders into the photos they hold, in a stable order.
func photoFiles(paths []string) ([]string, error) {
	var out []string
	for _, p := range paths {
		info, err := os.Stat(p)
		if err != nil {
			return nil, err
		}
		if !info.IsDir() {
			out = append(out, p)
			continue
		}
		err = filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if !d.IsDir() && photoExtensions[strings.ToLower(filepath.Ext(path))] {
				out = append(out, path)
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	if len(out) == 0 {
		return nil, errors.New("no photos (.jpg, .jpeg, .png) in the given paths")
	}
	return out, nil
}
