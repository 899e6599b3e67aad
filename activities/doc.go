// Package activities holds the capture workflow's side effects: reading the photo from storage, asking
// the recognizer for its text, and storing the record. Each activity is a method on a struct that
// holds its dependencies as small interfaces; the worker builds the production clients once, tests
// pass fakes.
package activities
