// Package ingest reads the photo bucket's upload notifications (the serverless trigger) and starts
// a capture workflow for each new photo through the capture client. Every path derives the workflow
// id from the photo, so starting twice for one photo is harmless.
package ingest
