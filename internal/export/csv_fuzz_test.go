package export

import (
	"bytes"
	"encoding/csv"
	"math"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/tollbooth/tollbooth/internal/capture"
)

// FuzzCSV writes one record of arbitrary fields and checks the two promises of the CSV file:
//   - no cell starts with a character that makes a spreadsheet run it (= + - @ tab CR), and a
//     value that did is kept, behind a single quote;
//   - RFC 4180: encoding/csv reads back exactly the header and the neutralized fields written.
func FuzzCSV(f *testing.F) {
	f.Add("c1", "north-01", "7ABC123", "auto", "gs://tollbooth-photos/photos/north-01/a.jpg", 0.935, int64(1764062043000))
	f.Add("=cmd|' /C calc'!A0", "+1", "-2+3", "@SUM(A1)", "\tgs://x", -0.5, int64(0))
	f.Add("c2", "line\nbreak", "a\r\nb", `reviewer:o"brien, jr`, "gs://b/a,b.jpg", 1.0, int64(-1))
	f.Add("\r=1", "\rx", "a\rb", "", `\.`, math.Inf(1), int64(math.MaxInt64))
	f.Fuzz(func(t *testing.T, id, booth, plate, decision, uri string, conf float64, ms int64) {
		r := capture.Record{CaptureID: id, BoothID: booth, CaptureTime: time.UnixMilli(ms), Plate: plate,
			Confidence: conf, Decision: decision, PhotoURI: uri}
		out, err := CSV([]capture.Record{r})
		if err != nil {
			return // a record encoding/csv cannot write is refused, not written wrong
		}
		want := Row(r)
		raw := []string{id, booth, r.CaptureTime.UTC().Format(time.RFC3339), plate,
			Row(capture.Record{Confidence: conf})[4], decision, uri}
		for i, cell := range want {
			if cell != "" && strings.ContainsRune("=+-@\t\r", rune(cell[0])) {
				t.Fatalf("column %s: cell %q would run as a formula", Columns[i], cell)
			}
			if v := raw[i]; v != "" && strings.ContainsRune("=+-@\t\r", rune(v[0])) && !strings.HasPrefix(cell, "'") {
				t.Fatalf("column %s: %q was not neutralized: %q", Columns[i], v, cell)
			}
		}
		rows, err := csv.NewReader(bytes.NewReader(out)).ReadAll()
		if err != nil {
			t.Fatalf("the file does not read back: %v\n%q", err, out)
		}
		if len(rows) != 2 || !slices.Equal(rows[0], Columns) {
			t.Fatalf("read back %d rows, header %q\n%q", len(rows), rows[0], out)
		}
		if !slices.Equal(rows[1], want) {
			t.Fatalf("the row read back differs from the row written:\nwrote %q\nread  %q\nfile  %q", want, rows[1], out)
		}
	})
}
