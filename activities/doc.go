// Package activities holds the workflows' side effects: checking a photo (Photos), asking the
// recognizer for its text (Recognizer), storing a capture's record (Records), the export steps
// (Exporter), measuring the pipeline for its alerts (Monitoring) and sending alerts (Alerting).
// Each activity is a method on a struct that holds its dependencies as small interfaces; the worker
// builds the production clients once, tests pass fakes. Activity type names are the method names:
// they are in recorded histories, never rename one.
package activities
