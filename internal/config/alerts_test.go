package config

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

func clearExportEnv(t *testing.T) {
	clearEnv(t)
	for _, name := range []string{EnvSMTPAddr, EnvSMTPUser, EnvSMTPPassword, EnvAlertFrom, EnvAlertTo, EnvAlertWebhook,
		EnvAlertDedupWindow, EnvMailpitURL, EnvFTPAddr, EnvFTPUser, EnvFTPPassword, EnvFTPDir, EnvExportEvery,
		EnvExportCheckEvery, EnvExportBatchSize, EnvMonitorEvery, EnvReviewBacklog, EnvSpikeRate, EnvSpikeWindow,
		EnvSweepEvery, EnvSweepWindow, EnvSweepGrace} {
		t.Setenv(name, "")
	}
}

func TestExportAndAlertDefaults(t *testing.T) {
	clearExportEnv(t)
	c, err := Load()
	require.NoError(t, err)
	require.Equal(t, "127.0.0.1:8915", c.Alerts.SMTPAddr)
	require.Equal(t, []string{LocalAlertTo}, c.Alerts.To)
	require.Equal(t, time.Hour, c.Alerts.DedupWindow)
	require.Equal(t, "http://127.0.0.1:8233", c.Alerts.UIBaseURL)
	require.Equal(t, "127.0.0.1:8917", c.Export.FTPAddr)
	require.Equal(t, LocalFTPUser, c.Export.FTPUser)
	require.Equal(t, time.Hour, c.Export.Every)
	require.Equal(t, 1000, c.Export.BatchSize)
	require.Equal(t, Monitor{Every: time.Minute, ReviewBacklog: 200, SpikeRate: 0.5, SpikeWindow: 15 * time.Minute, SpikeMin: 10}, c.Monitor)
	require.Equal(t, Sweep{Every: 5 * time.Minute, Window: 24 * time.Hour, Grace: 15 * time.Minute}, c.Sweep)
}

func TestExportAndAlertSettingsInTheCloud(t *testing.T) {
	clearExportEnv(t)
	t.Setenv(EnvProject, "acme-tolls")
	t.Setenv(EnvSMTPAddr, "smtp.office365.com:587")
	t.Setenv(EnvSMTPUser, "alerts@acme.example")
	t.Setenv(EnvSMTPPassword, "x")
	t.Setenv(EnvAlertTo, "ops@acme.example, billing@acme.example")
	t.Setenv(EnvExportEvery, "30m")
	c, err := Load()
	require.NoError(t, err)
	require.Equal(t, []string{"ops@acme.example", "billing@acme.example"}, c.Alerts.To)
	require.Empty(t, c.Export.FTPAddr, "no local FTP default in the cloud")
	require.Empty(t, c.Export.FTPUser)
	require.Equal(t, 30*time.Minute, c.Export.Every)
}

func TestExportAndAlertSettingErrorsNameTheVariable(t *testing.T) {
	for name, env := range map[string]map[string]string{
		EnvSMTPPassword:    {EnvSMTPUser: "u"},
		EnvAlertTo:         {EnvProject: "p", EnvSMTPAddr: "smtp:587"},
		EnvExportBatchSize: {EnvExportBatchSize: "1001"},
		EnvExportEvery:     {EnvExportEvery: "hourly"},
		EnvSpikeRate:       {EnvSpikeRate: "2"},
		EnvMonitorEvery:    {EnvMonitorEvery: "1s"},
		EnvSweepEvery:      {EnvSweepEvery: "5"},
		EnvSweepWindow:     {EnvSweepWindow: "10m"},
		EnvSweepGrace:      {EnvSweepGrace: "2d"},
	} {
		t.Run(name, func(t *testing.T) {
			clearExportEnv(t)
			for k, v := range env {
				t.Setenv(k, v)
			}
			_, err := Load()
			require.ErrorContains(t, err, name)
		})
	}
}
