// Package workflows holds tollbooth's Temporal workflows. They are deterministic: every side effect
// is an activity (package activities), every name they share with clients is in package signals.
package workflows
