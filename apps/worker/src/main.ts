import { loadWorkerConfig, type WorkerConfig } from './config.js';
import { startWorker } from './bootstrap.js';

let cfg: WorkerConfig;
try {
  cfg = loadWorkerConfig();
} catch (e) {
  console.error((e as Error).message);
  process.exit(1);
}
const started = startWorker(cfg);
// Stop taking jobs, finish or release the active ones within the grace period, then exit. Installed in the same
// tick as startup begins, not after it: the queues take jobs while startup is still finishing (health server,
// schedulers), and a SIGTERM in that window must not kill a job half done (the default action, exit code null).
let stopping = false;
for (const sig of ['SIGTERM', 'SIGINT'] as const) {
  // on, not once: a second signal while closing must not fall back to the default action (killed mid-job).
  process.on(sig, () => {
    if (stopping) return;
    stopping = true;
    const force = setTimeout(() => {
      console.error(`worker did not stop within ${cfg.SHUTDOWN_GRACE_MS} ms; exiting`);
      process.exit(1);
    }, cfg.SHUTDOWN_GRACE_MS);
    force.unref();
    void started.then((w) => w.close()).then(() => process.exit(0));
  });
}
const worker = await started;
console.log(
  `worker started (concurrency ${cfg.WORKER_CONCURRENCY}${worker.healthPort ? `, health on :${worker.healthPort}` : ''})`,
);
