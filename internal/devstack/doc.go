// Package devstack starts tollbooth's local stack for real: the Temporal dev server, the Firestore and
// Pub/Sub emulators shipped with gcloud, fake-gcs-server publishing upload notifications to Pub/Sub,
// and the Vision-API-compatible server in tools/visionserver.
//
// tools/devstack is its command line (`make demo`, `make test`, `make bench`); Go tests and the
// benchmark can use the package directly:
//
//	ports, err := devstack.FreePorts()
//	stack, err := devstack.Start(ctx, devstack.Options{Dir: t.TempDir(), Ports: ports})
//	defer stack.Stop()
//	env := stack.Env() // TEMPORAL_ADDRESS, FIRESTORE_EMULATOR_HOST, ...
//
// Every server runs as a child process in its own process group (gcloud starts the emulators as
// child Java processes), writes its log to DIR/logs/NAME.log and is stopped by signalling the whole
// group. The package uses the standard library only, so it builds whatever state go.mod is in.
package devstack
