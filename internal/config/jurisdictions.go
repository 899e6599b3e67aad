package config

import (
	"fmt"
	"os"
	"slices"

	"github.com/tollbooth/tollbooth/internal/jurisdiction"
)

// Jurisdictions says which jurisdictions' standard plate formats each booth may auto-accept.
type Jurisdictions struct {
	// ByBooth lists, per booth id, the jurisdiction codes it serves (TOLLBOOTH_BOOTH_JURISDICTIONS).
	ByBooth map[string][]string
	// Default serves every booth not in ByBooth (TOLLBOOTH_DEFAULT_JURISDICTIONS). Empty: such a
	// booth's captures all go to a person (reason no-jurisdictions), because no plate format can
	// be trusted for a booth nobody described.
	Default []string
}

// For returns the jurisdictions of a booth.
func (j Jurisdictions) For(booth string) []string {
	if codes, ok := j.ByBooth[booth]; ok {
		return codes
	}
	return j.Default
}

// Unserved returns the booths among booths that have no jurisdictions at all.
func (j Jurisdictions) Unserved(booths []string) []string {
	var out []string
	for _, b := range booths {
		if len(j.For(b)) == 0 {
			out = append(out, b)
		}
	}
	return out
}

const (
	EnvBoothJurisdictions   = "TOLLBOOTH_BOOTH_JURISDICTIONS"
	EnvDefaultJurisdictions = "TOLLBOOTH_DEFAULT_JURISDICTIONS"
)

// The local stack's defaults. Every booth serves the regions the synthetic photos come from
// (internal/synth), so the demo's plates are in jurisdiction; east-01 serves Brazil, the booth of
// the Brazilian sample photos (../shared/samples/openalpr-br) in tests and accuracy runs.
const (
	LocalDefaultJurisdictions = "us-ca,us-ny,us-tx,us-ct,us-mi,ca-on"
	LocalBoothJurisdictions   = "east-01=br"
)

func (c *Config) loadJurisdictions() error {
	byBooth, def := os.Getenv(EnvBoothJurisdictions), os.Getenv(EnvDefaultJurisdictions)
	if c.Local {
		if byBooth == "" {
			byBooth = LocalBoothJurisdictions
		}
		if def == "" {
			def = LocalDefaultJurisdictions
		}
	}
	var err error
	if c.Jurisdictions.ByBooth, err = jurisdiction.ParseBooths(byBooth); err != nil {
		return fmt.Errorf("%s: %w", EnvBoothJurisdictions, err)
	}
	if def != "" {
		if c.Jurisdictions.Default, err = jurisdiction.ParseCodes(def); err != nil {
			return fmt.Errorf("%s: %w", EnvDefaultJurisdictions, err)
		}
	}
	if len(c.Booths) > 0 {
		for b := range c.Jurisdictions.ByBooth {
			if !slices.Contains(c.Booths, b) {
				return fmt.Errorf("%s names booth %q, which is not in %s (%v): fix the id or add the booth", EnvBoothJurisdictions, b, EnvBooths, c.Booths)
			}
		}
	}
	return nil
}
