package gateway

import (
	"crypto/rand"
	"encoding/json"
	"net/http"
)

func randomToken() string { return rand.Text() }

func writeJSON(w http.ResponseWriter, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	_ = json.NewEncoder(w).Encode(v)
}
