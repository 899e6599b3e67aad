#!/usr/bin/env bash
# One-time Google Cloud set-up for tollbooth: buckets, the upload notification, Firestore, Vision.
# Usage: PROJECT=my-project REGION=europe-west1 bash deployments/gcloud-setup.sh
# TOLLBOOTH_PHOTO_RETENTION_DAYS (default 30): days a photo is kept after its record was exported;
# set the same value on the workers (README, "Data retention").
set -euo pipefail
: "${PROJECT:?set PROJECT}" "${REGION:?set REGION}"
photo_days="${TOLLBOOTH_PHOTO_RETENTION_DAYS:-30}"
photos="gs://${PROJECT}-tollbooth-photos"
exports="gs://${PROJECT}-tollbooth-exports"

gcloud services enable vision.googleapis.com firestore.googleapis.com pubsub.googleapis.com storage.googleapis.com --project "$PROJECT"
gcloud storage buckets create "$photos" "$exports" --project "$PROJECT" --location "$REGION" --uniform-bucket-level-access
gcloud pubsub topics create tollbooth-photo-uploads --project "$PROJECT"
# Object finalize only: a new photo. The trigger acknowledges a message once its workflow exists.
gcloud storage buckets notifications create "$photos" --topic tollbooth-photo-uploads --event-types OBJECT_FINALIZE --payload-format json
gcloud pubsub subscriptions create tollbooth-photo-uploads-trigger --topic tollbooth-photo-uploads --ack-deadline 60 --project "$PROJECT"
gcloud firestore databases create --location "$REGION" --project "$PROJECT"
# Data retention. Toll photos are personal data: a lifecycle rule deletes a photo
# TOLLBOOTH_PHOTO_RETENTION_DAYS after its custom time, which the export sets when the photo's
# record reaches billing (a lifecycle rule cannot see "exported"; photos never exported keep no
# custom time and stay). The workers need storage.objects.update on the photo bucket for that.
lifecycle="$(mktemp)"
trap 'rm -f "$lifecycle"' EXIT
cat >"$lifecycle" <<JSON
{"lifecycle": {"rule": [{"action": {"type": "Delete"}, "condition": {"daysSinceCustomTime": ${photo_days}, "matchesPrefix": ["photos/"]}}]}}
JSON
gcloud storage buckets update "$photos" --lifecycle-file="$lifecycle" --project "$PROJECT"
# Raw OCR text and candidates: no Firestore TTL policy. A TTL policy deletes whole documents, and
# the capture document is the billing record; the workers' retention job (schedule
# tollbooth-retention) clears those two fields once expire_raw_at has passed, and needs the
# single-field index Firestore creates by default on expire_raw_at (keep it; do not exempt it).
