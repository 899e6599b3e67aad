package capture

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"
)

// ID derives a capture's id from its photo's place in storage. Upload events are at-least-once and
// the starter may upload the same file again; the photo's object name carries the booth, the capture
// time and a content hash (see ObjectName), so the same photo always yields the same id, and the id
// names the workflow: a duplicate event can never start a second run or write a second record.
func ID(bucket, object string) string {
	sum := sha256.Sum256([]byte(bucket + "/" + object))
	return hex.EncodeToString(sum[:12])
}

// photoScheme starts every photo reference.
const photoScheme = "gs://"

// PhotoURI is the gs:// reference under which the photo travels; photos never ride in payloads.
func PhotoURI(bucket, object string) string { return photoScheme + bucket + "/" + object }

// SplitPhotoURI is the inverse of PhotoURI; ok is false for anything else.
func SplitPhotoURI(uri string) (bucket, object string, ok bool) {
	rest, ok := strings.CutPrefix(uri, photoScheme)
	if !ok {
		return "", "", false
	}
	bucket, object, ok = strings.Cut(rest, "/")
	return bucket, object, ok && bucket != "" && object != ""
}
