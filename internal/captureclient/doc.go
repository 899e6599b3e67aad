// Package captureclient is the one client of the capture workflows, used by the trigger, the
// gateway (pages and API), the starter and the end-to-end tests: start a capture, show its state
// (its workflow's query, else its Firestore record), send a reviewer's decision (the review-decision
// update), and page through the review queue (Temporal visibility, oldest first). Refusals come
// back typed, from the workflow's ApplicationError type and details (signals.RefusalOf), and a
// capture nobody knows is ErrNotFound: no caller reads an error's text.
package captureclient
