package capture

import (
	"strings"
	"testing"
	"time"
)

// FuzzParseObjectName: any object name an upload event may carry is parsed without a panic, and a
// name it accepts is one ObjectName could have made: ObjectName, given what was parsed, rebuilds the
// same folders and file name (the hash and extension aside), and parses back to the same booth and
// time. The capture id of a name is stable.
func FuzzParseObjectName(f *testing.F) {
	at := time.Date(2026, 11, 25, 8, 0, 0, 123e6, time.UTC)
	f.Add(ObjectName("north-01", at, "00112233445566778899aabbccddeeff", "jpg"))
	f.Add(ObjectName("east-01", at.Add(-40*time.Hour), "ffeeddccbbaa99887766554433221100", "png"))
	f.Add("photos/East 01/2026/11/25/20261125T080000.000Z_00112233aabbccdd.jpg")
	f.Add("photos/east-01/2026/11/25/whenever.jpg")
	f.Add("photos/north-01/1999/01/01/20261125T080000.000Z_0011223344556677.jpg")
	f.Add("uploads/x.jpg")
	f.Add("photos/////_")
	f.Fuzz(func(t *testing.T, name string) {
		if ID("b", name) != ID("b", name) || len(ID("b", name)) != 24 {
			t.Fatalf("unstable capture id for %q", name)
		}
		info, err := ParseObjectName(name)
		if err != nil {
			return
		}
		rebuilt := ObjectName(info.BoothID, info.CaptureTime, strings.Repeat("0", 16), "jpg")
		stamp, _, _ := strings.Cut(rebuilt, "_")
		if !strings.HasPrefix(name, stamp+"_") {
			t.Fatalf("%q parses to booth %q at %s, but ObjectName makes %q", name, info.BoothID, info.CaptureTime, rebuilt)
		}
		again, err := ParseObjectName(rebuilt)
		if err != nil || again.BoothID != info.BoothID || !again.CaptureTime.Equal(info.CaptureTime) {
			t.Fatalf("%q: the rebuilt %q parses to %+v, %v", name, rebuilt, again, err)
		}
	})
}
