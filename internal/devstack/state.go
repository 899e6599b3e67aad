package devstack

import (
	"os"
	"path/filepath"
)

// The local stack keeps no state across starts: every server starts empty, Temporal included.
//
// Why none rather than all: the state is only consistent when every server keeps its part, and
// here that cannot be made to hold. The Firestore emulator keeps nothing unless it exports on exit
// (--export-on-exit), and it does not export when devstack stops it: SIGTERM or SIGINT to its
// process group (gcloud and its Java child, which is how devstack must stop it, process.go) ended
// it in under 2 s with nothing written (measured with the machine's emulator, 2026-12-01). A crash,
// a SIGKILL or a closed terminal would lose it too. The Pub/Sub emulator keeps no messages, so a
// photo stored just before a stop would lose its notification. Meanwhile a kept Temporal database
// brought back captures waiting for review whose photos and records were gone. A fresh stack per
// start is simple and always consistent; `make demo` uploads its own photos every time.
const StateNote = "nothing is kept between starts: Temporal, Firestore, Cloud Storage, Pub/Sub, the FTP folder and mailpit all start empty"

// stateFiles are what the servers keep under the stack's folder; forgetState removes them before
// any server starts. (The PostgreSQL cluster of --temporal postgres stays, but its Temporal
// databases are dropped and created again: temporalserver.go.)
var stateFiles = []string{
	"temporal.db", "temporal.db-wal", "temporal.db-shm", // the dev server's SQLite file in WAL mode
	"pubsub",                                         // the Pub/Sub emulator's --data-dir
	"mailpit.db", "mailpit.db-wal", "mailpit.db-shm", // sent alerts
	"ftp",               // the billing FTP server's files: batch numbers start again at 1 with Firestore
	"ftp-transfers.log", // and its account of uploads and renames
}

// forgetState removes what an earlier start of the stack in the same folder kept.
func (s *Stack) forgetState() error {
	for _, name := range stateFiles {
		if err := os.RemoveAll(filepath.Join(s.Dir, name)); err != nil {
			return err
		}
	}
	return nil
}
