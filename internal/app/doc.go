// Package app builds tollbooth's programs from configuration: the Temporal client, the Google Cloud
// clients, the worker and the upload trigger. The main packages stay thin and tests can run the same
// pieces in-process.
package app
