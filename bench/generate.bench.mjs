// G1 — generate pipeline throughput: API → job → render → stored document → row ready, for N postmortems (default
// 2 000), against two baselines in the same run, same database, same worker concurrency:
//  - lean (the fair one): a plain script doing the same work — insert a row, raw BullMQ add (10 in flight, like our
//    10 clients); a raw BullMQ worker reads the incident context and template with the raw driver, renders with
//    @pm/templating, builds the Yjs state and text with @pm/doc-model, inserts the document and marks the row ready
//    in one transaction (lib/lean-generate.mjs);
//  - floor: BullMQ addBulk + a worker that only inserts bytes of the same size with the raw driver (no rendering).
// Usage: pnpm bench:generate   (BENCH_DB=postgresql for PostgreSQL)
import { Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { DB, openRaw } from './lib/db.mjs';
import {
  bootSystem,
  cleanPrefix,
  generate,
  median,
  pool,
  REDIS_URL,
  report,
  RUNS,
  until,
} from './lib/harness.mjs';
import { leanGenerate } from './lib/lean-generate.mjs';

const N = Number(process.env.BENCH_G1_COUNT ?? 2000);
const CONCURRENCY = 4; // the worker's default WORKER_CONCURRENCY

const sys = await bootSystem('g1', { WORKER_CONCURRENCY: String(CONCURRENCY) });
let bytes;
const ours = [];
const lean = [];
const floor = [];
const cleanups = [];
try {
  async function oursRun() {
    const before = await sys.count('ready');
    const t0 = performance.now();
    // 10 clients in flight: G1 measures the pipeline's throughput, E1 the enqueue path under 50 connections.
    await pool(N, 10, () => generate(sys));
    await until(async () => (await sys.count('ready')) >= before + N, { ms: 20 });
    return N / ((performance.now() - t0) / 1000);
  }
  // Warm-up (also gives us a real stored document to size the floor's bytes).
  await oursRun();
  const sample = await sys.sampleDocumentBytes();
  bytes = { y: Buffer.alloc(sample.y, 7), j: 'j'.repeat(sample.j), t: 't'.repeat(sample.t) };

  const raw = openRaw(sys.database.target);
  cleanups.push(() => raw.close());
  const blob = DB === 'sqlite' ? 'blob' : 'bytea';
  await raw.exec(`create table bench_floor_docs (id text primary key, y ${blob}, j text, t text)`);
  await raw.exec('create table bench_lean_rows (id text primary key, state text not null, document_id text)');
  const mk = () => new Redis(REDIS_URL, { maxRetriesPerRequest: null });
  const prefix = `{bench-g1-raw-${Date.now().toString(36)}}`;
  cleanups.push(() => cleanPrefix(prefix));
  let done = 0;
  const worker = (name, fn) => {
    const w = new Worker(name, fn, { connection: mk(), prefix, concurrency: CONCURRENCY });
    cleanups.push(() => w.close());
    return w;
  };
  const floorQueue = new Queue('floor', { connection: mk(), prefix });
  const leanQueue = new Queue('lean', { connection: mk(), prefix });
  cleanups.push(
    () => floorQueue.close(),
    () => leanQueue.close(),
  );
  worker('floor', async (job) => {
    await raw.run('insert into bench_floor_docs values (?, ?, ?, ?)', [job.id, bytes.y, bytes.j, bytes.t]);
    done++;
  });
  worker('lean', async (job) => {
    await leanGenerate(raw, { ...job.data, table: 'bench_lean_rows' });
    done++;
  });

  async function floorRun() {
    const start = done;
    const t0 = performance.now();
    await floorQueue.addBulk(
      Array.from({ length: N }, () => ({ name: 'noop', data: {}, opts: { removeOnComplete: true } })),
    );
    await until(() => done >= start + N, { ms: 2 });
    return N / ((performance.now() - t0) / 1000);
  }
  async function leanRun() {
    const start = done;
    const t0 = performance.now();
    await pool(N, 10, async () => {
      const rowId = crypto.randomUUID();
      await raw.run("insert into bench_lean_rows (id, state) values (?, 'queued')", [rowId]);
      await leanQueue.add(
        'generate',
        { rowId, incidentId: sys.incidentId, templateId: sys.templateId },
        { removeOnComplete: true },
      );
    });
    await until(() => done >= start + N, { ms: 2 });
    return N / ((performance.now() - t0) / 1000);
  }
  await floorRun(); // warm-up
  await leanRun();
  for (let i = 0; i < RUNS; i++) {
    ours.push(await oursRun());
    lean.push(await leanRun());
    floor.push(await floorRun());
  }
} finally {
  for (const f of cleanups.reverse()) await f();
  await sys.stop();
}
console.log(
  `document stored per postmortem: ${bytes.y.length} B Yjs + ${bytes.j.length} B JSON + ${bytes.t.length} B text (${DB})`,
);
report(
  `G1 generate throughput vs the lean same-work pipeline, ${N} per run (postmortems/s)`,
  '/s',
  ours,
  lean,
  {
    target: '≥ 0.5',
  },
);
report(`G1 generate throughput vs the no-op floor (raw BullMQ + raw insert)`, '/s', ours, floor, {
  target: 'reported',
});

// Idle keep-alive sockets and Redis reconnect timers must not keep a finished benchmark alive.
process.exit(0);
