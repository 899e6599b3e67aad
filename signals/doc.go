// Package signals is the contract between the capture workflow and the programs that talk to it
// (trigger, gateway, starter, the Temporal Web UI): task queues, workflow ids and type names, the
// review-decision update and signal, the capture-state query, their payloads, the typed errors a
// refused decision comes back as, and search attributes. The capture itself is one type,
// capture.Record, which CaptureState embeds. Each name lives here once, so a client and a workflow
// can never disagree on it; internal/captureclient is the one client built on it.
package signals
