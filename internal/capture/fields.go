package capture

import (
	"reflect"
	"slices"
	"strings"
)

// FieldExportBatch is the record field that names the export batch holding the record. The capture
// workflow writes it once, empty, when the record is created; afterwards only the exporter does.
const FieldExportBatch = "export_batch"

// FieldName is the Firestore name of a Record field, from its firestore tag: the one place queries
// and updates take field names from. It panics on a name that is no field, so a typo fails at once.
func FieldName(goName string) string {
	f, ok := reflect.TypeFor[Record]().FieldByName(goName)
	if !ok {
		panic("capture.Record has no field " + goName)
	}
	return firestoreName(f)
}

// StoredFields are the document fields a save of the record writes: every firestore-tagged field of
// Record except the exporter's (FieldExportBatch). A save merges only these, so other writers'
// fields (the export marks) are left alone, and a field added to Record is stored with no other edit.
var StoredFields = func() []string {
	var names []string
	for f := range reflect.TypeFor[Record]().Fields() {
		if n := firestoreName(f); n != "" && n != FieldExportBatch {
			names = append(names, n)
		}
	}
	return slices.Clip(names)
}()

func firestoreName(f reflect.StructField) string {
	name, _, _ := strings.Cut(f.Tag.Get("firestore"), ",")
	if name == "-" {
		return ""
	}
	if name == "" {
		return f.Name // how the Firestore client names an untagged field
	}
	return name
}
