// Command gateway serves the reviewers' web pages (sign-in, the review queue, and a review page per
// capture that sends the decision to its workflow) and the /v1 JSON API for booths, operators and
// customers (API keys from `starter apikey issue`; OpenAPI document at /v1/openapi.yaml). It
// listens on TOLLBOOTH_GATEWAY_ADDR (loopback port 8080 by default); reviewers are in
// TOLLBOOTH_REVIEWERS_FILE (`starter reviewer add ID`).
package main

import (
	"context"
	"fmt"
	"net"

	"github.com/tollbooth/tollbooth/internal/app"
	"github.com/tollbooth/tollbooth/internal/config"
	"github.com/tollbooth/tollbooth/internal/gateway"
)

func main() { app.Main("gateway", run) }

func run(ctx context.Context, p app.Program) error {
	cfg, log := p.Cfg, p.Log

	c, err := app.DialTemporal(cfg, log)
	if err != nil {
		return err
	}
	defer c.Close()
	cloud, err := app.OpenCloud(ctx, cfg, app.NeedStorage|app.NeedFirestore)
	if err != nil {
		return err
	}
	defer cloud.Close()
	g, err := app.NewGateway(cfg, c, cloud, log)
	if err != nil {
		return err
	}
	err = gateway.Serve(ctx, cfg.Review.GatewayAddr, g.Handler(), func(a net.Addr) {
		log.Info("gateway listening", "review_page", "http://"+a.String()+"/queue", "api", "http://"+a.String()+"/v1/openapi.yaml",
			"reviewers_file", cfg.Review.ReviewersFile)
	})
	if err != nil {
		return fmt.Errorf("%w (the address is set by %s)", err, config.EnvGatewayAddr)
	}
	return nil
}
