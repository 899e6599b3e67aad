package main

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/tollbooth/tollbooth/internal/devstack"
)

// A server's CPU includes children that left its process group (PostgreSQL's backends call setsid)
// and nothing of unrelated processes; a program started by the bench is accounted alone (the
// bench's own children are the workers, each accounted apart).
func TestMembersFollowChildrenOutOfTheGroup(t *testing.T) {
	procs := map[int]procStat{
		100: {ppid: 1, pgrp: 100},   // postmaster, leads its group
		101: {ppid: 100, pgrp: 101}, // backend in a session of its own
		102: {ppid: 101, pgrp: 101}, // its child
		200: {ppid: 1, pgrp: 200},   // another server
		300: {ppid: 1, pgrp: 1},     // the bench
		301: {ppid: 300, pgrp: 1},   // a worker it started
	}
	require.Equal(t, map[int]bool{100: true, 101: true, 102: true}, members(procs, cpuGroup{pgid: 100}))
	require.Equal(t, map[int]bool{300: true}, members(procs, cpuGroup{pid: 300}))
	require.Equal(t, map[int]bool{301: true}, members(procs, cpuGroup{pid: 301}))
}

// The server's cost per workflow and its share of the machine count PostgreSQL with the Temporal
// server (postgres mode) and nothing else: their quotient is the phase's throughput.
func TestServerCostCountsTheTemporalServerAndItsDatabase(t *testing.T) {
	res := &phaseResult{count: 100, cpu: cpuUsage{elapsed: 10 * time.Second, cpus: 2,
		seconds: map[string]float64{devstack.ServiceTemporal: 4, devstack.ServicePostgres: 1, "worker-1": 3, devstack.ServiceFirestore: 2}}}
	require.Equal(t, "50.0 ms", serverCPUPerWorkflow(res)) // 5 s for 100 workflows
	require.Equal(t, "25%", serverShare(res))              // 5 of 20 CPU-seconds
	res.cpu.seconds[devstack.ServicePostgres] = 0          // dev mode: no database process
	require.Equal(t, "40.0 ms", serverCPUPerWorkflow(res))
	// The report's rows say PostgreSQL is counted only where it runs.
	require.Equal(t, " (with PostgreSQL)", serverIncludes(string(devstack.TemporalPostgres)))
	require.Empty(t, serverIncludes(string(devstack.TemporalDev)))
}
