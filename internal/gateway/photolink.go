package gateway

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"strconv"
	"time"
)

// photoLinks signs short-lived photo links: /v1/photos/ID?expires=UNIX&sig=HMAC. Cloud Storage's
// own signed URLs need a service-account signing key the gateway does not hold (and the emulator
// cannot check), so the gateway signs its own links and streams the photo itself; the bucket stays
// private. With no TOLLBOOTH_API_URL_SIGNING_KEY a random key is made at start: links then end with
// the process, and several gateway replicas need the same configured key.
type photoLinks struct {
	key []byte
	ttl time.Duration
	now func() time.Time
}

func newPhotoLinks(key string, ttl time.Duration, now func() time.Time) *photoLinks {
	k := []byte(key)
	if len(k) == 0 {
		k = []byte(rand.Text() + rand.Text())
	}
	return &photoLinks{key: k, ttl: ttl, now: now}
}

func (p *photoLinks) sign(captureID string, expires int64) string {
	m := hmac.New(sha256.New, p.key)
	m.Write([]byte("photo\x00" + captureID + "\x00" + strconv.FormatInt(expires, 10)))
	return hex.EncodeToString(m.Sum(nil))
}

// link returns the path and query of a photo link, and when it expires.
func (p *photoLinks) link(captureID string) (string, time.Time) {
	exp := p.now().Add(p.ttl).Truncate(time.Second)
	e := exp.Unix()
	return "/v1/photos/" + captureID + "?expires=" + strconv.FormatInt(e, 10) + "&sig=" + p.sign(captureID, e), exp.UTC()
}

// valid checks a link's signature and expiry.
func (p *photoLinks) valid(captureID, expires, sig string) bool {
	e, err := strconv.ParseInt(expires, 10, 64)
	if err != nil || p.now().Unix() > e {
		return false
	}
	return hmac.Equal([]byte(sig), []byte(p.sign(captureID, e)))
}
