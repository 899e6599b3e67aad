package gateway

import (
	_ "embed"
	"net/http"

	"github.com/tollbooth/tollbooth/internal/apikeys"
)

// openAPISource is the API's OpenAPI 3 document as written.
//
//go:embed openapi.yaml
var openAPISource []byte

// openAPI is the document served at /v1/openapi.yaml: the source with the capture's schemas made
// from its Go type (openapi_schema.go). openapi_test.go checks that it and the routes agree.
var openAPI = func() []byte {
	doc, err := withGeneratedSchemas(openAPISource)
	if err != nil {
		panic("internal/gateway/openapi.yaml: " + err.Error())
	}
	return doc
}()

func serveOpenAPI(w http.ResponseWriter, _ *http.Request, _ apikeys.Key) {
	w.Header().Set("Content-Type", "application/yaml")
	w.Header().Set("Cache-Control", "public, max-age=300")
	_, _ = w.Write(openAPI)
}
