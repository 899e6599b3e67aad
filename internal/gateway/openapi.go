package gateway

import (
	_ "embed"
	"net/http"

	"github.com/tollbooth/tollbooth/internal/apikeys"
)

// openAPI is the API's OpenAPI 3 document, served at /v1/openapi.yaml; openapi_test.go checks that
// it and the routes agree.
//
//go:embed openapi.yaml
var openAPI []byte

func serveOpenAPI(w http.ResponseWriter, _ *http.Request, _ apikeys.Key) {
	w.Header().Set("Content-Type", "application/yaml")
	w.Header().Set("Cache-Control", "public, max-age=300")
	_, _ = w.Write(openAPI)
}
