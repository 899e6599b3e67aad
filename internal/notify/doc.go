// Package notify delivers alerts (internal/alert) to people: by e-mail through SMTP submission
// (STARTTLS and authentication when the server offers them, as an Office 365 mailbox requires;
// mailpit locally) and, when configured, as a JSON webhook. Repeats of the same condition
// (alert.DedupKey) within the de-duplication window are dropped; the marks live in Firestore
// (collection `alerts`), so two workers never send the same alert twice.
package notify
