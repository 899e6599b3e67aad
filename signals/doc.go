// Package signals is the contract between tollbooth's workflows and the programs that talk to them
// (worker, trigger, starter, gateway): task queues, workflow ids, the names of updates, queries and
// signals, search attributes, and the payloads they carry. Each constant lives here once, so a client
// and a workflow can never disagree on a name.
package signals
