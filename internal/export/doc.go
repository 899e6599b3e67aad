// Package export holds the billing export's file format and names: RFC 4180 CSV files of at most
// 1,000 accepted captures, one row each, with a header; batch ids and file names that are the same
// on every retry of a batch; and the Firestore layout of batches (collection `exports`).
package export
