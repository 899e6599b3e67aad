// Package e2e holds the end-to-end tests: photos go into the emulated bucket and come out as records
// in the Firestore emulator, through the real Temporal dev server, Pub/Sub emulator and local Vision
// server. They run under the build tag "integration" inside `devstack exec`, which starts the stack
// and passes its addresses through the environment (make test does both).
package e2e
