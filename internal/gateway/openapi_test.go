package gateway

import (
	"encoding/json"
	"net/http"
	"reflect"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
	"gopkg.in/yaml.v3"

	"github.com/tollbooth/tollbooth/internal/apikeys"
	"github.com/tollbooth/tollbooth/internal/capture"
	"github.com/tollbooth/tollbooth/internal/export"
	"github.com/tollbooth/tollbooth/signals"
)

type openAPIDoc struct {
	OpenAPI    string                          `yaml:"openapi"`
	Paths      map[string]map[string]openAPIOp `yaml:"paths"`
	Components struct {
		Schemas   map[string]openAPISchema `yaml:"schemas"`
		Responses map[string]struct {
			Content map[string]struct {
				Schema openAPISchema `yaml:"schema"`
			} `yaml:"content"`
		} `yaml:"responses"`
	} `yaml:"components"`
}

type openAPIOp struct {
	Scopes    []string                   `yaml:"x-scopes"`
	Security  *[]map[string][]string     `yaml:"security"`
	Responses map[string]openAPIResponse `yaml:"responses"`
	Params    []struct {
		Name string `yaml:"name"`
		In   string `yaml:"in"`
	} `yaml:"parameters"`
	RequestBody struct {
		Content map[string]struct {
			Schema openAPISchema `yaml:"schema"`
		} `yaml:"content"`
	} `yaml:"requestBody"`
}

type openAPIResponse struct {
	Ref     string `yaml:"$ref"`
	Content map[string]struct {
		Schema openAPISchema `yaml:"schema"`
	} `yaml:"content"`
}

type openAPISchema struct {
	Ref        string                   `yaml:"$ref"`
	Required   []string                 `yaml:"required"`
	Properties map[string]openAPISchema `yaml:"properties"`
}

func loadOpenAPI(t *testing.T) openAPIDoc {
	t.Helper()
	var doc openAPIDoc
	require.NoError(t, yaml.Unmarshal(openAPI, &doc))
	require.True(t, strings.HasPrefix(doc.OpenAPI, "3."), "an OpenAPI 3 document")
	return doc
}

// Every route is in the document with its scopes, and every documented operation is a route.
func TestOpenAPIDocumentsEveryRouteAndNoOther(t *testing.T) {
	doc := loadOpenAPI(t)
	a := &API{}
	documented := map[string]bool{}
	for path, ops := range doc.Paths {
		for method := range ops {
			documented[strings.ToUpper(method)+" "+path] = true
		}
	}
	for _, rt := range a.routes() {
		key := rt.method + " " + rt.pattern
		require.True(t, documented[key], "%s is served but not in openapi.yaml", key)
		delete(documented, key)
		op := doc.Paths[rt.pattern][strings.ToLower(rt.method)]
		if rt.public {
			require.Equal(t, []string{"public"}, op.Scopes, key)
			require.NotNil(t, op.Security, "%s: a public route says security: []", key)
			require.Empty(t, *op.Security, key)
		} else {
			require.Equal(t, scopesString(rt.scopes), scopesString(toScopes(op.Scopes)), "%s: x-scopes", key)
			require.Nil(t, op.Security, "%s needs the API key (the document's default security)", key)
			for _, code := range []string{"401", "403", "429"} {
				require.Contains(t, op.Responses, code, "%s documents %s", key, code)
			}
		}
		// Path parameters in the pattern are the documented ones.
		for _, seg := range strings.Split(rt.pattern, "/") {
			if strings.HasPrefix(seg, "{") {
				name := strings.Trim(seg, "{}")
				require.True(t, slices.ContainsFunc(op.Params, func(p struct {
					Name string `yaml:"name"`
					In   string `yaml:"in"`
				}) bool {
					return p.Name == name && p.In == "path"
				}), "%s: path parameter %s", key, name)
			}
		}
	}
	require.Empty(t, documented, "documented but not served")
}

