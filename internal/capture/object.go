package capture

import (
	"fmt"
	"path"
	"strings"
	"time"
)

// PhotoPrefix is the folder of the photo bucket that holds capture photos; the upload trigger ignores
// objects outside it.
const PhotoPrefix = "photos/"

// timeLayout is the capture time in object names: UTC, sortable, no characters that need escaping.
const timeLayout = "20060102T150405.000Z"

// ObjectName is where a photo is stored: photos/BOOTH/YYYY/MM/DD/TIME_HASH.EXT. The booth and the
// capture time travel in the name, so the trigger knows them from the upload event alone, and the
// listing of a booth's day is a prefix query; the content hash makes a re-upload of the same photo
// land on the same object.
func ObjectName(boothID string, at time.Time, sha256Hex, ext string) string {
	ext = strings.ToLower(strings.TrimPrefix(ext, "."))
	if ext == "" || ext == "jpeg" {
		ext = "jpg"
	}
	return fmt.Sprintf("%s_%s.%s", ObjectNameFrom(boothID, at), sha256Hex[:16], ext)
}

// BoothFolder is the folder of a booth's photos: photos/BOOTH/.
func BoothFolder(boothID string) string { return PhotoPrefix + boothID + "/" }

// ObjectNameFrom is where a booth's photos taken at or after at begin in the bucket's name order:
// the names sort by capture time within a booth's folder, so a time range of a booth is one
// listing from this offset (storage.Query.StartOffset).
func ObjectNameFrom(boothID string, at time.Time) string {
	at = at.UTC()
	return BoothFolder(boothID) + at.Format("2006/01/02") + "/" + at.Format(timeLayout)
}

// ObjectInfo is what an object name says about its capture.
type ObjectInfo struct {
	BoothID     string
	CaptureTime time.Time
}

// ParseObjectName reads the booth and the capture time back from an object name made by ObjectName,
// and refuses any other: the capture time written exactly as ObjectName writes it, in the folders
// of its own day (FuzzParseObjectName found names with another day's folders, empty folders, or a
// comma before the milliseconds, accepted as if ObjectName had made them).
// It does not judge the booth id (see Booths.Check): a malformed id must still be reported as such.
func ParseObjectName(name string) (ObjectInfo, error) {
	rest, ok := strings.CutPrefix(name, PhotoPrefix)
	parts := strings.Split(rest, "/")
	if !ok || len(parts) != 5 {
		return ObjectInfo{}, fmt.Errorf("object %q is not laid out as %sBOOTH/YYYY/MM/DD/TIME_HASH.jpg", name, PhotoPrefix)
	}
	base := path.Base(name)
	stamp, _, ok := strings.Cut(base, "_")
	if !ok {
		return ObjectInfo{}, fmt.Errorf("object %q: file name %q has no capture time (TIME_HASH.jpg)", name, base)
	}
	at, err := time.Parse(timeLayout, stamp)
	if err != nil || at.Format(timeLayout) != stamp {
		return ObjectInfo{}, fmt.Errorf("object %q: capture time %q is not in the form %s", name, stamp, timeLayout)
	}
	if day := strings.Join(parts[1:4], "/"); day != at.Format("2006/01/02") {
		return ObjectInfo{}, fmt.Errorf("object %q: folder %s is not the capture time's day %s", name, day, at.Format("2006/01/02"))
	}
	return ObjectInfo{BoothID: parts[0], CaptureTime: at}, nil
}
