// Command gateway serves the reviewers' web pages: sign-in, the review queue, and a review page per
// capture that sends the decision to its workflow. It listens on TOLLBOOTH_GATEWAY_ADDR (loopback
// port 8080 by default); reviewers are in TOLLBOOTH_REVIEWERS_FILE (`starter reviewer add ID`).
package main

import (
	"context"
	"fmt"
	"net"
	"os"
	"os/signal"
	"syscall"

	"github.com/tollbooth/tollbooth/internal/app"
	"github.com/tollbooth/tollbooth/internal/config"
	"github.com/tollbooth/tollbooth/internal/gateway"
)

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "gateway:", err)
		os.Exit(1)
	}
}

func run() error {
	cfg, err := config.Load()
	if err != nil {
		return err
	}
	log := app.NewLogger(cfg)
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()

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
	g, err := gateway.FromConfig(cfg, c, cloud, log)
	if err != nil {
		return err
	}
	return gateway.Serve(ctx, cfg.Review.GatewayAddr, g.Handler(), func(a net.Addr) {
		log.Info("gateway listening", "review_page", "http://"+a.String()+"/queue", "reviewers_file", cfg.Review.ReviewersFile)
	})
}
