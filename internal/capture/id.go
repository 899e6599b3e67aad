package capture

import (
	"crypto/sha256"
	"encoding/hex"
)

// ID derives a capture's id from its photo's place in storage. Upload events are at-least-once and
// the starter may upload the same file again; the photo's object name carries the booth, the capture
// time and a content hash (see ObjectName), so the same photo always yields the same id, and the id
// names the workflow: a duplicate event can never start a second run or write a second record.
func ID(bucket, object string) string {
	sum := sha256.Sum256([]byte(bucket + "/" + object))
	return hex.EncodeToString(sum[:12])
}

// PhotoURI is the gs:// reference under which the photo travels; photos never ride in payloads.
func PhotoURI(bucket, object string) string { return "gs://" + bucket + "/" + object }
