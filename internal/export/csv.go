package export

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/tollbooth/tollbooth/internal/capture"
)

// Columns are the CSV header, in order. The billing system relies on them; add columns at the end.
//
//	capture_id    the capture's id (stable across retries)
//	booth_id      the booth that took the photo
//	capture_time  when the photo was taken, UTC, RFC 3339 (2026-11-25T09:14:03Z)
//	plate         the normalized plate (upper-case letters and digits)
//	confidence    the recognizer's confidence, 0 to 1, three decimals (1.000 for a reviewer's read)
//	decision      who decided: "auto" or "reviewer:ID"
//	photo_uri     gs:// reference to the photo
var Columns = []string{"capture_id", "booth_id", "capture_time", "plate", "confidence", "decision", "photo_uri"}

// CSV renders records as an RFC 4180 file: UTF-8, CRLF line ends, a header, fields quoted when they
// hold a comma, a quote or a line break. A value a spreadsheet would run as a formula (starting with
// = + - @, a tab or a carriage return) gets a leading single quote. A line break inside a value is
// written as CRLF, and read back by any RFC 4180 reader as LF, so Row turns every CR or CRLF in a
// value into LF: what the file holds reads back exactly as Row wrote it (encoding/csv's writer
// would otherwise drop a lone CR without a word: FuzzCSV found it).
func CSV(records []capture.Record) ([]byte, error) {
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	w.UseCRLF = true
	if err := w.Write(Columns); err != nil {
		return nil, err
	}
	for _, r := range records {
		if err := w.Write(Row(r)); err != nil {
			return nil, fmt.Errorf("capture %s: %w", r.CaptureID, err)
		}
	}
	w.Flush()
	if err := w.Error(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// Row is one record's fields, in Columns order, neutralized, with line breaks as LF.
func Row(r capture.Record) []string {
	fields := []string{
		r.CaptureID,
		r.BoothID,
		r.CaptureTime.UTC().Format(time.RFC3339),
		r.Plate,
		strconv.FormatFloat(r.Confidence, 'f', 3, 64),
		r.Decision,
		r.PhotoURI,
	}
	for i, f := range fields {
		fields[i] = lineBreaks.Replace(Neutralize(f))
	}
	return fields
}

// lineBreaks makes every line break inside a value one LF, the only one a CSV value keeps.
var lineBreaks = strings.NewReplacer("\r\n", "\n", "\r", "\n")

// Neutralize prefixes a single quote to a value that a spreadsheet would execute as a formula.
func Neutralize(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}
