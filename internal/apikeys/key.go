package apikeys

import (
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/hex"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/tollbooth/tollbooth/internal/plate"
)

// Collection is the Firestore collection of API keys; the document id is the key id.
const Collection = "api_keys"

// Scope is what a key may do. Every API route names the scopes it admits; the default is deny.
type Scope string

const (
	ScopeIngest   Scope = "ingest"   // submit photos, read their status (booth controllers, partners)
	ScopeOperator Scope = "operator" // everything an operator reads: captures, exports, any plate
	ScopeReviewer Scope = "reviewer" // read captures and their status
	ScopeCustomer Scope = "customer" // read the captures of the plates bound to the key, nothing else
)

// Scopes lists every scope, for usage messages.
var Scopes = []Scope{ScopeIngest, ScopeOperator, ScopeReviewer, ScopeCustomer}

// tokenPrefix marks a tollbooth key (secret scanners can look for it).
const tokenPrefix = "tbk_"

// Key is one stored API key: never the key itself, only its hash.
type Key struct {
	ID        string    `firestore:"id" json:"id"`
	Name      string    `firestore:"name" json:"name"`
	Scope     Scope     `firestore:"scope" json:"scope"`
	Plates    []string  `firestore:"plates" json:"plates,omitempty"`
	Hash      string    `firestore:"hash" json:"-"`
	CreatedAt time.Time `firestore:"created_at" json:"created_at"`
	RevokedAt time.Time `firestore:"revoked_at" json:"revoked_at,omitzero"`
}

// Revoked says whether the key was revoked.
func (k Key) Revoked() bool { return !k.RevokedAt.IsZero() }

// HasPlate says whether a customer key may read the plate.
func (k Key) HasPlate(p string) bool { return slices.Contains(k.Plates, plate.Normalize(p)) }

var namePattern = regexp.MustCompile(`^[A-Za-z0-9 ._@-]{0,64}$`)

// New makes a key and the token to hand out once. Customer keys need at least one plate; other
// scopes take none.
func New(scope Scope, name string, plates []string, now time.Time) (Key, string, error) {
	if !slices.Contains(Scopes, scope) {
		return Key{}, "", fmt.Errorf("scope %q is unknown: use one of %v", scope, Scopes)
	}
	if !namePattern.MatchString(name) {
		return Key{}, "", fmt.Errorf("name %q: use at most 64 letters, digits, spaces and . _ @ -", name)
	}
	var norm []string
	for _, p := range plates {
		n := plate.Normalize(p)
		if n == "" || len(n) > 10 {
			return Key{}, "", fmt.Errorf("plate %q is not a plate", p)
		}
		if !slices.Contains(norm, n) {
			norm = append(norm, n)
		}
	}
	switch {
	case scope == ScopeCustomer && len(norm) == 0:
		return Key{}, "", errors.New("a customer key needs at least one --plate")
	case scope != ScopeCustomer && len(norm) > 0:
		return Key{}, "", fmt.Errorf("only customer keys are bound to plates (scope %s)", scope)
	}
	id := strings.ToLower(rand.Text()[:12])
	token := tokenPrefix + id + "_" + rand.Text() + rand.Text() // 260 random bits
	return Key{ID: id, Name: name, Scope: scope, Plates: norm, Hash: Hash(token), CreatedAt: now.UTC()}, token, nil
}

// Hash is what is stored of a token.
func Hash(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:])
}

var idPattern = regexp.MustCompile(`^[a-z2-7]{12}$`)

// ParseID reads the key id from a token, or reports that it is not a tollbooth key.
func ParseID(token string) (string, bool) {
	rest, ok := strings.CutPrefix(token, tokenPrefix)
	id, secret, ok2 := strings.Cut(rest, "_")
	if !ok || !ok2 || !idPattern.MatchString(id) || len(secret) < 26 {
		return "", false
	}
	return id, true
}

// ValidID says whether s can be a key id (for `starter apikey revoke`).
func ValidID(s string) bool { return idPattern.MatchString(s) }

// Matches says whether the token is this key's, in constant time.
func (k Key) Matches(token string) bool {
	return subtle.ConstantTimeCompare([]byte(Hash(token)), []byte(k.Hash)) == 1
}
