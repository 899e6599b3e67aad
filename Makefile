# tollbooth — `make help` lists the targets. Each one is a plain command you can also run by hand.

GO ?= go
# devstack is built, then run directly rather than through `go run`, so that Ctrl-C reaches it alone and
# its exit status is make's.
DEVSTACK_BIN := .devstack/bin/devstack
DEVSTACK := $(GO) build -o $(DEVSTACK_BIN) ./tools/devstack && $(DEVSTACK_BIN)

# workflowcheck finds non-deterministic calls in workflow code. v0.6.0 is its newest tag on the module
# proxy; it analyses source and does not depend on the SDK version (go.temporal.io/sdk v1.51.0).
WORKFLOWCHECK := go.temporal.io/sdk/contrib/tools/workflowcheck@v0.6.0

# actionlint checks the GitHub Actions workflows (.github/workflows); built from the module proxy.
ACTIONLINT := github.com/rhysd/actionlint/cmd/actionlint@v1.7.12

# The container images (make images; the release workflow builds the same ones, deployments/pipeline_test.go
# checks both against the manifests): ko builds IMAGES_KO (pure Go) into IMAGES_DIR/ko.tar without Docker;
# the vision server (cgo, ONNX Runtime, models) needs Docker and is built only when docker is on PATH.
KO := github.com/google/ko@v0.19.1
IMAGES_KO := ./worker ./trigger ./gateway
IMAGE_VISIONSERVER := deployments/images/visionserver.Dockerfile
IMAGE_REPO ?= local/tollbooth
IMAGE_TAG ?= dev
IMAGES_DIR ?= .devstack/images

# The benchmark: photos and the vision server's fixture manifest go here (`bench prepare`).
BENCH_DIR ?= .devstack/bench
BENCH_COUNT ?= 300

# The spike (make bench-spike): SPIKE_COUNT photos uploaded at once through the whole stack, on
# SPIKE_WORKERS worker processes and the SPIKE_TEMPORAL server (dev or postgres), Vision capped at
# SPIKE_RPS per second. bench prepare draws SPIKE_SCENES distinct scenes and makes the other photos
# distinct copies of them (tools/bench/variants.go). SPIKE_FLAGS passes more flags to bench spike,
# e.g. --stub-cloud or --bare=false.
SPIKE_COUNT ?= 10000
SPIKE_WORKERS ?= 1
SPIKE_TEMPORAL ?= dev
SPIKE_RPS ?= 40
SPIKE_SCENES ?= 300
SPIKE_DIR ?= .devstack/bench-spike
SPIKE_FLAGS ?=

# The postgres-mode smoke test of `make test`: a few captures end to end, a duplicate event, and the
# review queue (custom search attributes on SQL visibility), on the Temporal server on PostgreSQL.
POSTGRES_SMOKE := ^(TestUploadedPhotosBecomeRecords|TestDuplicateEventsAndStartsMakeOneRunAndOneRecord|TestReviewQueueListsExactlyTheWaitingCaptures)$$

# Steps run one after another even under `make -j`: the integration tests start a whole stack.
.NOTPARALLEL:
.PHONY: help demo test prereqs vet lint-workflows images workflowcheck unit integration integration-postgres faults bench bench-spike bench-ocr accuracy accuracy-e2e tools

help: ## list the targets
	@awk 'BEGIN {FS = ":.*## "} /^[a-z0-9-]+:.*## / {printf "  make %-20s %s\n", $$1, $$2}' $(MAKEFILE_LIST)

demo: prereqs ## start the local stack + worker + trigger + gateway, push photos through it; Ctrl-C stops it all
	$(DEVSTACK) demo

test: prereqs vet lint-workflows workflowcheck unit integration integration-postgres faults ## what CI runs: prerequisites, vet, actionlint, workflowcheck, unit and integration tests, the fault suite

prereqs: ## install what demo and test need: Debian packages (apt-get when root, else the command to run), then the cached tools
	$(DEVSTACK) prereqs

vet: ## go vet
	$(GO) vet ./...

lint-workflows: ## check the GitHub Actions workflows with actionlint
	$(GO) run $(ACTIONLINT)

images: ## build the container images locally without pushing: worker, trigger, gateway (ko, tarball), visionserver (docker)
	mkdir -p $(IMAGES_DIR)
	KO_DOCKER_REPO=$(IMAGE_REPO) $(GO) run $(KO) build --base-import-paths --tags $(IMAGE_TAG) --push=false \
		--tarball $(IMAGES_DIR)/ko.tar $(IMAGES_KO)
	@if command -v docker >/dev/null 2>&1; then \
		docker build --file $(IMAGE_VISIONSERVER) --tag $(IMAGE_REPO)/visionserver:$(IMAGE_TAG) . ; \
	else \
		echo "docker not found: skipped the visionserver image ($(IMAGE_VISIONSERVER))"; \
	fi

workflowcheck: ## check workflow code for non-determinism
	$(GO) run $(WORKFLOWCHECK) ./workflows/...

