package app

import (
	"go.temporal.io/sdk/worker"

	"github.com/tollbooth/tollbooth/internal/config"
)

// The workers' tuning, set from `make bench-spike` (BENCHMARKS.md, "Spike on a quiet machine": 1,000
// and 10,000 photos, 1, 2 and 4 worker processes, the dev server and PostgreSQL): what was
// measured, and what follows from it.
//
//   - A spike waits in the Temporal server, not in a worker. With one worker the machine's two cores
//     are saturated (idle 1–4%): the Temporal server takes 25–37% of them (with PostgreSQL 16% more),
//     the worker 22–34% (85–111 ms of CPU per capture: two photo decodes, the plate crop enlarged
//     for its second read), the Vision server, the uploads and the emulators the rest. Captures
//     wait in the server's workflow-task queue (its backlog 72–96% of the photos, schedule-to-start
//     p95 100–190 s) while activity tasks start within 0.2–1.4 s (p95), their backlogs at most 16.
//     Two and four worker processes (twice and four times the pollers) drained slower, not faster
//     (4.1–4.2 captures/s against 5.5; CPU per capture 174–180 ms: more processes' collectors and
//     schedulers on the same cores). So the pollers stay at the SDK's 2 per queue: more concurrent
//     long polls add load to the server that is the bottleneck; a fleet gets more pollers by adding
//     pods (KEDA, deployments/kubernetes/worker.yaml), each with a bounded, predictable share.
//   - The SDK's resource-based tuner is not used. It hands out slots by the machine's CPU and memory
//     use, but most of the CPU is other processes' (the server and the emulators: two thirds of the
//     machine during the spikes), so it would hold back a worker that is not the bottleneck; in a
//     pod it also needs a cgroup-aware SysInfoProvider (another module). Fixed slots, below, bound
//     memory instead, and KEDA adds pods when the queues back up.
//   - Capture activities: InspectPhoto decodes the whole JPEG (a 1024×768 photo is 3 MiB decoded;
//     with the crop read's own decode, a quarter of the worker's CPU in its profiles). The SDK's
//     default of 1,000 concurrent activities would let a spike decode hundreds at once: memory, not
//     throughput, on a pod with a fraction of a core. (Memory is bounded by bytes as well, whatever
//     the slots: every decode of the process shares one budget, internal/photolimit,
//     TOLLBOOTH_DECODE_MEMORY_BYTES, and a photo declaring more than TOLLBOOTH_MAX_PHOTO_PIXELS is
//     refused from its header.) 16 keeps the Firestore and storage round trips of SaveCapture and
//     InspectPhoto overlapped (their latency, not CPU, dominates): the capture activities started
//     within 0.2–1.4 s (p95) and their backlog stayed at most 16 in every run.
//   - Vision activities mostly wait on the network; the rate is capped for the whole queue by the
//     server (TaskQueueActivitiesPerSecond), so slots bound how many calls one pod has open: 64
//     covers the spike's cap of 40/s at Vision's ~1 s worst latency. The plate crop's read
//     (ReadPlateCrop) also downloads and decodes the photo to crop it: with 64 slots the worker's
//     peak RSS in `make bench` rose from 82 to 459 MiB (BENCHMARKS.md, 2026-12-01 15:47). Its
//     decodes now wait for room in the process's decode budget (internal/photolimit), shared with
//     InspectPhoto, so the slots no longer bound that memory; the budget does.
//   - The second recognizer's activities (when configured) are Vision's, on their own queue with
//     their own cap (TOLLBOOTH_SECOND_OPINION_RPS). Its server is small (the local plate reader:
//     one photo at a time per replica), so one pod keeps few calls open: 8 slots.
//   - The sticky cache keeps the SDK's default (10,000 workflows): captures in a spike wait for their
//     first workflow task, outside the cache (9,552 of 10,000 at the peak), and once started a
//     capture runs its few tasks within a second and leaves it. (With the one-read workflow the
//     worker's peak RSS was 82 MiB with 9,485 captures in flight; the photo decodes, not the
//     cache, set the worker's memory.)
const (
	workflowTaskPollers    = 2
	captureActivityPollers = 2
	visionActivityPollers  = 2
	captureActivitySlots   = 16
	visionActivitySlots    = 64
	secondOpinionSlots     = 8
)

// captureWorkerOptions are the capture queue's worker options.
func captureWorkerOptions() worker.Options {
	return worker.Options{
		MaxConcurrentWorkflowTaskPollers:   workflowTaskPollers,
		MaxConcurrentActivityTaskPollers:   captureActivityPollers,
		MaxConcurrentActivityExecutionSize: captureActivitySlots,
	}
}

// visionWorkerOptions are the Vision queue's: the rate cap is enforced by the server for all
// workers together, however many processes poll.
func visionWorkerOptions(cfg config.Config) worker.Options {
	return worker.Options{
		TaskQueueActivitiesPerSecond:       cfg.VisionRPS,
		MaxConcurrentActivityTaskPollers:   visionActivityPollers,
		MaxConcurrentActivityExecutionSize: visionActivitySlots,
	}
}

// secondOpinionWorkerOptions are the second recognizer's queue's: its own cap, for all workers
// together, so its quota or capacity holds whatever Vision's cap is.
func secondOpinionWorkerOptions(cfg config.Config) worker.Options {
	return worker.Options{
		TaskQueueActivitiesPerSecond:       cfg.SecondOpinion.RPS,
		MaxConcurrentActivityTaskPollers:   visionActivityPollers,
		MaxConcurrentActivityExecutionSize: secondOpinionSlots,
	}
}
