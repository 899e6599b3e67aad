package main

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/tollbooth/tollbooth/internal/devstack"
)

// CPU accounting from /proc, to show where the machine's time goes during a phase: each server of
// the stack (a process group: the JVM emulators are gcloud's children), each program the bench
// started, the bench itself, and everything else on the machine (other people's work).

// clockTicks is USER_HZ, the unit of /proc's CPU times; 100 on Linux everywhere that matters.
const clockTicks = 100

// cpuGroup is one accounted party: a process group (pgid > 0) or a single process (pid > 0).
type cpuGroup struct {
	name string
	pgid int
	pid  int
}

// cpuReading is CPU seconds by party and for the whole machine at one moment.
type cpuReading struct {
	at      time.Time
	seconds map[string]float64
	busy    float64 // machine: all CPUs, busy seconds since boot
}

// cpuUsage is what each party used between two readings.
type cpuUsage struct {
	elapsed time.Duration
	cpus    int
	seconds map[string]float64
	order   []string
	busy    float64 // machine, all parties
}

// cpuGroups are the stack's servers (from its pids file), the given programs and the bench.
func (r *spikeRun) cpuGroups(programs []*proc) []cpuGroup {
	var groups []cpuGroup
	if r.stackDir != "" {
		_, entries := devstack.ReadPidsFile(filepath.Join(r.stackDir, "pids"))
		for _, e := range entries {
			groups = append(groups, cpuGroup{name: e.Name, pgid: e.Pgid})
		}
	}
	for _, p := range programs {
		groups = append(groups, cpuGroup{name: p.name, pid: p.cmd.Process.Pid})
	}
	return append(groups, cpuGroup{name: "bench (uploads, sampling)", pid: os.Getpid()})
}

func readCPU(groups []cpuGroup) cpuReading {
	r := cpuReading{at: time.Now(), seconds: map[string]float64{}, busy: machineBusy()}
	procs := readProcs()
	for _, g := range groups {
		for pid := range members(procs, g) {
			r.seconds[g.name] += procs[pid].seconds
		}
	}
	return r
}

// procStat is what readCPU needs of one process.
type procStat struct {
	ppid, pgrp int
	seconds    float64 // user + system CPU
}

func readProcs() map[int]procStat {
	out := map[int]procStat{}
	entries, _ := os.ReadDir("/proc")
	for _, e := range entries {
		pid, err := strconv.Atoi(e.Name())
		if err != nil {
			continue
		}
		stat, err := os.ReadFile(filepath.Join("/proc", e.Name(), "stat"))
		if err != nil {
			continue
		}
		f := statFields(string(stat))
		if len(f) < 13 { // state ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt utime stime
			continue
		}
		ppid, _ := strconv.Atoi(f[1])
		pgrp, _ := strconv.Atoi(f[2])
		utime, _ := strconv.ParseFloat(f[11], 64)
		stime, _ := strconv.ParseFloat(f[12], 64)
		out[pid] = procStat{ppid: ppid, pgrp: pgrp, seconds: (utime + stime) / clockTicks}
	}
	return out
}

// members are the processes of a party: a server's process group and every descendant, since some
// servers put their children in groups of their own (PostgreSQL's backends call setsid); a program
// alone (the bench's children are the workers, accounted apart).
func members(procs map[int]procStat, g cpuGroup) map[int]bool {
	set := map[int]bool{}
	for pid, p := range procs {
		if (g.pgid > 0 && p.pgrp == g.pgid) || (g.pid > 0 && pid == g.pid) {
			set[pid] = true
		}
	}
	for grew := g.pgid > 0; grew; {
		grew = false
		for pid, p := range procs {
			if !set[pid] && set[p.ppid] {
				set[pid] = true
				grew = true
			}
		}
	}
	return set
}

// since is the usage from before to r, parties in the order of the groups given to readCPU.
func (r cpuReading) since(before cpuReading) cpuUsage {
	u := cpuUsage{elapsed: r.at.Sub(before.at), cpus: onlineCPUs(), seconds: map[string]float64{}, busy: r.busy - before.busy}
	for name, s := range r.seconds {
		u.seconds[name] = max(0, s-before.seconds[name])
		u.order = append(u.order, name)
	}
	slices.SortFunc(u.order, func(a, b string) int {
		switch {
		case u.seconds[a] > u.seconds[b]:
			return -1
		case u.seconds[a] < u.seconds[b]:
			return 1
		}
		return strings.Compare(a, b)
	})
	return u
}

// capacity is the machine's CPU seconds over the phase.
func (u cpuUsage) capacity() float64 { return u.elapsed.Seconds() * float64(u.cpus) }

// others is the machine's busy time that none of the accounted parties used.
func (u cpuUsage) others() float64 {
	ours := 0.0
	for _, s := range u.seconds {
		ours += s
	}
	return max(0, u.busy-ours)
}

// sum adds the seconds of the parties whose name starts with prefix ("worker-").
func (u cpuUsage) sum(prefix string) float64 {
	total := 0.0
	for name, s := range u.seconds {
		if strings.HasPrefix(name, prefix) {
			total += s
		}
	}
	return total
}

// machineBusy is the machine's busy CPU seconds since boot (all CPUs; idle and iowait excluded).
func machineBusy() float64 {
	f, err := os.Open("/proc/stat")
	if err != nil {
		return 0
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	if !sc.Scan() {
		return 0
	}
	fields := strings.Fields(sc.Text()) // cpu user nice system idle iowait irq softirq steal ...
	total := 0.0
	for i, v := range fields[1:] {
		n, _ := strconv.ParseFloat(v, 64)
		if i == 3 || i == 4 || i >= 7 { // idle, iowait, steal; guest times are already in user
			continue
		}
		total += n
	}
	return total / clockTicks
}

func onlineCPUs() int {
	data, err := os.ReadFile("/proc/stat")
	if err != nil {
		return 1
	}
	n := 0
	for line := range strings.SplitSeq(string(data), "\n") {
		if strings.HasPrefix(line, "cpu") && len(line) > 3 && line[3] >= '0' && line[3] <= '9' {
			n++
		}
	}
	return max(1, n)
}

// statFields splits /proc/PID/stat after the command name, which may hold spaces: fields[0] is the
// state.
func statFields(stat string) []string {
	i := strings.LastIndexByte(stat, ')')
	if i < 0 {
		return nil
	}
	return strings.Fields(stat[i+1:])
}

// loadAverage is /proc/loadavg's three load averages, as uptime prints them.
func loadAverage() string {
	data, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "unknown"
	}
	f := strings.Fields(string(data))
	if len(f) < 3 {
		return "unknown"
	}
	return fmt.Sprintf("%s, %s, %s", f[0], f[1], f[2])
}
