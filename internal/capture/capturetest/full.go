// Package capturetest builds capture records for tests.
package capturetest

import (
	"fmt"
	"reflect"
	"time"

	"github.com/tollbooth/tollbooth/internal/capture"
)

// FullRecord is a record with every field set to a distinct, non-zero value, found by reflection:
// a field added to capture.Record is set too, so a test that checks a FullRecord arrives whole
// somewhere proves that every field, present and future, arrives there. Times are whole
// microseconds in UTC (what Firestore keeps); the status is final and the capture id is 24 hex
// characters, as real ones are.
func FullRecord() capture.Record {
	var r capture.Record
	n := 0
	fill(reflect.ValueOf(&r).Elem(), &n)
	r.CaptureID = "0123456789abcdef01234567"
	r.Status = capture.StatusAccepted
	return r
}

var base = time.Date(2026, 11, 25, 17, 5, 1, 123456000, time.UTC)

// fill sets v to a value derived from *n, incremented for every leaf, so no two fields are equal.
func fill(v reflect.Value, n *int) {
	*n++
	switch {
	case v.Type() == reflect.TypeFor[time.Time]():
		v.Set(reflect.ValueOf(base.Add(time.Duration(*n) * time.Minute)))
		return
	case v.Type() == reflect.TypeFor[time.Duration]():
		v.SetInt(int64(*n) * int64(time.Second))
		return
	}
	switch v.Kind() {
	case reflect.String:
		v.SetString(fmt.Sprintf("v%02d-%s", *n, v.Type().Name()))
	case reflect.Bool:
		v.SetBool(true)
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		v.SetInt(int64(*n))
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		v.SetUint(uint64(*n))
	case reflect.Float32, reflect.Float64:
		v.SetFloat(float64(*n) + 0.25)
	case reflect.Struct:
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() {
				fill(v.Field(i), n)
			}
		}
	case reflect.Slice:
		s := reflect.MakeSlice(v.Type(), 2, 2)
		for i := range 2 {
			fill(s.Index(i), n)
		}
		v.Set(s)
	case reflect.Map:
		m := reflect.MakeMap(v.Type())
		k, e := reflect.New(v.Type().Key()).Elem(), reflect.New(v.Type().Elem()).Elem()
		fill(k, n)
		fill(e, n)
		m.SetMapIndex(k, e)
		v.Set(m)
	case reflect.Pointer:
		p := reflect.New(v.Type().Elem())
		fill(p.Elem(), n)
		v.Set(p)
	default:
		panic(fmt.Sprintf("capturetest: cannot fill a %s; teach fill this kind", v.Type()))
	}
}
