// Package ingest starts capture workflows: from the bucket's upload notifications (the serverless
// trigger), and directly from the starter for backfills. Every path derives the workflow id from the
// photo, so starting twice for one photo is harmless.
package ingest
