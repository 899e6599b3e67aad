package cost

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"os"
)

// Profile is what the system does in Temporal terms, measured from real histories: per capture
// (split by whether a person decided it) and per run of each periodic workflow.
type Profile struct {
	// Measured says where and when the histories were read.
	Measured     string `json:"measured"`
	AutoAccepted Mean   `json:"auto_accepted"` // capture runs that no person decided
	Reviewed     Mean   `json:"reviewed"`      // capture runs a reviewer decided
	Export       Mean   `json:"export"`        // runs of the export schedule
	ExportBatch  Mean   `json:"export_batch"`  // one exported batch (the child workflow)
	ExportCheck  Mean   `json:"export_check"`  // runs of the early-export check
	Monitor      Mean   `json:"monitor"`       // runs of the monitoring schedule
}

// recorded is the profile measured on the local stack (see its Measured field); `starter cost
// --measure` measures the stack it is pointed at instead, and `--save` writes a new one of these.
//
//go:embed measured.json
var recorded []byte

// Recorded returns the profile shipped with the code.
func Recorded() (Profile, error) {
	var p Profile
	if err := json.Unmarshal(recorded, &p); err != nil {
		return p, fmt.Errorf("the recorded cost profile (internal/cost/measured.json): %w", err)
	}
	return p, nil
}

// LoadProfile reads a profile saved by `starter cost --measure --save FILE`.
func LoadProfile(path string) (Profile, error) {
	var p Profile
	b, err := os.ReadFile(path)
	if err != nil {
		return p, err
	}
	if err := json.Unmarshal(b, &p); err != nil {
		return p, fmt.Errorf("%s: not a cost profile: %w", path, err)
	}
	return p, nil
}
