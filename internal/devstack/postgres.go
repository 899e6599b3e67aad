package devstack

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// PostgreSQL under the Temporal server of `--temporal postgres`: Debian's PostgreSQL 15, its data in
// DIR/postgres (kept across `devstack up` and demos like the dev server's SQLite file), listening
// on loopback TCP only, with a password for the Temporal role.
const (
	// PostgresRole owns the Temporal databases; initdb makes it the superuser of the cluster.
	PostgresRole = "temporal"
	// PostgresPassword is the role's password: the cluster listens on 127.0.0.1 only and holds
	// nothing but local Temporal state, like the FTP server's local-only password.
	PostgresPassword = "local-only-postgres"
	// postgresOSUser runs PostgreSQL when devstack runs as root: postgres refuses to run as root.
	postgresOSUser = "postgres"
	// postgresConf holds the settings devstack adds to initdb's defaults, with their reasons.
	postgresConf = "deployments/temporal/postgresql.conf"
	// postgresDebianBin is where Debian's postgresql-15 package puts the server programs, which
	// are not on PATH (postgresql-common wraps only the clients).
	postgresDebianBin = "/usr/lib/postgresql/15/bin"
)

// postgresDataDir is the cluster's data folder.
func (s *Stack) postgresDataDir() string { return filepath.Join(s.Dir, "postgres") }

// postgresBin finds a PostgreSQL server program: on PATH, else in Debian's folder.
func postgresBin(name string) (string, error) {
	if p, err := exec.LookPath(name); err == nil {
		return p, nil
	}
	p := filepath.Join(postgresDebianBin, name)
	if _, err := os.Stat(p); err == nil {
		return p, nil
	}
	return "", fmt.Errorf("PostgreSQL's %s is neither on PATH nor in %s: install PostgreSQL 15 "+
		"(apt-get install postgresql-15) for --temporal postgres", name, postgresDebianBin)
}

// postgresCredential is who runs PostgreSQL: nil (devstack's own user) unless devstack runs as
// root, then the unprivileged postgres user that Debian's package creates.
func postgresCredential() (*syscall.Credential, error) {
	if os.Geteuid() != 0 {
		return nil, nil
	}
	u, err := user.Lookup(postgresOSUser)
	if err != nil {
		return nil, fmt.Errorf("PostgreSQL refuses to run as root, and there is no %q user to run it as (%v): "+
			"create one (useradd --system %s) or run devstack as an ordinary user", postgresOSUser, err, postgresOSUser)
	}
	uid, err1 := strconv.ParseUint(u.Uid, 10, 32)
	gid, err2 := strconv.ParseUint(u.Gid, 10, 32)
	if err := errors.Join(err1, err2); err != nil {
		return nil, fmt.Errorf("user %s: %w", postgresOSUser, err)
	}
	return &syscall.Credential{Uid: uint32(uid), Gid: uint32(gid)}, nil
}

// startPostgres initialises the cluster on first use, then starts PostgreSQL and waits until it
// accepts connections. fresh reports a cluster created now, whose Temporal databases do not exist.
func (s *Stack) startPostgres(ctx context.Context) (fresh bool, err error) {
	server, err := postgresBin("postgres")
	if err != nil {
		return false, err
	}
	ready, err := postgresBin("pg_isready")
	if err != nil {
		return false, err
	}
	cred, err := postgresCredential()
	if err != nil {
		return false, err
	}
	data := s.postgresDataDir()
	if !s.postgresSetUp() {
		// A cluster whose set-up did not finish (devstack stopped half-way) is started over.
		if err := os.RemoveAll(data); err != nil {
			return false, err
		}
		if err := s.initPostgres(ctx, cred); err != nil {
			return false, err
		}
		fresh = true
	}
	conf, err := os.ReadFile(filepath.Join(s.opts.RepoRoot, postgresConf))
	if err != nil {
		return false, fmt.Errorf("PostgreSQL settings: %w", err)
	}
	if err := writeOwned(filepath.Join(data, "tollbooth.conf"), conf, 0o600, cred); err != nil {
		return false, err
	}
	svc, err := s.launch(ServicePostgres, "postgres", addr(s.Ports.Postgres), ProcessSpec{
		Path: server,
		Args: []string{"-D", data, "-p", strconv.Itoa(s.Ports.Postgres),
			"-c", "listen_addresses=" + Host,
			"-c", "unix_socket_directories=", // TCP on loopback only: no socket file to clean up
		},
		Dir: data, RunAs: cred, Env: []string{"LANG=C.UTF-8", "PATH=" + os.Getenv("PATH")},
	})
	if err != nil {
		return false, err
	}
	return fresh, s.waitReady(ctx, svc, 60*time.Second, func(ctx context.Context) error {
		// pg_isready: accepting connections, not merely listening (it listens while recovering).
		out, err := exec.CommandContext(ctx, ready, "-h", Host, "-p", strconv.Itoa(s.Ports.Postgres), "-U", PostgresRole).CombinedOutput()
		if err != nil {
			return fmt.Errorf("pg_isready: %v: %s", err, strings.TrimSpace(string(out)))
		}
		return nil
	})
}

