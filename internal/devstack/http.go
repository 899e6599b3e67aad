package devstack

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"slices"
	"strings"
)

// httpClient talks to the emulators' REST APIs. No proxy: every address is loopback, and an
// HTTP_PROXY in the caller's environment must not intercept it.
var httpClient = &http.Client{Transport: &http.Transport{Proxy: nil}}

// call sends an HTTP request with an optional JSON body and decodes a JSON answer into out (if not
// nil). Statuses in okStatus (besides 2xx) count as success, e.g. 409 for "already exists".
func call(ctx context.Context, method, url string, body any, out any, okStatus ...int) (int, error) {
	var r io.Reader
	if body != nil {
		switch b := body.(type) {
		case []byte:
			r = bytes.NewReader(b)
		default:
			data, err := json.Marshal(b)
			if err != nil {
				return 0, err
			}
			r = bytes.NewReader(data)
		}
	}
	req, err := http.NewRequestWithContext(ctx, method, url, r)
	if err != nil {
		return 0, err
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := httpClient.Do(req)
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	if err != nil {
		return resp.StatusCode, err
	}
	if resp.StatusCode/100 != 2 && !slices.Contains(okStatus, resp.StatusCode) {
		return resp.StatusCode, fmt.Errorf("%s %s: %s: %s", method, url, resp.Status, strings.TrimSpace(string(data)))
	}
	if out != nil && resp.StatusCode/100 == 2 {
		if err := json.Unmarshal(data, out); err != nil {
			return resp.StatusCode, fmt.Errorf("%s %s: decoding answer: %w", method, url, err)
		}
	}
	return resp.StatusCode, nil
}

// getText GETs url and returns the body if the status is 200.
func getText(ctx context.Context, url string) (string, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return "", err
	}
	resp, err := httpClient.Do(req)
	if err != nil {
		return "", err
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	if err != nil {
		return "", err
	}
	if resp.StatusCode != http.StatusOK {
		return string(data), fmt.Errorf("GET %s: %s", url, resp.Status)
	}
	return string(data), nil
}

// dialable reports whether a TCP connection to address succeeds.
func dialable(ctx context.Context, address string) error {
	var d net.Dialer
	conn, err := d.DialContext(ctx, "tcp", address)
	if err != nil {
		return err
	}
	return conn.Close()
}
