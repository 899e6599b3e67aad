// Package reviewers holds the reviewers' sign-in credentials: a file the operator writes with
// `starter reviewer add ID` (TOLLBOOTH_REVIEWERS_FILE), one "id:bcrypt-hash" line per reviewer.
// Passwords are never stored, only their bcrypt hashes.
package reviewers

import (
	"bufio"
	"crypto/rand"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"golang.org/x/crypto/bcrypt"

	"github.com/tollbooth/tollbooth/signals"
)

// cost is the bcrypt cost of stored hashes (lowered by tests).
var cost = bcrypt.DefaultCost

// MinPasswordLength is the shortest password accepted.
const MinPasswordLength = 12

// Store is the loaded credentials, by reviewer id.
type Store struct {
	hashes map[string][]byte
}

// dummyHash is compared against for unknown ids, so a sign-in takes as long for an unknown id as
// for a wrong password.
var dummyHash = sync.OnceValue(func() []byte {
	h, _ := bcrypt.GenerateFromPassword([]byte("not a reviewer's password"), cost)
	return h
})

// Load reads the file. A missing file is an error that says how to create it.
func Load(path string) (*Store, error) {
	f, err := os.Open(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil, fmt.Errorf("no reviewers file at %s: add a reviewer with `starter reviewer add ID` (file: TOLLBOOTH_REVIEWERS_FILE)", path)
	}
	if err != nil {
		return nil, err
	}
	defer f.Close()
	s := &Store{hashes: map[string][]byte{}}
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		id, hash, ok := strings.Cut(line, ":")
		if !ok || !validID(id) {
			return nil, fmt.Errorf("%s:%d: want ID:BCRYPT-HASH", path, n)
		}
		if _, err := bcrypt.Cost([]byte(hash)); err != nil {
			return nil, fmt.Errorf("%s:%d: reviewer %s: not a bcrypt hash", path, n, id)
		}
		s.hashes[id] = []byte(hash)
	}
	return s, sc.Err()
}

// Check reports whether the password is the reviewer's.
func (s *Store) Check(id, password string) bool {
	hash, ok := s.hashes[id]
	if !ok {
		_ = bcrypt.CompareHashAndPassword(dummyHash(), []byte(password))
		return false
	}
	return bcrypt.CompareHashAndPassword(hash, []byte(password)) == nil
}

// Len is the number of reviewers.
func (s *Store) Len() int { return len(s.hashes) }

// Add sets a reviewer's password in the file (creating it, mode 0600), replacing an earlier one.
func Add(path, id, password string) error {
	if !validID(id) {
		return fmt.Errorf("%q is not a reviewer id (letters, digits, . _ @ -, at most 64)", id)
	}
	if len(password) < MinPasswordLength {
		return fmt.Errorf("the password must have at least %d characters", MinPasswordLength)
	}
	hash, err := bcrypt.GenerateFromPassword([]byte(password), cost)
	if err != nil {
		return err
	}
	var lines []string
	if data, err := os.ReadFile(path); err == nil {
		for line := range strings.SplitSeq(strings.TrimRight(string(data), "\n"), "\n") {
			if other, _, _ := strings.Cut(line, ":"); other != id && line != "" {
				lines = append(lines, line)
			}
		}
	} else if !errors.Is(err, os.ErrNotExist) {
		return err
	}
	lines = append(lines, id+":"+string(hash))
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return err
	}
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, []byte(strings.Join(lines, "\n")+"\n"), 0o600); err != nil {
		return err
	}
	return os.Rename(tmp, path)
}

// NewPassword returns a random password for a new reviewer.
func NewPassword() string {
	return rand.Text()[:20]
}

func validID(id string) bool {
	return signals.ReviewDecision{ReviewerID: id, Unreadable: true}.Validate() == nil
}
