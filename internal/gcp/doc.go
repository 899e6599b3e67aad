// Package gcp adapts Google Cloud's clients (Vision, Firestore, Cloud Storage, Pub/Sub) to the small
// interfaces the activities and the trigger use. The same code talks to the cloud and to the local
// stack's emulators; only addresses differ (internal/config).
package gcp
