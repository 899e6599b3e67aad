package devstack

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

func TestParseStat(t *testing.T) {
	// The command name may contain spaces and parentheses.
	state, pgrp, ok := parseStat("4242 (java (x) y) S 1 4200 4200 0 -1 4194560")
	if !ok || state != "S" || pgrp != 4200 {
		t.Fatalf("got %q %d %v", state, pgrp, ok)
	}
	if _, _, ok := parseStat("garbage"); ok {
		t.Fatal("garbage parsed")
	}
}

// A process group like gcloud's: the leader starts a child that ignores SIGTERM; Stop must not
// return while the child lives, and must kill it after the grace period.
func TestStopKillsTheWholeGroup(t *testing.T) {
	dir := t.TempDir()
	pidFile := filepath.Join(dir, "child.pid")
	p, err := StartProcess(ProcessSpec{
		Name: "test group", Path: "/bin/sh",
		Args:    []string{"-c", `sh -c 'trap "" TERM; echo $$ > ` + pidFile + `; while :; do sleep 0.1; done' & wait`},
		LogPath: filepath.Join(dir, "logs", "group.log"),
	})
	if err != nil {
		t.Fatal(err)
	}
	child := waitForPid(t, pidFile)
	if !groupAlive(p.Pid()) {
		t.Fatal("group not alive after start")
	}
	start := time.Now()
	if killed := p.Stop(300 * time.Millisecond); !killed {
		t.Fatal("a child that ignores SIGTERM needs SIGKILL")
	}
	if time.Since(start) < 300*time.Millisecond {
		t.Fatal("Stop returned before the grace period")
	}
	if groupAlive(p.Pid()) {
		t.Fatal("group still alive after Stop")
	}
	if _, err := os.Stat("/proc/" + strconv.Itoa(child)); err == nil {
		if stat, _ := os.ReadFile("/proc/" + strconv.Itoa(child) + "/stat"); !strings.Contains(string(stat), ") Z") {
			t.Fatalf("child %d survived: %s", child, stat)
		}
	}
}

func TestStopIsQuickForWellBehavedProcesses(t *testing.T) {
	dir := t.TempDir()
	p, err := StartProcess(ProcessSpec{Name: "sleeper", Path: "/bin/sleep", Args: []string{"30"},
		LogPath: filepath.Join(dir, "sleep.log")})
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	if p.Stop(5 * time.Second) {
		t.Fatal("sleep should stop on SIGTERM")
	}
	if d := time.Since(start); d > 2*time.Second {
		t.Fatalf("Stop took %s", d)
	}
	// Stopping again is harmless.
	if p.Stop(time.Second) {
		t.Fatal("second Stop killed something")
	}
	log, _ := os.ReadFile(filepath.Join(dir, "sleep.log"))
	if !strings.Contains(string(log), "/bin/sleep 30") {
		t.Fatalf("log does not record the command line: %q", log)
	}
}

func TestWaitReadyReportsEarlyExitWithLog(t *testing.T) {
	dir := t.TempDir()
	s := &Stack{Dir: dir}
	svc, err := s.launch("broken server", "broken", "127.0.0.1:1", ProcessSpec{
		Path: "/bin/sh", Args: []string{"-c", "echo 'FATAL: no Java runtime'; exit 3"},
	})
	if err != nil {
		t.Fatal(err)
	}
	err = s.waitReady(context.Background(), svc, 10*time.Second, func(context.Context) error {
		return errors.New("connection refused")
	})
	var se *ServiceError
	if !errors.As(err, &se) {
		t.Fatalf("got %v", err)
	}
	for _, want := range []string{"broken server: exited before it was ready (exit status 3)", "FATAL: no Java runtime"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error lacks %q:\n%v", want, err)
		}
	}
	s.Stop()
}

func TestFirstCausesDropsInducedCancellations(t *testing.T) {
	boom := errors.New("boom")
	if err := firstCauses([]error{nil, context.Canceled, boom}); err == nil || errors.Is(err, context.Canceled) || !errors.Is(err, boom) {
		t.Fatalf("got %v", err)
	}
	if err := firstCauses([]error{context.Canceled, nil}); !errors.Is(err, context.Canceled) {
		t.Fatalf("an interrupt must stay visible: %v", err)
	}
	if err := firstCauses([]error{nil, nil}); err != nil {
		t.Fatal(err)
	}
}

func waitForPid(t *testing.T, path string) int {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for time.Now().Before(deadline) {
		data, err := os.ReadFile(path)
		if pid, perr := strconv.Atoi(strings.TrimSpace(string(data))); err == nil && perr == nil {
			return pid
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatal("child did not start")
	return 0
}
