// Package recognition reads a capture's plate: it asks the recognizer (Google Cloud Vision, or a
// Vision-compatible server) for the photo's text and licence plates, then for the plate's enlarged
// crop, and judges each read with the safe auto-accept policy (internal/autoaccept). The worker's
// activities and `starter accuracy` both call this package, so what the accuracy tool measures is
// exactly what the worker does.
package recognition
