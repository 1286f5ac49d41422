// S1 — worker scale-out on CPU-bound rendering: throughput of 2 worker processes ÷ 1, on PostgreSQL (the database
// a scaled-out deployment shares; SQLite allows one writer). Ours = 2 built workers (`apps/worker/dist/main.js`)
// on one queue; baseline = 1 of them, measured in the same run, alternating per run so machine load hits both.
// Each run: N queued rows of the checkout demo incident made long (400 extra timeline entries, so rendering
// dominates; default template), enqueued at once and timed until all are ready (render + store). Ideal ratio on
// 2 free cores: 2.0. Also prints the workers' CPU ms per render with 1 and 2 processes (load-independent: equal
// figures mean the second process adds no contention). Usage: pnpm bench:scale (PG_URL or the local default,
// Redis, the built worker). BENCH_S1_COUNT (120), BENCH_S1_TIMELINE (400), BENCH_RUNS (3) tune it.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { loadavg } from 'node:os';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  DEMO_CHECKOUT_INCIDENT_TITLE,
  Incident,
  migrateUp,
  openOrm,
  Postmortem,
  seedDemo,
  Template,
  TimelineEntry,
  User,
} from '@pm/db';
import { createProducerConnection, JobProducer } from '@pm/queue';
import { cleanPrefix, REDIS_URL, report, until } from './lib/harness.mjs';

const N = Number(process.env.BENCH_S1_COUNT ?? 120);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const TIMELINE = Number(process.env.BENCH_S1_TIMELINE ?? 400);
const WORKER_MAIN = resolve(dirname(fileURLToPath(import.meta.url)), '../apps/worker/dist/main.js');

const schema = `bench_s1_${randomBytes(4).toString('hex')}`;
const url = new URL(process.env.PG_URL ?? 'postgresql://postgres@127.0.0.1:5432/test');
url.searchParams.set('schema', schema);
const databaseUrl = url.toString();
const prefix = `bench-s1-${Date.now().toString(36)}`;

const orm = await openOrm({ databaseUrl });
await migrateUp(orm);
await seedDemo(orm.em.fork());
const em0 = orm.em.fork();
const refs = {
  incident: await em0.findOneOrFail(Incident, { title: DEMO_CHECKOUT_INCIDENT_TITLE }),
  template: await em0.findOneOrFail(Template, { isDefault: true }),
  requestedBy: await em0.findOneOrFail(User, { email: 'standard@example.com' }),
};
// A long incident (TIMELINE extra entries), so each job is dominated by rendering rather than by its few DB writes.
for (let i = 0; i < TIMELINE; i++) {
  em0.create(TimelineEntry, {
    incident: refs.incident,
    kind: i % 3 ? 'update' : 'note',
    content: `Update ${i}: error rate ${(i * 7) % 100} %, rolled back shard ${i % 16}, watching **p99** latency.`,
    important: i % 10 === 0,
    occurredAt: new Date(Date.UTC(2026, 0, 1, 0, i)),
  });
}
await em0.flush();
const redis = createProducerConnection(REDIS_URL);
await new Promise((r) => redis.once('ready', r));
const producer = new JobProducer(redis, prefix);

const workers = new Set();
process.on('exit', () => workers.forEach((w) => w.kill('SIGKILL')));

/** Starts one built worker on the shared queue; resolves once it takes jobs. */
async function startWorker() {
  const proc = spawn(process.execPath, [WORKER_MAIN], {
    env: {
      PATH: process.env.PATH ?? '',
      NODE_ENV: 'production',
      DATABASE_URL: databaseUrl,
      REDIS_URL,
      REDIS_PREFIX: prefix,
      WORKER_HEALTH_PORT: '-1',
      SWEEP_INTERVAL_MS: '3600000',
      LOG_LEVEL: 'warn',
      SECRET_KEYS: `k1:${randomBytes(32).toString('base64')}`, // required in production; no secrets are used here
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  workers.add(proc);
  await new Promise((ok, fail) => {
    proc.stdout.on('data', (d) => String(d).includes('worker started') && ok());
    proc.once('exit', (code) => fail(new Error(`worker exited during start (${code})`)));
  });
  return proc;
}

async function stopWorker(proc) {
  const exited = new Promise((r) => proc.once('exit', r));
  proc.kill('SIGTERM');
  await exited;
  workers.delete(proc);
}

/** CPU time (user + system, ms) the running workers have used so far, from /proc (Linux; USER_HZ = 100). */
function workersCpuMs() {
  let ticks = 0;
  for (const w of workers) {
    const fields = readFileSync(`/proc/${w.pid}/stat`, 'utf8').split(') ')[1].split(' ');
    ticks += Number(fields[11]) + Number(fields[12]); // utime, stime (fields 14 and 15 of stat)
  }
  return ticks * 10;
}

/**
 * Inserts n queued rows (untimed), then times enqueue → all ready. Returns postmortems per second, and records the
 * workers' CPU ms per render in `cpu` (load-independent: shows whether a second process adds contention).
 */
async function run(n, cpu = []) {
  const em = orm.em.fork();
  const rows = Array.from({ length: n }, (_, i) =>
    em.create(Postmortem, { ...refs, title: `S1 ${i}`, destination: 'notebook' }),
  );
  await em.flush();
  const ids = rows.map((r) => r.id);
  const cpu0 = workersCpuMs();
  const t0 = performance.now();
  await Promise.all(ids.map((postmortemId) => producer.enqueue('postmortem.generate', { postmortemId })));
  await until(
    async () => (await orm.em.fork().count(Postmortem, { id: { $in: ids }, generationState: 'ready' })) === n,
    { ms: 20 },
  );
  const seconds = (performance.now() - t0) / 1000;
  cpu.push((workersCpuMs() - cpu0) / n);
  return n / seconds;
}

const ours = [];
const base = [];
const oursCpu = [];
const baseCpu = [];
const load = [];
try {
  const first = await startWorker();
  await run(Math.ceil(N / 4)); // warm-up of the long-lived worker
  for (let i = 0; i < RUNS; i++) {
    load.push(loadavg()[0]);
    base.push(await run(N, baseCpu));
    const second = await startWorker();
    await run(Math.ceil(N / 8)); // warm-up of the fresh second process
    ours.push(await run(N, oursCpu));
    await stopWorker(second);
  }
  await stopWorker(first);
} finally {
  for (const w of workers) w.kill('SIGKILL');
  await producer.close();
  redis.disconnect();
  await cleanPrefix(`{${prefix}}`);
  await orm.em.getConnection().execute(`drop schema if exists "${schema}" cascade`);
  await orm.close(true);
}
const med = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1].toFixed(1);
console.log(`worker CPU per render: ${med(baseCpu)} ms with 1 process, ${med(oursCpu)} ms with 2 (medians)`);
console.log(`load average (1 min) at the runs: ${load.map((l) => l.toFixed(1)).join(', ')}`);
report(`S1 worker scale-out, ${N} CPU-bound renders per run (postmortems/s)`, '/s', ours, base, {
  target: '≥ 1.6 (2 processes ÷ 1, on ≥ 2 free cores)',
});
