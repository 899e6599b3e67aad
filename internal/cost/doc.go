// Package cost answers "what will this cost a month?": it measures what a capture does in Temporal
// terms from real workflow histories (actions, activity calls, history bytes), and prices that,
// with the Vision, Firestore, Cloud Storage and Pub/Sub calls each activity makes, against a price
// table that cites its sources (prices.go). `starter cost` prints the bill.
package cost
