package config

import (
	"fmt"
	"os"
	"strings"
)

// secretVariables are the settings that hold secrets. Each is read from NAME, or from the file named
// by NAME_FILE (a mounted secret: Kubernetes, or Secret Manager through its CSI driver), once at
// start. Their values are never logged or put in error messages.
var secretVariables = []string{EnvTemporalAPIKey, EnvSMTPPassword, EnvFTPPassword, EnvAPIURLSigningKey}

func loadSecrets(names ...string) (map[string]string, error) {
	out := make(map[string]string, len(names))
	for _, n := range names {
		v, err := secretEnv(n)
		if err != nil {
			return nil, err
		}
		out[n] = v
	}
	return out, nil
}

// secretEnv reads NAME or the file NAME_FILE; errors name the variable, never the value.
func secretEnv(name string) (string, error) {
	v, file := os.Getenv(name), os.Getenv(name+"_FILE")
	switch {
	case v != "" && file != "":
		return "", fmt.Errorf("set %s or %s_FILE, not both", name, name)
	case file != "":
		b, err := os.ReadFile(file)
		if err != nil {
			return "", fmt.Errorf("%s_FILE: read the secret file: %w", name, err)
		}
		return strings.TrimRight(string(b), "\r\n"), nil
	}
	return v, nil
}

// Secrets returns the configured secret values that are set, for tests that check logs for leaks.
func (c Config) Secrets() []string {
	var out []string
	for _, v := range c.secrets {
		if v != "" {
			out = append(out, v)
		}
	}
	return out
}
