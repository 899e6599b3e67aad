// Package review is the reviewers' side of a capture: the queue of captures waiting for a person
// (Temporal visibility, oldest first, page by page), one capture's details, and sending a decision
// (the workflow's review update). The gateway and the starter's `review` commands share it.
package review
