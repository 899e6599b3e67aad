// Package gateway is tollbooth's HTTP gateway for reviewers: sign-in, the review queue, a review
// page per capture with its photo streamed from storage, and the form that sends the decision to the
// capture's workflow. html/template and the standard library only; no JavaScript is needed.
package gateway
