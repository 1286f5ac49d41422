// E1 — the enqueue path `POST /incidents/:id/postmortems` (auth, validation, DB insert + timeline entry, queue.add)
// under 50 concurrent connections, against a raw `queue.add` loop with 50 in flight, in the same run. The worker is
// stopped first so only the enqueue path is measured. Usage: pnpm bench:enqueue
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { benchRow } from './lib/stats.mjs';
import { bootSystem, cleanPrefix, generate, pool, REDIS_URL, report, RUNS } from './lib/harness.mjs';

const N = Number(process.env.BENCH_E1_COUNT ?? 2000);
const CONNECTIONS = Number(process.env.BENCH_E1_CONNECTIONS ?? 50);
const sys = await bootSystem('e1');
const ours = [];
const base = [];
let sent = 0;
let received = 0;
try {
  await sys.stopWorker();
  const prefix = `{bench-e1-raw-${Date.now().toString(36)}}`;
  const queue = new Queue('raw', {
    connection: new Redis(REDIS_URL, { maxRetriesPerRequest: null }),
    prefix,
  });
  async function oursRun() {
    const t0 = performance.now();
    await pool(N, CONNECTIONS, async () => {
      sent++;
      await generate(sys);
      received++;
    });
    return N / ((performance.now() - t0) / 1000);
  }
  async function baseRun() {
    const t0 = performance.now();
    await pool(N, CONNECTIONS, () =>
      queue.add('noop', { postmortemId: crypto.randomUUID() }, { jobId: `generate-${crypto.randomUUID()}` }),
    );
    return N / ((performance.now() - t0) / 1000);
  }
  await oursRun(); // warm-up
  await baseRun();
  for (let i = 0; i < RUNS; i++) {
    ours.push(await oursRun());
    base.push(await baseRun());
  }
  await queue.obliterate({ force: true });
  await queue.close();
  await cleanPrefix(prefix);
} finally {
  await sys.stop();
}
report(
  `E1 enqueue path, ${N} requests per run over ${CONNECTIONS} connections (requests/s)`,
  '/s',
  ours,
  base,
  {
    target: '≥ 0.3',
  },
);
console.log(`  drops: sent ${sent} − answered 202 ${received} = ${sent - received}`);
benchRow({
  what: 'E1 errors (requests not answered 202)',
  ours: String(sent - received),
  base: '0',
  ratio: '—',
  target: '0',
});

// Idle keep-alive sockets and Redis reconnect timers must not keep a finished benchmark alive.
process.exit(0);
