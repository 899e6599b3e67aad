# tollbooth — `make help` lists the targets. Each one is a plain command you can also run by hand.

GO ?= go
# devstack is built, then run directly rather than through `go run`, so that Ctrl-C reaches it alone and
# its exit status is make's.
DEVSTACK_BIN := .devstack/bin/devstack
DEVSTACK := $(GO) build -o $(DEVSTACK_BIN) ./tools/devstack && $(DEVSTACK_BIN)

# workflowcheck finds non-deterministic calls in workflow code. v0.6.0 is its newest tag on the module
# proxy; it analyses source and does not depend on the SDK version (go.temporal.io/sdk v1.51.0).
WORKFLOWCHECK := go.temporal.io/sdk/contrib/tools/workflowcheck@v0.6.0

# The benchmark: photos and the vision server's fixture manifest go here (`bench prepare`).
BENCH_DIR ?= .devstack/bench
BENCH_COUNT ?= 300

# Steps run one after another even under `make -j`: the integration tests start a whole stack.
.NOTPARALLEL:
.PHONY: help demo test vet workflowcheck unit integration bench accuracy tools

help: ## list the targets
	@awk 'BEGIN {FS = ":.*## "} /^[a-z-]+:.*## / {printf "  make %-14s %s\n", $$1, $$2}' $(MAKEFILE_LIST)

demo: ## start the local stack + worker + trigger + gateway, push photos through it; Ctrl-C stops it all
	$(DEVSTACK) demo

test: vet workflowcheck unit integration ## what CI runs: vet, workflowcheck, unit and integration tests

vet: ## go vet
	$(GO) vet ./...

workflowcheck: ## check workflow code for non-determinism
	$(GO) run $(WORKFLOWCHECK) ./workflows/...

unit: ## unit tests with the race detector (no servers needed)
	$(GO) test -race ./...

integration: ## integration tests (build tag integration) against a fresh stack on free ports
	$(DEVSTACK) exec -- $(GO) test -tags integration -count=1 -p 1 -timeout 20m ./e2e/...

bench: ## pipeline vs bare-workflow benchmark on a fresh stack with fixture OCR
	$(GO) run ./tools/bench prepare --count $(BENCH_COUNT) --out $(BENCH_DIR)
	$(DEVSTACK) exec --vision-engine fixture --vision-fixtures $(BENCH_DIR)/fixtures.json -- \
		$(GO) run ./tools/bench run --photos $(BENCH_DIR)

# The accuracy measurement: engines to compare, synthetic photos, and the sample photos beside the clone.
ACCURACY_ENGINES ?= paddle,tesseract
ACCURACY_SYNTH ?= 300
ACCURACY_MODES ?= text

accuracy: ## exact plate reads, CPU per photo and peak memory of each OCR engine (synthetic + ../shared/samples)
	$(DEVSTACK) tools
	$(GO) run ./tools/bench accuracy --engines $(ACCURACY_ENGINES) --synth $(ACCURACY_SYNTH) \
		--modes $(ACCURACY_MODES) --samples ../shared/samples --out .devstack/accuracy

tools: ## build the Temporal CLI, fake-gcs-server, mailpit; fetch PaddleOCR models + ONNX Runtime (once per machine; 4–9 min cold)
	$(DEVSTACK) tools
