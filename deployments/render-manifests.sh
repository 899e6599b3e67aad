#!/usr/bin/env bash
# Writes deployments/kubernetes/*.yaml into OUT with their placeholders filled in, for
# `kubectl apply -f OUT` (the release workflow's deploy job). Only the placeholders' exact shapes are
# replaced, so names that contain the words (TOLLBOOTH_GCP_PROJECT) stay as they are:
#   REGION-docker.pkg.dev/PROJECT/tollbooth/NAME:VERSION  ->  $REGISTRY/NAME:$VERSION
#   "PROJECT" and "PROJECT-tollbooth-…" (bucket names)     ->  $GCP_PROJECT
#   NAMESPACE.ACCOUNT (Temporal Cloud namespace)          ->  $TEMPORAL_NAMESPACE
# It fails when a variable is unset or a placeholder is left.
set -euo pipefail
out="${1:?usage: REGISTRY=… VERSION=… GCP_PROJECT=… TEMPORAL_NAMESPACE=… render-manifests.sh OUT}"
: "${REGISTRY:?e.g. europe-west1-docker.pkg.dev/my-project/tollbooth}" "${VERSION:?the image tag, e.g. v1.2.0}"
: "${GCP_PROJECT:?the Google Cloud project id}" "${TEMPORAL_NAMESPACE:?e.g. tollbooth.a1b2c}"
src="$(cd "$(dirname "$0")" && pwd)/kubernetes"
mkdir -p "$out"
for f in "$src"/*.yaml; do
	sed -e "s#REGION-docker\.pkg\.dev/PROJECT/tollbooth/\([a-z0-9-]*\):VERSION#$REGISTRY/\1:$VERSION#g" \
		-e "s#\"PROJECT\"#\"$GCP_PROJECT\"#g" \
		-e "s#\"PROJECT-tollbooth-#\"$GCP_PROJECT-tollbooth-#g" \
		-e "s#NAMESPACE\.ACCOUNT#$TEMPORAL_NAMESPACE#g" \
		"$f" >"$out/$(basename "$f")"
done
if grep -nE 'REGION-docker|/PROJECT/|"PROJECT|:VERSION|NAMESPACE\.ACCOUNT' "$out"/*.yaml; then
	echo "render-manifests.sh: placeholders left (above)" >&2
	exit 1
fi