// initPostgres creates the cluster with initdb as the user that will run it.
func (s *Stack) initPostgres(ctx context.Context, cred *syscall.Credential) error {
	initdb, err := postgresBin("initdb")
	if err != nil {
		return err
	}
	data := s.postgresDataDir()
	if cred != nil {
		// The postgres user must reach DIR/postgres: exec's fresh folders are private (0700).
		if err := os.Chmod(s.Dir, 0o755); err != nil {
			return err
		}
	}
	if err := mkdirOwned(data, 0o700, cred); err != nil {
		return err
	}
	pwfile := filepath.Join(s.Dir, "postgres-initdb.pw") // not in data: initdb wants it empty
	if err := writeOwned(pwfile, []byte(PostgresPassword+"\n"), 0o600, cred); err != nil {
		return err
	}
	defer os.Remove(pwfile)
	logPath := s.LogPath("postgres-initdb")
	s.out.Printf("creating the PostgreSQL cluster in %s (initdb; log %s)...", s.rel(data), s.rel(logPath))
	cmd := exec.CommandContext(ctx, initdb, "-D", data, "-U", PostgresRole, "--pwfile", pwfile,
		"--auth-host=scram-sha-256", "--auth-local=peer", "--encoding=UTF8", "--no-locale", "--no-instructions")
	cmd.Env = []string{"LANG=C.UTF-8", "PATH=" + os.Getenv("PATH")}
	cmd.SysProcAttr = &syscall.SysProcAttr{Credential: cred}
	cmd.Dir = data
	out, err := cmd.CombinedOutput()
	_ = os.WriteFile(logPath, out, 0o644)
	if err != nil {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		return NewServiceError("initdb", logPath, fmt.Errorf("creating the PostgreSQL cluster: %w", err))
	}
	// initdb's postgresql.conf includes devstack's settings, rewritten from the repository at every
	// start (startPostgres), so an edit applies on the next start.
	f, err := os.OpenFile(filepath.Join(data, "postgresql.conf"), os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		return err
	}
	defer f.Close()
	_, err = fmt.Fprintf(f, "\n# Added by devstack: tollbooth's settings (%s).\ninclude 'tollbooth.conf'\n", postgresConf)
	return err
}

// postgresSetUpMarker is written once the cluster and the Temporal schema exist; without it the
// next start begins again from initdb.
func (s *Stack) postgresSetUpMarker() string { return filepath.Join(s.Dir, "postgres.setup-done") }

func (s *Stack) postgresSetUp() bool {
	_, err := os.Stat(s.postgresSetUpMarker())
	return err == nil
}

// mkdirOwned creates dir (mode perm) owned by cred's user, or by devstack's when cred is nil.
func mkdirOwned(dir string, perm os.FileMode, cred *syscall.Credential) error {
	if err := os.MkdirAll(dir, perm); err != nil {
		return err
	}
	if err := os.Chmod(dir, perm); err != nil {
		return err
	}
	if cred != nil {
		return os.Chown(dir, int(cred.Uid), int(cred.Gid))
	}
	return nil
}

// writeOwned writes a file owned by cred's user, or by devstack's when cred is nil.
func writeOwned(path string, data []byte, perm os.FileMode, cred *syscall.Credential) error {
	if err := os.WriteFile(path, data, perm); err != nil {
		return err
	}
	if cred != nil {
		return os.Chown(path, int(cred.Uid), int(cred.Gid))
	}
	return nil
}
