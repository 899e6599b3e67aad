// Command worker runs tollbooth's Temporal workers: capture workflows with their storage and database
// activities, and the rate-limited Vision activities. Configuration comes from the environment (see
// README); with none it serves the local stack of `make demo`. It stops cleanly on SIGINT or SIGTERM.
package main

import "github.com/tollbooth/tollbooth/internal/app"

func main() { app.Main("worker", app.WorkerProgram(app.CloudStores)) }