unit: ## unit tests with the race detector (no servers needed)
	$(GO) test -race ./...

integration: ## integration tests (build tag integration) against a fresh stack on free ports
	$(DEVSTACK) exec -- $(GO) test -tags integration -count=1 -p 1 -timeout 20m ./e2e/...

integration-postgres: ## the end-to-end smoke test on the production-shaped Temporal (server on PostgreSQL)
	$(DEVSTACK) exec --temporal postgres -- $(GO) test -tags integration -count=1 -p 1 -timeout 10m -run '$(POSTGRES_SMOKE)' ./e2e/...

# The fault suite (make faults): FAULTS_PHOTOS real photos per fault (some faults take half);
# FAULTS_FLAGS passes more flags to tools/faults, e.g. --only worker-kill,ftp-down or --temporal postgres.
FAULTS_PHOTOS ?= 16
FAULTS_FLAGS ?=

faults: ## the fault suite on its own stack: kills, outages, duplicate and dropped notifications, poison photos; a table of lost/duplicated
	$(GO) run ./tools/faults --photos $(FAULTS_PHOTOS) $(FAULTS_FLAGS)

bench: ## pipeline vs bare-workflow benchmark on a fresh stack with fixture OCR
	$(GO) run ./tools/bench prepare --count $(BENCH_COUNT) --out $(BENCH_DIR)
	$(DEVSTACK) exec --vision-engine fixture --vision-fixtures $(BENCH_DIR)/fixtures.json -- \
		$(GO) run ./tools/bench run --photos $(BENCH_DIR)

bench-spike: ## a spike of SPIKE_COUNT (10,000) uploads vs the bare floor: SPIKE_WORKERS=N SPIKE_TEMPORAL=dev|postgres
	$(GO) run ./tools/bench prepare --count $(SPIKE_COUNT) --unique $(SPIKE_SCENES) --out $(SPIKE_DIR)
	$(DEVSTACK) exec --temporal $(SPIKE_TEMPORAL) --vision-engine fixture --vision-fixtures $(SPIKE_DIR)/fixtures.json -- \
		$(GO) run ./tools/bench spike --photos $(SPIKE_DIR) --count $(SPIKE_COUNT) --workers $(SPIKE_WORKERS) \
		--rps $(SPIKE_RPS) --out $(SPIKE_DIR) $(SPIKE_FLAGS)

# The OCR engines compared (make bench-ocr): engines, synthetic photos, and the sample photos beside the clone.
OCR_ENGINES ?= paddle,tesseract
OCR_SYNTH ?= 300
OCR_MODES ?= text

bench-ocr: ## exact plate reads, CPU per photo and peak memory of each OCR engine (synthetic + ../shared/samples)
	$(DEVSTACK) tools
	$(GO) run ./tools/bench accuracy --engines $(OCR_ENGINES) --synth $(OCR_SYNTH) \
		--modes $(OCR_MODES) --samples ../shared/samples --out .devstack/bench-ocr

# The policy's accuracy (make accuracy, ACCURACY.md): ACCURACY_SYNTH synthetic photos over the seeds,
# and the real sample sets beside the clone, read by each engine through a fresh local stack.
ACCURACY_ENGINES ?= paddle tesseract
ACCURACY_SYNTH ?= 1000
ACCURACY_SEEDS ?= 1,2,3,4

accuracy: ## the safe auto-accept policy on 1,000 synthetic + the real sample photos, per engine and both agreeing: rows for ACCURACY.md
	$(GO) build -o $(DEVSTACK_BIN) ./tools/devstack
	@for engine in $(ACCURACY_ENGINES); do \
		echo "== engine $$engine"; \
		$(DEVSTACK_BIN) exec --vision-engine $$engine -- $(GO) run ./tools/accuracy --engine $$engine \
			--synth $(ACCURACY_SYNTH) --seeds $(ACCURACY_SEEDS) --samples ../shared/samples --out .devstack/accuracy || exit 1; \
	done
	@echo "== paddle with tesseract as the second opinion"
	$(DEVSTACK_BIN) exec --vision-engine paddle -- $(GO) run ./tools/accuracy --engine paddle --second-engine tesseract \
		--synth $(ACCURACY_SYNTH) --seeds $(ACCURACY_SEEDS) --samples ../shared/samples --out .devstack/accuracy

ACCURACY_E2E_SYNTH ?= 1000

accuracy-e2e: ## the end-to-end accuracy tests with ACCURACY_E2E_SYNTH (1,000) synthetic photos through the whole pipeline
	$(DEVSTACK) exec -- env TOLLBOOTH_ACCURACY_SYNTH=$(ACCURACY_E2E_SYNTH) $(GO) test -tags integration -count=1 -p 1 -timeout 90m \
		-run '^TestNoWrongAutoAccept' -v ./e2e/...

tools: ## build and cache the Temporal CLI, fake-gcs-server, mailpit, Temporal server + SQL tool + UI, PaddleOCR models + ONNX Runtime (once per machine; 10–20 minutes cold)
	$(DEVSTACK) tools
