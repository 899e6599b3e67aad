// Package capture holds tollbooth's domain types: how a capture is identified, where its photo is
// stored, which booth ids are valid, and the record kept for it in Firestore.
package capture
