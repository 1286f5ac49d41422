// G1 — generate pipeline throughput: API → job → render → stored document → row ready, for N postmortems
// (default 2 000), against a raw baseline in the same run: BullMQ addBulk + a worker that only inserts the same
// bytes with the raw driver (node:sqlite). Same worker concurrency for both. Usage: pnpm bench:generate
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { bootSystem, cleanPrefix, generate, pool, REDIS_URL, report, RUNS, until } from './lib/harness.mjs';

const N = Number(process.env.BENCH_G1_COUNT ?? 2000);
const CONCURRENCY = 4; // the worker's default WORKER_CONCURRENCY

const sys = await bootSystem('g1', { WORKER_CONCURRENCY: String(CONCURRENCY) });
let bytes;
const ours = [];
const base = [];
try {
  async function oursRun() {
    const before = sys.count('ready');
    const t0 = performance.now();
    // 10 clients in flight: G1 measures the pipeline's throughput, E1 the enqueue path under 50 connections.
    await pool(N, 10, () => generate(sys));
    await until(() => sys.count('ready') >= before + N, { ms: 20 });
    return N / ((performance.now() - t0) / 1000);
  }
  // Warm-up (also gives us a real stored document to size the baseline's bytes).
  await oursRun();
  const sample = sys.sampleDocumentBytes();
  bytes = { y: Buffer.alloc(sample.y, 7), j: 'j'.repeat(sample.j), t: 't'.repeat(sample.t) };

  const dir = await mkdtemp(join(tmpdir(), 'pm-bench-raw-'));
  const raw = new DatabaseSync(join(dir, 'raw.db'));
  raw.exec('pragma journal_mode = wal; pragma synchronous = normal;');
  raw.exec('create table docs (id text primary key, y blob, j text, t text)');
  const insert = raw.prepare('insert into docs values (?, ?, ?, ?)');
  const conn = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
  const prefix = `{bench-g1-raw-${Date.now().toString(36)}}`;
  const queue = new Queue('raw', { connection: conn, prefix });
  let done = 0;
  const worker = new Worker(
    'raw',
    async (job) => {
      insert.run(job.id, bytes.y, bytes.j, bytes.t);
      done++;
    },
    { connection: new Redis(REDIS_URL, { maxRetriesPerRequest: null }), prefix, concurrency: CONCURRENCY },
  );
  async function baseRun() {
    const start = done;
    const t0 = performance.now();
    await queue.addBulk(
      Array.from({ length: N }, () => ({
        name: 'noop',
        data: { id: crypto.randomUUID() },
        opts: { removeOnComplete: true },
      })),
    );
    await until(() => done >= start + N, { ms: 2 });
    return N / ((performance.now() - t0) / 1000);
  }
  await baseRun(); // warm-up
  for (let i = 0; i < RUNS; i++) {
    ours.push(await oursRun());
    base.push(await baseRun());
  }
  await worker.close();
  await queue.close();
  conn.disconnect();
  raw.close();
  await cleanPrefix(prefix);
  await rm(dir, { recursive: true, force: true });
} finally {
  await sys.stop();
}
console.log(
  `document stored per postmortem: ${bytes.y.length} B Yjs + ${bytes.j.length} B JSON + ${bytes.t.length} B text`,
);
report(`G1 generate throughput, ${N} postmortems per run (postmortems/s)`, '/s', ours, base, {
  target: '≥ 0.5',
});

// Idle keep-alive sockets and Redis reconnect timers must not keep a finished benchmark alive.
process.exit(0);
