// Package gateway is tollbooth's HTTP gateway. For reviewers: sign-in, the review queue, a review
// page per capture (its photo streamed from storage, the whole record) and the form that sends the
// decision to the capture's workflow; html/template and the standard library only, no JavaScript.
// For booths, operators and customers: the /v1 JSON API. Both talk to the workflows through the one
// capture client (Captures); the programs build the gateway from configuration (internal/app).
package gateway
