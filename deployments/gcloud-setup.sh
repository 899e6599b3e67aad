#!/usr/bin/env bash
# One-time Google Cloud set-up for tollbooth: buckets, the upload notification, Firestore, Vision.
# Usage: PROJECT=my-project REGION=europe-west1 bash deployments/gcloud-setup.sh
set -euo pipefail
: "${PROJECT:?set PROJECT}" "${REGION:?set REGION}"
photos="gs://${PROJECT}-tollbooth-photos"
exports="gs://${PROJECT}-tollbooth-exports"

gcloud services enable vision.googleapis.com firestore.googleapis.com pubsub.googleapis.com storage.googleapis.com --project "$PROJECT"
gcloud storage buckets create "$photos" "$exports" --project "$PROJECT" --location "$REGION" --uniform-bucket-level-access
gcloud pubsub topics create tollbooth-photo-uploads --project "$PROJECT"
# Object finalize only: a new photo. The trigger acknowledges a message once its workflow exists.
gcloud storage buckets notifications create "$photos" --topic tollbooth-photo-uploads --event-types OBJECT_FINALIZE --payload-format json
gcloud pubsub subscriptions create tollbooth-photo-uploads-trigger --topic tollbooth-photo-uploads --ack-deadline 60 --project "$PROJECT"
gcloud firestore databases create --location "$REGION" --project "$PROJECT"
