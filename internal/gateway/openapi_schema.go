package gateway

import (
	"bytes"
	"fmt"
	"reflect"
	"strings"
	"time"

	"gopkg.in/yaml.v3"

	"github.com/tollbooth/tollbooth/signals"
)

// generatedSchemas are the OpenAPI component schemas made from Go types rather than written by
// hand: the capture is capture.Record (in signals.CaptureState), so a field added to the record is
// documented, like it is stored, queried and served, with no other edit. A struct type inside one
// becomes a component of its own, named after the type. What openapi.yaml says of such a schema or
// of one of its properties (description, enum, example) is kept; the properties, their types and
// the required list come from the type.
var generatedSchemas = map[string]reflect.Type{
	"Capture": reflect.TypeFor[signals.CaptureState](),
}

// withGeneratedSchemas returns the YAML document with the generated schemas put in.
func withGeneratedSchemas(doc []byte) ([]byte, error) {
	var root yaml.Node
	if err := yaml.Unmarshal(doc, &root); err != nil {
		return nil, err
	}
	schemas := mapGet(mapGet(root.Content[0], "components"), "schemas")
	if schemas == nil {
		return nil, fmt.Errorf("openapi.yaml has no components.schemas")
	}
	g := schemaGen{schemas: schemas, named: map[reflect.Type]string{}}
	for name, t := range generatedSchemas {
		g.named[t] = name
	}
	for name, t := range generatedSchemas {
		g.object(name, t)
	}
	var out bytes.Buffer
	enc := yaml.NewEncoder(&out)
	enc.SetIndent(2)
	if err := enc.Encode(&root); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}

type schemaGen struct {
	schemas *yaml.Node              // components.schemas
	named   map[reflect.Type]string // struct types made into components, by name
}

// object makes (or remakes) the component schema name from the struct type t.
func (g *schemaGen) object(name string, t reflect.Type) {
	g.named[t] = name
	old := mapGet(g.schemas, name)
	s := mapping()
	keepExtras(s, old, "type", "properties", "required")
	mapSet(s, "type", scalar("object"))
	props, required := mapping(), seq()
	for _, f := range jsonStructFields(t) {
		p := g.schema(f.typ)
		keepExtras(p, mapGet(mapGet(old, "properties"), f.name), "type", "format", "items", "$ref", "additionalProperties")
		mapSet(props, f.name, p)
		if !f.omitted {
			required.Content = append(required.Content, scalar(f.name))
		}
	}
	if len(required.Content) > 0 {
		mapSet(s, "required", required)
	}
	mapSet(s, "properties", props)
	mapSet(g.schemas, name, s)
}

// schema is the schema of a property of type t; a struct is a reference to its component.
func (g *schemaGen) schema(t reflect.Type) *yaml.Node {
	switch t {
	case reflect.TypeFor[time.Time]():
		return flow("type", "string", "format", "date-time")
	case reflect.TypeFor[time.Duration]():
		return flow("type", "integer", "description", "nanoseconds")
	}
	switch t.Kind() {
	case reflect.Pointer:
		return g.schema(t.Elem())
	case reflect.String:
		return flow("type", "string")
	case reflect.Bool:
		return flow("type", "boolean")
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return flow("type", "integer")
	case reflect.Float32, reflect.Float64:
		return flow("type", "number")
	case reflect.Slice, reflect.Array:
		s := mapping()
		mapSet(s, "type", scalar("array"))
		mapSet(s, "items", g.schema(t.Elem()))
		return s
	case reflect.Map:
		s := mapping()
		mapSet(s, "type", scalar("object"))
		mapSet(s, "additionalProperties", g.schema(t.Elem()))
		return s
	case reflect.Struct:
		name, ok := g.named[t]
		if !ok {
			name = t.Name()
			g.object(name, t)
		}
		return flow("$ref", "#/components/schemas/"+name)
	}
	panic(fmt.Sprintf("openapi: no schema for %s; teach schemaGen this kind", t))
}

// jsonStructField is one field of a struct as encoding/json writes it.
type jsonStructField struct {
	name    string
	typ     reflect.Type
	omitted bool // omitempty or omitzero: not always present
}

// jsonStructFields lists t's JSON fields in order, the fields of an embedded struct in its place.
func jsonStructFields(t reflect.Type) []jsonStructField {
	var out []jsonStructField
	for f := range t.Fields() {
		tag := f.Tag.Get("json")
		if tag == "-" {
			continue
		}
		name, opts, _ := strings.Cut(tag, ",")
		if f.Anonymous && name == "" && f.Type.Kind() == reflect.Struct {
			out = append(out, jsonStructFields(f.Type)...)
			continue
		}
		if !f.IsExported() {
			continue
		}
		if name == "" {
			name = f.Name
		}
		out = append(out, jsonStructField{name: name, typ: f.Type,
			omitted: strings.Contains(opts, "omitempty") || strings.Contains(opts, "omitzero")})
	}
	return out
}

// keepExtras copies into s the keys of old that the generator does not own.
func keepExtras(s, old *yaml.Node, owned ...string) {
	if old == nil || old.Kind != yaml.MappingNode {
		return
	}
	for i := 0; i+1 < len(old.Content); i += 2 {
		k := old.Content[i].Value
		if !contains(owned, k) {
			mapSet(s, k, old.Content[i+1])
		}
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func mapGet(m *yaml.Node, key string) *yaml.Node {
	if m == nil || m.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			return m.Content[i+1]
		}
	}
	return nil
}

func mapSet(m *yaml.Node, key string, v *yaml.Node) {
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			m.Content[i+1] = v
			return
		}
	}
	m.Content = append(m.Content, scalar(key), v)
}

func mapping() *yaml.Node { return &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map"} }
func seq() *yaml.Node {
	return &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq", Style: yaml.FlowStyle}
}
func scalar(v string) *yaml.Node {
	return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: v}
}

// flow is a one-line mapping of the key, value pairs: { type: string }.
func flow(kv ...string) *yaml.Node {
	m := mapping()
	m.Style = yaml.FlowStyle
	for i := 0; i+1 < len(kv); i += 2 {
		mapSet(m, kv[i], scalar(kv[i+1]))
	}
	return m
}
