import { loadWorkerConfig, type WorkerConfig } from './config.js';
import { startWorker } from './bootstrap.js';

let cfg: WorkerConfig;
try {
  cfg = loadWorkerConfig();
} catch (e) {
  console.error((e as Error).message);
  process.exit(1);
}
const worker = await startWorker(cfg);
console.log(
  `worker started (concurrency ${cfg.WORKER_CONCURRENCY}${worker.healthPort ? `, health on :${worker.healthPort}` : ''})`,
);

// Stop taking jobs, finish or release the active ones within the grace period, then exit.
let stopping = false;
for (const sig of ['SIGTERM', 'SIGINT'] as const) {
  process.once(sig, () => {
    if (stopping) return;
    stopping = true;
    const force = setTimeout(() => {
      console.error(`worker did not stop within ${cfg.SHUTDOWN_GRACE_MS} ms; exiting`);
      process.exit(1);
    }, cfg.SHUTDOWN_GRACE_MS);
    force.unref();
    void worker.close().then(() => process.exit(0));
  });
}
