package config

import (
	"fmt"
	"os"
	"strconv"
	"time"
)

// Retention configures how long personal data is kept (README, "Data retention"): toll photos and
// the recognizer's raw text and candidates. The billing record itself stays.
type Retention struct {
	// PhotoDays is how many days after its record was exported a photo is deleted: the photo
	// bucket's lifecycle rule (daysSinceCustomTime, deployments/gcloud-setup.sh) and, where
	// DeletePhotos is set, the retention job. The export sets each photo's custom time.
	PhotoDays int
	// RawAfter is how long after a capture is decided its raw OCR text and candidates are kept
	// (the record's expire_raw_at, set when the final record is saved).
	RawAfter time.Duration
	// Every is how often the retention job runs (schedule tollbooth-retention).
	Every time.Duration
	// DeletePhotos makes the retention job apply the photo rule itself: the local stack's
	// storage emulator has no lifecycle rules. In the cloud the bucket's rule does it.
	DeletePhotos bool
}

// Retention defaults.
const (
	DefaultPhotoRetentionDays = 30
	DefaultRawRetention       = 30 * 24 * time.Hour
	DefaultRetentionEvery     = time.Hour
)

const (
	EnvPhotoRetentionDays    = "TOLLBOOTH_PHOTO_RETENTION_DAYS"
	EnvRawRetention          = "TOLLBOOTH_RAW_RETENTION"
	EnvRetentionEvery        = "TOLLBOOTH_RETENTION_EVERY"
	EnvRetentionDeletePhotos = "TOLLBOOTH_RETENTION_DELETE_PHOTOS"
)

func (c *Config) loadRetention() error {
	r := Retention{DeletePhotos: c.Local}
	var err error
	if r.PhotoDays, err = intEnv(EnvPhotoRetentionDays, DefaultPhotoRetentionDays, 0, 3650); err != nil {
		return err
	}
	if r.RawAfter, err = durationEnv(EnvRawRetention, DefaultRawRetention, time.Second, 3650*24*time.Hour); err != nil {
		return err
	}
	if r.Every, err = durationEnv(EnvRetentionEvery, DefaultRetentionEvery, 10*time.Second, 7*24*time.Hour); err != nil {
		return err
	}
	if v := os.Getenv(EnvRetentionDeletePhotos); v != "" {
		if r.DeletePhotos, err = strconv.ParseBool(v); err != nil {
			return fmt.Errorf("%s=%q: use true or false", EnvRetentionDeletePhotos, v)
		}
	}
	c.Retention = r
	return nil
}
