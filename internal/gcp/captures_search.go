package gcp

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"time"

	"cloud.google.com/go/firestore"

	"github.com/tollbooth/tollbooth/internal/capture"
)

// CaptureQuery selects capture records for the API: by booth or plate, within a capture-time range
// [From, To), newest first, a page at a time.
//
// Queries (a real project needs composite indexes for them): captures where booth_id == B and/or
// plate == P, capture_time in range, order by capture_time desc, capture_id desc.
type CaptureQuery struct {
	BoothID   string
	Plate     string
	From, To  time.Time // zero: open
	PageToken string    // from the previous page's NextToken
	Limit     int
}

// ErrBadPageToken: the page token was not made by Search.
var ErrBadPageToken = errors.New("page_token is not one this API handed out")

type pageCursor struct {
	Time time.Time `json:"t"`
	ID   string    `json:"i"`
}

// Search returns one page of records and the token of the next page ("" on the last one).
func (c Captures) Search(ctx context.Context, q CaptureQuery) ([]capture.Record, string, error) {
	query := c.Client.Collection(capture.Collection).Query
	if q.BoothID != "" {
		query = query.Where(fieldBoothID, "==", q.BoothID)
	}
	if q.Plate != "" {
		query = query.Where(fieldPlate, "==", q.Plate)
	}
	if !q.From.IsZero() {
		query = query.Where(fieldCaptureTime, ">=", q.From.UTC())
	}
	if !q.To.IsZero() {
		query = query.Where(fieldCaptureTime, "<", q.To.UTC())
	}
	query = query.OrderBy(fieldCaptureTime, firestore.Desc).OrderBy(fieldCaptureID, firestore.Desc)
	if q.PageToken != "" {
		cur, err := decodeCursor(q.PageToken)
		if err != nil {
			return nil, "", err
		}
		query = query.StartAfter(cur.Time, cur.ID)
	}
	snaps, err := query.Limit(q.Limit + 1).Documents(ctx).GetAll()
	if err != nil {
		return nil, "", err
	}
	out := make([]capture.Record, 0, len(snaps))
	for _, s := range snaps {
		rec, err := decodeRecord(s)
		if err != nil {
			return nil, "", err
		}
		out = append(out, rec)
	}
	next := ""
	if len(out) > q.Limit {
		out = out[:q.Limit]
		last := out[len(out)-1]
		next = encodeCursor(pageCursor{Time: last.CaptureTime, ID: last.CaptureID})
	}
	return out, next, nil
}

func encodeCursor(c pageCursor) string {
	b, _ := json.Marshal(c)
	return base64.RawURLEncoding.EncodeToString(b)
}

func decodeCursor(s string) (pageCursor, error) {
	var c pageCursor
	b, err := base64.RawURLEncoding.DecodeString(s)
	if err != nil || json.Unmarshal(b, &c) != nil || c.ID == "" || c.Time.IsZero() {
		return c, ErrBadPageToken
	}
	return c, nil
}
