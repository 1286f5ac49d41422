// C1 — collab fan-out latency: 1 document × 2 / 10 / 50 clients. Ours: two collab server processes on one Redis
// (auth tokens, persistence to SQLite, a document with comment threads), clients spread over both. Baseline in the
// same run: a raw y-websocket-style relay (y-protocols + ws, one process), and for the two processes two such relays
// passing updates over Redis pub/sub (bench/lib/raw-relay.mjs). One writer pushes M numbered updates;
// every other client records receive − send on one monotonic clock (all clients live in this process).
// Target: p50 ratio ≤ 1.25, p99 ratio ≤ 1.5. Drops (sent − received) must be 0.
import { Redis } from 'ioredis';
import { rowContext, fmt, line, pct, RUNS, sleep, spread } from './lib/stats.mjs';
import {
  oursClient,
  rawClient,
  REDIS_URL,
  seededDatabase,
  startCollab,
  startRelay,
  uniquePrefix,
} from './lib/collab-procs.mjs';

const M = Number(process.env.BENCH_MESSAGES ?? 100);
const CLIENTS = (process.env.BENCH_CLIENTS ?? '2,10,50').split(',').map(Number);

async function waitAll(clients, what, ms = 20_000) {
  const end = Date.now() + ms;
  while (!clients.every((c) => c.isSynced())) {
    if (Date.now() > end) throw new Error(`timed out: ${what}`);
    await sleep(20);
  }
}

/** One run: the writer sends M updates 10 ms apart; returns latencies (ms) and drops. */
async function run(clients, tag) {
  const [writer, ...readers] = clients;
  const sent = new Map();
  const lat = [];
  let received = 0;
  const offs = readers.map((r) => {
    const arr = r.doc.getArray(tag);
    const fn = (e) => {
      const now = performance.now();
      for (const d of e.changes.delta)
        for (const v of d.insert ?? []) {
          lat.push(now - sent.get(v));
          received++;
        }
    };
    arr.observe(fn);
    return () => arr.unobserve(fn);
  });
  const arr = writer.doc.getArray(tag);
  for (let m = 0; m < M; m++) {
    sent.set(m, performance.now());
    arr.push([m]);
    await sleep(10);
  }
  const expected = M * readers.length;
  const end = Date.now() + 5000;
  while (received < expected && Date.now() < end) await sleep(20);
  offs.forEach((f) => f());
  return { p50: pct(lat, 50), p99: pct(lat, 99), drops: expected - received };
}

async function measure(makeClient, n, label) {
  const clients = await Promise.all(Array.from({ length: n }, (_, i) => makeClient(i)));
  await waitAll(clients, `${label} ${n} clients synced`);
  await run(clients, 'warmup');
  const runs = [];
  for (let r = 0; r < RUNS; r++) runs.push(await run(clients, `run${r}`));
  clients.forEach((c) => c.close());
  return runs;
}

const db = await seededDatabase();
const prefix = uniquePrefix('c1');
const [a, b] = await Promise.all([startCollab(db.url, prefix), startCollab(db.url, prefix)]);
const relay = await startRelay();
const [relayA, relayB] = await Promise.all([startRelay(undefined, prefix), startRelay(undefined, prefix)]);
console.log(
  `C1 fan-out latency, ${M} updates per run, ${RUNS} runs + 1 warm-up; ours = 2 collab processes over Redis`,
);
try {
  for (const n of CLIENTS) {
    const ours = await measure((i) => oursClient(i % 2 ? b.url : a.url, db.documentId, i), n, 'ours');
    const raw = await measure(() => rawClient(relay.url, `room-${n}`), n, 'raw');
    const raw2 = await measure((i) => rawClient(i % 2 ? relayB.url : relayA.url, `room-${n}`), n, 'raw-2');
    // Same run, all clients on ONE of our processes: separates our server's cost from the Redis hop between two.
    const single = await measure((i) => oursClient(a.url, db.documentId, i), n, 'ours-1');
    const p50o = spread(ours.map((r) => r.p50)),
      p50r = spread(raw.map((r) => r.p50));
    const p99o = spread(ours.map((r) => r.p99)),
      p99r = spread(raw.map((r) => r.p99));
    const p50r2 = spread(raw2.map((r) => r.p50)),
      p99r2 = spread(raw2.map((r) => r.p99));
    const drops = `drops ours ${ours.reduce((s, r) => s + r.drops, 0)} raw ${raw2.reduce((s, r) => s + r.drops, 0)}`;
    const p50s = spread(single.map((r) => r.p50)),
      p99s = spread(single.map((r) => r.p99));
    const dropsOne = `drops ours ${single.reduce((t, r) => t + r.drops, 0)}`;
    // Same run, all clients on ONE of our processes (no Redis hop): what a single collab instance adds.
    rowContext.prefix = 'C1 1 process ÷ raw relay, ';
    line(`${n} clients p50 ms`, fmt(p50s), fmt(p50r), p50s.median / p50r.median, '≤ 1.25');
    line(`${n} clients p99 ms`, fmt(p99s), fmt(p99r), p99s.median / p99r.median, `≤ 1.5; ${dropsOne}`);
    // Two processes over Redis ÷ two raw relays over Redis, clients spread the same way.
    rowContext.prefix = 'C1 2 processes ÷ 2 raw relays, both over Redis, ';
    line(`${n} clients p50 ms`, fmt(p50o), fmt(p50r2), p50o.median / p50r2.median, '≤ 1.25');
    line(`${n} clients p99 ms`, fmt(p99o), fmt(p99r2), p99o.median / p99r2.median, `≤ 1.5; ${drops}`);
  }
} finally {
  for (const p of [a.proc, b.proc, relay.proc, relayA.proc, relayB.proc]) p.kill('SIGTERM');
  await sleep(500);
  const redis = new Redis(REDIS_URL);
  const keys = await redis.keys(`${prefix}*`);
  if (keys.length) await redis.del(...keys);
  redis.disconnect();
  await db.cleanup();
}
process.exit(0);
