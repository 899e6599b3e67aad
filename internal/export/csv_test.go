package export

import (
	"encoding/csv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/tollbooth/tollbooth/internal/capture"
)

func rec(id string) capture.Record {
	return capture.Record{CaptureID: id, BoothID: "north-01", CaptureTime: time.Date(2026, 11, 25, 9, 14, 3, 500, time.FixedZone("X", 3600)),
		Plate: "7ABC123", Confidence: 0.93456, Decision: "auto", PhotoURI: "gs://tollbooth-photos/photos/north-01/a.jpg"}
}

func TestCSVHeaderAndRow(t *testing.T) {
	out, err := CSV([]capture.Record{rec("c1")})
	if err != nil {
		t.Fatal(err)
	}
	want := "capture_id,booth_id,capture_time,plate,confidence,decision,photo_uri\r\n" +
		"c1,north-01,2026-11-25T08:14:03Z,7ABC123,0.935,auto,gs://tollbooth-photos/photos/north-01/a.jpg\r\n"
	if string(out) != want {
		t.Fatalf("got\n%q\nwant\n%q", out, want)
	}
}

func TestCSVQuotingCommasQuotesAndLineBreaks(t *testing.T) {
	r := rec("c2")
	r.Decision = `reviewer:o"brien, jr`
	r.PhotoURI = "gs://b/a,b.jpg"
	r.BoothID = "line\nbreak"
	out, err := CSV([]capture.Record{r})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(out), `"reviewer:o""brien, jr"`) || !strings.Contains(string(out), `"gs://b/a,b.jpg"`) ||
		!strings.Contains(string(out), "\"line\r\nbreak\"") {
		t.Fatalf("not quoted per RFC 4180:\n%s", out)
	}
	rows, err := csv.NewReader(strings.NewReader(string(out))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 2 || rows[1][5] != r.Decision || rows[1][6] != r.PhotoURI || rows[1][1] != r.BoothID {
		t.Fatalf("round trip: %q", rows)
	}
}

func TestCSVNeutralizesFormulaPrefixes(t *testing.T) {
	for _, v := range []string{"=HYPERLINK(\"x\")", "+1", "-2+3", "@SUM(A1)", "\tx", "\rx"} {
		got := Neutralize(v)
		if got != "'"+v {
			t.Errorf("Neutralize(%q) = %q", v, got)
		}
	}
	for _, v := range []string{"7ABC123", "", "a=b", "reviewer:alice"} {
		if got := Neutralize(v); got != v {
			t.Errorf("Neutralize(%q) = %q, want unchanged", v, got)
		}
	}
	r := rec("=cmd|' /C calc'!A0")
	r.Decision = "@evil"
	out, _ := CSV([]capture.Record{r})
	rows, _ := csv.NewReader(strings.NewReader(string(out))).ReadAll()
	if rows[1][0] != "'=cmd|' /C calc'!A0" || rows[1][5] != "'@evil" {
		t.Fatalf("row %q", rows[1])
	}
}

func TestCSVUTF8(t *testing.T) {
	r := rec("c3")
	r.BoothID = "süd-01"
	r.Decision = "reviewer:zoë"
	out, err := CSV([]capture.Record{r})
	if err != nil {
		t.Fatal(err)
	}
	if !utf8.Valid(out) || !strings.Contains(string(out), "süd-01") || !strings.Contains(string(out), "reviewer:zoë") {
		t.Fatalf("not UTF-8 as given: %q", out)
	}
	if strings.HasPrefix(string(out), "\uFEFF") {
		t.Fatal("no byte-order mark: the billing system reads plain UTF-8")
	}
}
