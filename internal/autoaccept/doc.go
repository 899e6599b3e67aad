// Package autoaccept is the safe auto-accept policy: it decides whether a plate read may be billed
// without a person looking at it. An auto-accepted plate goes straight into the billing file, and a
// wrong one bills a stranger; a capture sent to a person only costs a few seconds of review. So the
// policy accepts a read only when every rule below holds, and otherwise names the rule that failed
// (a reason code of internal/capture and a sentence) for the reviewer and the metrics:
//
//  1. the text is on the plate: inside the recognizer's licence-plate box, or read from the
//     plate's own crop (no-plate-found, no-text-on-plate; no-text when nothing was read);
//  2. it is the whole plate: the tallest line on the plate, with no other line of the same size
//     beside it (fragment);
//  3. it is a standard serial format of a jurisdiction the booth serves, agreeing with any
//     jurisdiction name printed on the photo (not-standard-format, out-of-jurisdiction,
//     jurisdiction-mismatch, no-jurisdictions);
//  4. no character could be another one of its confusable group (0/O/D/Q, 1/I/L, 2/Z, 5/S,
//     6/G, 8/B) that the formats allow at its position, and the read fits as read: a character
//     is never swapped to make it fit, since a vanity plate may read exactly so
//     (confusable-character);
//  5. the recognizer is confident of the line and of each character (low-confidence);
//  6. two independent reads agree on the whole plate (reads-disagree; see Agree).
//
// The package is pure: no I/O. It runs inside activities, so its answers are recorded in the
// workflow's history and a change of rules never breaks a replay.
package autoaccept
