package main

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/tollbooth/tollbooth/internal/synth"
)

func record(t *testing.T, js string) truthRecord {
	t.Helper()
	var r truthRecord
	require.NoError(t, json.Unmarshal([]byte(js), &r))
	return r
}

func TestTruthCheckCountsExactReadsAndCatchesAWrongAutoAccept(t *testing.T) {
	samples := []synth.Sample{{File: "a.jpg", Plate: "7ABC123"}, {File: "b.jpg", Plate: "Y9NVGG3"},
		{File: "c.jpg", Plate: "KDA1234"}, {File: "d.jpg", Plate: "BUG2145"}}
	idOf := map[string]string{"a.jpg": "A", "b.jpg": "B", "c.jpg": "C", "d.jpg": "D", "unreadable.jpg": "U"}
	records := map[string]truthRecord{
		"A": record(t, `{"capture_id":"A","status":"accepted","plate":"7ABC123","reads":[{"plate":"7ABC123"},{"plate":"7ABC123"}]}`),
		"B": record(t, `{"capture_id":"B","status":"accepted","plate":"YONVGG3","reads":[{"plate":"YONVGG3"}]}`),
		"C": record(t, `{"capture_id":"C","status":"awaiting_review","reason_code":"confusable-character","reads":[{"plate":"KDA1234"}]}`),
		"D": record(t, `{"capture_id":"D","status":"awaiting_review","reason_code":"no-plate-found"}`),
	}
	c, err := compareTruth(samples, idOf, records)
	require.NoError(t, err)
	require.Equal(t, 4, c.photos)
	require.Equal(t, 2, c.exact, "A and C were read exactly; B was not, D had no read")
	require.Equal(t, 2, c.accepted)
	require.Equal(t, []string{"b.jpg: accepted YONVGG3, the plate is Y9NVGG3"}, c.wrong)
	require.Equal(t, "truth check: 2 of 4 photos read exactly; 2 auto-accepted, 1 of them wrong; 2 sent to a person "+
		"(confusable-character 1, no-plate-found 1)", c.String())

	delete(records, "D")
	_, err = compareTruth(samples, idOf, records)
	require.ErrorContains(t, err, "no record for d.jpg")
}
