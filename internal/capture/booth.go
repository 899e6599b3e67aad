package capture

import (
	"fmt"
	"regexp"
	"slices"
)

// boothIDPattern keeps booth ids safe in object names, document ids and URLs: lower-case letters and
// digits in dash-separated groups, like "north-01".
var boothIDPattern = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

const maxBoothIDLen = 32

// Booths is the set of booth ids the operator has configured. An empty set accepts every
// well-formed id (for deployments that have not listed theirs yet).
type Booths []string

// Check says why a booth id cannot be used, or nil.
func (b Booths) Check(id string) error {
	if len(id) == 0 || len(id) > maxBoothIDLen || !boothIDPattern.MatchString(id) {
		return fmt.Errorf("booth id %q is malformed: use lower-case letters and digits in dash-separated groups, at most %d characters (e.g. north-01)", id, maxBoothIDLen)
	}
	if len(b) > 0 && !slices.Contains(b, id) {
		return fmt.Errorf("booth id %q is unknown: the configured booths are %v (TOLLBOOTH_BOOTHS)", id, []string(b))
	}
	return nil
}
