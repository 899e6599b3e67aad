// Package config reads tollbooth's settings from the environment. Every variable has a default
// that points at the local stack (tools/devstack), so the binaries run beside `make demo` with no
// configuration; production sets TOLLBOOTH_GCP_PROJECT and the emulator defaults no longer apply.
package config

// Ports of the local stack started by `make demo` (tools/devstack up). Tests start their own stack on
// free ports and pass every address through the environment instead.
const (
	LocalTemporalPort    = 7233
	LocalTemporalUI      = 8233
	LocalFirestorePort   = 8910
	LocalPubSubPort      = 8911
	LocalStoragePort     = 8912
	LocalVisionPort      = 8913
	LocalWorkerMetrics   = 9464
	LocalTriggerMetrics  = 9465
	LocalPrometheus      = 8919 // the stack's Prometheus: consoles, graphs, the dashboard's queries
	LocalTemporalMetrics = 8920 // the Temporal server's own Prometheus metrics
	LocalSMTPPort        = 8915 // mailpit SMTP
	LocalMailpitUI       = 8916 // mailpit web UI and API
	LocalFTPPort         = 8917 // tools/ftpserver
)

// Names of the local stack's cloud resources; production overrides them through the environment.
const (
	LocalProject            = "tollbooth-local"
	DefaultPhotoBucket      = "tollbooth-photos"
	DefaultExportBucket     = "tollbooth-exports"
	DefaultUploadTopic      = "tollbooth-photo-uploads"
	DefaultUploadSubscriber = "tollbooth-photo-uploads-trigger"
)

// LocalBooths are the booth ids the local stack knows; a real deployment lists its own in
// TOLLBOOTH_BOOTHS.
var LocalBooths = []string{"north-01", "north-02", "south-01", "south-02", "east-01"}

// Environment variable names, one place for each.
const (
	EnvTemporalAddress   = "TEMPORAL_ADDRESS"
	EnvTemporalNamespace = "TEMPORAL_NAMESPACE"
	EnvTemporalAPIKey    = "TEMPORAL_API_KEY"
	EnvTemporalTLSCert   = "TEMPORAL_TLS_CLIENT_CERT_PATH"
	EnvTemporalTLSKey    = "TEMPORAL_TLS_CLIENT_KEY_PATH"
	EnvTemporalTLSCA     = "TEMPORAL_TLS_SERVER_CA_CERT_PATH"
	EnvTemporalTLSServer = "TEMPORAL_TLS_SERVER_NAME"

	EnvFirestoreEmulator = "FIRESTORE_EMULATOR_HOST"
	EnvPubSubEmulator    = "PUBSUB_EMULATOR_HOST"
	EnvStorageEmulator   = "STORAGE_EMULATOR_HOST"

	EnvProject            = "TOLLBOOTH_GCP_PROJECT"
	EnvPhotoBucket        = "TOLLBOOTH_PHOTO_BUCKET"
	EnvExportBucket       = "TOLLBOOTH_EXPORT_BUCKET"
	EnvUploadTopic        = "TOLLBOOTH_UPLOAD_TOPIC"
	EnvUploadSubscription = "TOLLBOOTH_UPLOAD_SUBSCRIPTION"
	EnvVisionEndpoint     = "TOLLBOOTH_VISION_ENDPOINT"
	EnvVisionRPS          = "TOLLBOOTH_VISION_RPS"
	EnvAutoAccept         = "TOLLBOOTH_AUTO_ACCEPT_CONFIDENCE"
	EnvMaxPhotoBytes      = "TOLLBOOTH_MAX_PHOTO_BYTES"
	EnvMaxPhotoPixels     = "TOLLBOOTH_MAX_PHOTO_PIXELS"
	EnvDecodeMemoryBytes  = "TOLLBOOTH_DECODE_MEMORY_BYTES"
	EnvBooths             = "TOLLBOOTH_BOOTHS"
	EnvMetricsAddr        = "TOLLBOOTH_METRICS_ADDR"
	EnvTriggerMetricsAddr = "TOLLBOOTH_TRIGGER_METRICS_ADDR"
	EnvPrometheusURL      = "TOLLBOOTH_PROMETHEUS_URL"
	EnvPprof              = "TOLLBOOTH_PPROF"
	EnvLogFormat          = "TOLLBOOTH_LOG_FORMAT"
	EnvTemporalUI         = "TOLLBOOTH_TEMPORAL_UI"
	EnvVisionStatsURL     = "TOLLBOOTH_VISION_STATS_URL"

	EnvSMTPAddr         = "TOLLBOOTH_SMTP_ADDR"
	EnvSMTPUser         = "TOLLBOOTH_SMTP_USER"
	EnvSMTPPassword     = "TOLLBOOTH_SMTP_PASSWORD"
	EnvAlertFrom        = "TOLLBOOTH_ALERT_FROM"
	EnvAlertTo          = "TOLLBOOTH_ALERT_TO"
	EnvAlertWebhook     = "TOLLBOOTH_ALERT_WEBHOOK"
	EnvAlertDedupWindow = "TOLLBOOTH_ALERT_DEDUP_WINDOW"
	EnvMailpitURL       = "TOLLBOOTH_MAILPIT_URL"
	EnvFTPAddr          = "TOLLBOOTH_FTP_ADDR"
	EnvFTPUser          = "TOLLBOOTH_FTP_USER"
	EnvFTPPassword      = "TOLLBOOTH_FTP_PASSWORD"
	EnvFTPDir           = "TOLLBOOTH_FTP_DIR"
	EnvExportEvery      = "TOLLBOOTH_EXPORT_EVERY"
	EnvExportCheckEvery = "TOLLBOOTH_EXPORT_CHECK_EVERY"
	EnvExportBatchSize  = "TOLLBOOTH_EXPORT_BATCH_SIZE"
)
