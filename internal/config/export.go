package config

import (
	"fmt"
	"os"
	"strconv"
	"time"
)

// Export configures the batch export to Cloud Storage and the billing FTP server.
type Export struct {
	FTPAddr     string // host:port of the billing FTP server
	FTPUser     string
	FTPPassword string        // from the environment or a secret reference resolved at start; never logged
	FTPDir      string        // remote folder the CSV files go to
	Every       time.Duration // schedule interval when the worker creates the schedule
	CheckEvery  time.Duration // how often a full batch waiting is looked for (the early export)
	BatchSize   int           // rows per CSV, at most 1,000
}

// Export defaults.
const (
	DefaultExportEvery      = time.Hour
	DefaultExportCheckEvery = time.Minute
	MaxExportBatch          = 1000
	LocalFTPUser            = "tollbooth"
	// LocalFTPPassword is the local stack's FTP password (a loopback-only test server, not a secret);
	// `devstack exec` stacks generate their own.
	LocalFTPPassword = "local-only-ftp"
)

func (c *Config) loadExport() error {
	e := Export{
		FTPAddr:     c.emulator(EnvFTPAddr, LocalFTPPort),
		FTPUser:     os.Getenv(EnvFTPUser),
		FTPPassword: c.secrets[EnvFTPPassword],
		FTPDir:      env(EnvFTPDir, "/"),
	}
	if c.Local && e.FTPUser == "" {
		e.FTPUser, e.FTPPassword = LocalFTPUser, LocalFTPPassword
	}
	var err error
	if e.Every, err = durationEnv(EnvExportEvery, DefaultExportEvery, time.Minute, 7*24*time.Hour); err != nil {
		return err
	}
	if e.CheckEvery, err = durationEnv(EnvExportCheckEvery, DefaultExportCheckEvery, 10*time.Second, 24*time.Hour); err != nil {
		return err
	}
	if e.BatchSize, err = intEnv(EnvExportBatchSize, MaxExportBatch, 1, MaxExportBatch); err != nil {
		return err
	}
	c.Export = e
	return nil
}

func intEnv(name string, def, lo, hi int) (int, error) {
	v := os.Getenv(name)
	if v == "" {
		return def, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < lo || n > hi {
		return 0, fmt.Errorf("%s=%q: want a whole number from %d to %d", name, v, lo, hi)
	}
	return n, nil
}