// The documented schemas name exactly the fields the Go types encode, and required fields are
// always encoded (not omitempty).
func TestOpenAPISchemasMatchTheResponseTypes(t *testing.T) {
	doc := loadOpenAPI(t)
	types := map[string]reflect.Type{
		"Error": reflect.TypeFor[ErrorResponse](), "Health": reflect.TypeFor[Health](),
		"SubmitResponse": reflect.TypeFor[SubmitResponse](), "Capture": reflect.TypeFor[signals.CaptureState](),
		"CaptureList": reflect.TypeFor[CaptureList](), "PlateCapture": reflect.TypeFor[PlateCapture](),
		"PlateCaptureList": reflect.TypeFor[PlateCaptureList](), "ExportBatch": reflect.TypeFor[export.Batch](),
		"ExportList": reflect.TypeFor[ExportList](), "ReprocessResponse": reflect.TypeFor[ReprocessResponse](),
		"ReprocessRefusal": reflect.TypeFor[ReprocessRefusal](), "Candidate": reflect.TypeFor[capture.Candidate](),
		"RefusedSignal": reflect.TypeFor[signals.RefusedSignal](), "ReviewDecision": reflect.TypeFor[signals.ReviewDecision](),
	}
	for name, typ := range types {
		s, ok := doc.Components.Schemas[name]
		require.True(t, ok, "schema %s", name)
		fields := jsonFields(typ)
		var names []string
		for n := range fields {
			names = append(names, n)
		}
		var props []string
		for n := range s.Properties {
			props = append(props, n)
		}
		sort.Strings(names)
		sort.Strings(props)
		require.Equal(t, names, props, "schema %s: properties vs %s's JSON fields", name, typ)
		for _, req := range s.Required {
			require.False(t, fields[req], "schema %s: required field %s is omitempty in %s", name, req, typ)
		}
	}
	// The success response of each JSON route names the schema of what the handler writes.
	want := map[string]string{
		"GET /healthz": "Health", "GET /readyz": "Health", "POST /v1/captures": "SubmitResponse",
		"GET /v1/captures": "CaptureList", "GET /v1/captures/{id}": "Capture",
		"GET /v1/plates/{plate}/captures": "PlateCaptureList", "GET /v1/exports": "ExportList",
		"POST /v1/captures/{id}/reprocess": "ReprocessResponse",
	}
	for key, schema := range want {
		method, path, _ := strings.Cut(key, " ")
		op := doc.Paths[path][strings.ToLower(method)]
		code := "200"
		if method == http.MethodPost {
			code = "202"
		}
		resp, ok := op.Responses[code]
		require.True(t, ok, "%s documents %s", key, code)
		require.Equal(t, "#/components/schemas/"+schema, resp.Content["application/json"].Schema.Ref, key)
	}
	// The submission form's fields are the ones the handler reads.
	form := doc.Paths["/v1/captures"]["post"].RequestBody.Content["multipart/form-data"].Schema
	require.ElementsMatch(t, []string{"photo", "booth_id", "capture_time"}, form.Required)
}

// A response from the running API decodes with every required field of its schema present.
func TestOpenAPIRequiredFieldsArePresentInResponses(t *testing.T) {
	doc := loadOpenAPI(t)
	ta := newTestAPI(t, testLimits())
	_, op := ta.issue(t, apikeys.ScopeOperator)
	_, cust := ta.issue(t, apikeys.ScopeCustomer, "7ABC123")
	sub := ta.submit(t, op, "north-01", "2026-11-25T17:05:00Z", testJPEG(t, 4))
	check := func(schema, body string) {
		t.Helper()
		var m map[string]any
		require.NoError(t, json.Unmarshal([]byte(body), &m), body)
		for _, f := range doc.Components.Schemas[schema].Required {
			require.Contains(t, m, f, "%s in %s", f, body)
		}
	}
	check("SubmitResponse", sub.body)
	var s SubmitResponse
	require.NoError(t, json.Unmarshal([]byte(sub.body), &s))
	check("Capture", ta.get(t, "/v1/captures/"+s.CaptureID, op).body)
	check("CaptureList", ta.get(t, "/v1/captures", op).body)
	check("PlateCaptureList", ta.get(t, "/v1/plates/7ABC123/captures", cust).body)
	check("ExportList", ta.get(t, "/v1/exports", op).body)
	check("Health", ta.get(t, "/readyz", "").body)
	check("Error", ta.get(t, "/v1/exports", "").body)

	served := ta.get(t, "/v1/openapi.yaml", "")
	require.Equal(t, http.StatusOK, served.status)
	require.Equal(t, string(openAPI), served.body)
	require.Contains(t, served.body, "reason_code:", "the capture's schema is generated from capture.Record")
}

func toScopes(s []string) []apikeys.Scope {
	out := make([]apikeys.Scope, len(s))
	for i, x := range s {
		out[i] = apikeys.Scope(x)
	}
	return out
}

// jsonFields maps a struct's JSON field names to whether they are omitted when empty.
func jsonFields(t reflect.Type) map[string]bool {
	out := map[string]bool{}
	for _, f := range jsonStructFields(t) {
		out[f.name] = f.omitted
	}
	return out
}
