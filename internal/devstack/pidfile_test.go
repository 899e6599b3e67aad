package devstack

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestLeftoverHintNamesOrphanedGroups(t *testing.T) {
	dir := t.TempDir()
	// A server whose devstack is gone.
	orphan, err := StartProcess(ProcessSpec{Name: "orphan", Path: "/bin/sleep", Args: []string{"30"}, LogPath: filepath.Join(dir, "o.log")})
	if err != nil {
		t.Fatal(err)
	}
	defer orphan.Stop(time.Second)
	// A pid that no longer runs stands for the dead devstack.
	dead := exec.Command("/bin/true")
	if err := dead.Run(); err != nil {
		t.Fatal(err)
	}
	content := fmt.Sprintf("devstack %d\n%d Firestore emulator\n999999999 long gone\n", dead.Process.Pid, orphan.Pid())
	os.WriteFile(filepath.Join(dir, "pids"), []byte(content), 0o644)

	hint := leftoverHint(dir)
	for _, want := range []string{"Firestore emulator", fmt.Sprintf("kill -- -%d", orphan.Pid())} {
		if !strings.Contains(hint, want) {
			t.Errorf("hint lacks %q: %q", want, hint)
		}
	}
	if strings.Contains(hint, "long gone") {
		t.Errorf("hint names a group that is not running: %q", hint)
	}

	// While its devstack runs (here: this test process), nothing is left over.
	content = fmt.Sprintf("devstack %d\n%d Firestore emulator\n", os.Getpid(), orphan.Pid())
	os.WriteFile(filepath.Join(dir, "pids"), []byte(content), 0o644)
	if hint := leftoverHint(dir); hint != "" {
		t.Errorf("a running devstack's servers are not leftovers: %q", hint)
	}
	if hint := leftoverHint(t.TempDir()); hint != "" {
		t.Errorf("no pids file, yet %q", hint)
	}
}

func TestPidsFileFollowsTheStack(t *testing.T) {
	dir := t.TempDir()
	s := &Stack{Dir: dir}
	svc, err := s.launch("sleeper", "sleeper", "-", ProcessSpec{Path: "/bin/sleep", Args: []string{"30"}})
	if err != nil {
		t.Fatal(err)
	}
	owner, entries := ReadPidsFile(s.pidsPath())
	if owner != os.Getpid() || len(entries) != 1 || entries[0].Pgid != svc.proc.Pid() || entries[0].Name != "sleeper" {
		t.Fatalf("pids file: owner %d, %+v", owner, entries)
	}
	s.Stop()
	if _, err := os.Stat(s.pidsPath()); !os.IsNotExist(err) {
		t.Fatal("pids file left after Stop")
	}
}
