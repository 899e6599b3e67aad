package gateway

import (
	"bytes"
	"encoding/json"
	"fmt"
)

// jsonField is one field of a value as its JSON shows it, for the review page's "whole record".
type jsonField struct {
	Name, Value string
}

// jsonFieldsOf lists v's JSON fields in their order, each value as text (strings as they are, the
// rest as compact JSON). The review page lists a capture's whole record this way, so a field added
// to capture.Record is on the page with no template edit.
func jsonFieldsOf(v any) ([]jsonField, error) {
	b, err := json.Marshal(v)
	if err != nil {
		return nil, err
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	if t, err := dec.Token(); err != nil || t != json.Delim('{') {
		return nil, fmt.Errorf("%T is not a JSON object", v)
	}
	var out []jsonField
	for dec.More() {
		key, err := dec.Token()
		if err != nil {
			return nil, err
		}
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			return nil, err
		}
		value := string(raw)
		var s string
		if json.Unmarshal(raw, &s) == nil {
			value = s
		}
		out = append(out, jsonField{Name: key.(string), Value: value})
	}
	return out, nil
}
