package cost

// Prices is the price table: list prices in USD, each with the page it was read from. They change;
// update them here (and Read) when a provider's page does, and the README's table with
// `starter cost`.
type Prices struct {
	Read string // when the pages below were read

	// Temporal Cloud, Business plan, Pay-As-You-Go.
	// source: https://docs.temporal.io/cloud/pricing (temporalio/documentation
	// docs/evaluate/cloud/pricing.mdx at 0217b718)
	TemporalActions        []Tier  // per action
	TemporalIncludedAction float64 // actions a month the plan includes
	TemporalActiveGBh      float64 // per GB-hour of open workflows' histories
	TemporalRetainedGBh    float64 // per GB-hour of closed histories kept for the retention period
	TemporalIncludedActive float64 // GB of active storage the plan includes
	TemporalIncludedRetain float64 // GB of retained storage the plan includes
	TemporalPlanMinimum    float64 // Business: the greater of $500/month …
	TemporalPlanShare      float64 // … or 10% of the usage spend

	// Cloud Vision, per unit (one feature applied to one image), first 1,000 units of each feature
	// free each month. source: https://cloud.google.com/vision/pricing
	VisionText     []Tier // TEXT_DETECTION
	VisionDocument []Tier // DOCUMENT_TEXT_DETECTION
	VisionObjects  []Tier // OBJECT_LOCALIZATION

	// Firestore, Standard edition, us-central1, with the daily free quota of the (default)
	// database. source: https://cloud.google.com/firestore/pricing
	FirestoreRead, FirestoreWrite, FirestoreDelete float64 // per document
	FirestoreGiBMonth                              float64
	FirestoreFreeReadsDay, FirestoreFreeWritesDay  float64
	FirestoreFreeDeletesDay, FirestoreFreeGiB      float64

	// Cloud Storage, Standard class, us-central1. source: https://cloud.google.com/storage/pricing
	StorageGBMonth float64
	StorageClassA  float64 // per operation: object writes, listings
	StorageClassB  float64 // per operation: object reads, metadata reads

	// Pub/Sub: throughput per TiB, first 10 GiB a month free, every publish and every delivery
	// billed at least 1,000 bytes. source: https://cloud.google.com/pubsub/pricing
	PubSubTiB        float64
	PubSubFreeGiB    float64
	PubSubMinMessage float64 // bytes
}

// ListPrices are the prices as published when they were read.
var ListPrices = Prices{
	Read: "2026-12-01",

	TemporalActions: []Tier{
		{5e6, 50e-6}, {10e6, 45e-6}, {20e6, 40e-6}, {50e6, 35e-6}, {100e6, 30e-6},
		// Over 200M the page says "contact Sales"; the last published price stands in for it.
		{inf, 25e-6},
	},
	TemporalIncludedAction: 2.5e6,
	TemporalActiveGBh:      0.042,
	TemporalRetainedGBh:    0.00105,
	TemporalIncludedActive: 2.5,
	TemporalIncludedRetain: 100,
	TemporalPlanMinimum:    500,
	TemporalPlanShare:      0.10,

	// Over 20M units a month the page says "contact Google"; the 5M+ price stands in for it.
	VisionText:     []Tier{{1000, 0}, {5e6, 1.50e-3}, {inf, 0.60e-3}},
	VisionDocument: []Tier{{1000, 0}, {5e6, 1.50e-3}, {inf, 0.60e-3}},
	VisionObjects:  []Tier{{1000, 0}, {5e6, 2.25e-3}, {inf, 1.50e-3}},

	FirestoreRead:           0.03 / 100_000,
	FirestoreWrite:          0.09 / 100_000,
	FirestoreDelete:         0.01 / 100_000,
	FirestoreGiBMonth:       0.15,
	FirestoreFreeReadsDay:   50_000,
	FirestoreFreeWritesDay:  20_000,
	FirestoreFreeDeletesDay: 20_000,
	FirestoreFreeGiB:        1,

	StorageGBMonth: 0.020,
	StorageClassA:  0.005 / 1000,
	StorageClassB:  0.0004 / 1000,

	PubSubTiB:        40,
	PubSubFreeGiB:    10,
	PubSubMinMessage: 1000,
}
