package app

import (
	"go.temporal.io/sdk/worker"

	"github.com/tollbooth/tollbooth/internal/config"
)

// The workers' tuning, set from `make bench-spike` (BENCHMARKS.md, "Spike"): what was measured, and
// what follows from it.
//
//   - A worker is not where a spike's time goes. During a spike on 2 cores the worker process used
//     6–7% of the machine, 37–47 ms of CPU per capture, while the Temporal server used 13–24% and
//     the emulators 10–15%. Tasks waited in the server's queues (capture workflow-task backlog up
//     to 95% of the photos) with the worker mostly idle, and a second worker process (twice the
//     pollers) did not drain faster. So the pollers stay at the SDK's 2 per queue: more concurrent
//     long polls add load to a server that is the bottleneck, and a fleet gets more pollers by
//     adding pods (KEDA, deployments/kubernetes/worker.yaml), each with a bounded, predictable share.
//   - The SDK's resource-based tuner is not used. It hands out slots by the machine's CPU and memory
//     use, but the CPU here is taken by other processes (the server, the emulators, and on this
//     machine other people's work: 57–74% of it during the spikes), so it would throttle a worker
//     that is not the bottleneck; in a pod it needs a cgroup-aware SysInfoProvider (another module).
//     Fixed slots, below, bound memory instead, and KEDA adds pods when queues back up.
//   - Capture activities: InspectPhoto decodes the whole JPEG (45% of the worker's CPU in the
//     profile; a 1024×768 photo is 3 MiB decoded). The SDK's default of 1,000 concurrent activities
//     would let a spike decode hundreds at once: memory, not throughput, on a pod with a fraction of
//     a core. 16 keeps the Firestore and storage round trips of SaveCapture and InspectPhoto
//     overlapped (their latency, not CPU, dominates) with at most ~50 MiB of photos in memory.
//   - Vision activities wait on the network; the rate is capped for the whole queue by the server
//     (TaskQueueActivitiesPerSecond), so slots only bound how many calls one pod has open: 64 covers
//     the cap of 40/s used by the spike at Vision's ~1 s worst latency, with room to spare.
const (
	workflowTaskPollers    = 2
	captureActivityPollers = 2
	visionActivityPollers  = 2
	captureActivitySlots   = 16
	visionActivitySlots    = 64
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
