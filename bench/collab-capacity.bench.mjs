// C2 — collab capacity: idle connections and open documents per GB of server RSS. Ours: one collab server process
// (auth, persistence, comments in the documents, Redis on) vs the raw y-websocket-style relay, same run. Each run
// starts a fresh server, opens D documents with C idle connections each, and divides by the RSS growth.
// Target: ours ÷ raw ≥ 0.7.
import { Redis } from 'ioredis';
import { rowContext, fmt, line, RUNS, sleep, spread } from './lib/stats.mjs';
import {
  oursClient,
  rawClient,
  REDIS_URL,
  rssOf,
  seededDatabase,
  startCollab,
  startRelay,
  uniquePrefix,
} from './lib/collab-procs.mjs';

const D = Number(process.env.BENCH_DOCS ?? 100);
const C = Number(process.env.BENCH_CONNS_PER_DOC ?? 3);

async function once(start, connect) {
  const server = await start();
  await sleep(800);
  const before = await rssOf(server.proc.pid);
  const clients = [];
  for (let d = 0; d < D; d++) for (let c = 0; c < C; c++) clients.push(await connect(server.url, d, c));
  const end = Date.now() + 60_000;
  while (!clients.every((c) => c.isSynced()) && Date.now() < end) await sleep(50);
  const synced = clients.filter((c) => c.isSynced()).length;
  await sleep(1500); // idle
  const grown = (await rssOf(server.proc.pid)) - before;
  clients.forEach((c) => c.close());
  server.proc.kill('SIGTERM');
  await new Promise((r) => server.proc.once('exit', r));
  const gb = grown / 1024 ** 3;
  return { connsPerGb: synced / gb, docsPerGb: D / gb, mb: grown / 1024 ** 2, missing: D * C - synced };
}

const db = await seededDatabase(D);
const prefix = uniquePrefix('c2');
console.log(`C2 capacity: ${D} documents × ${C} idle connections per run, ${RUNS} runs + 1 warm-up`);
rowContext.prefix = 'C2 ';
try {
  const ours = () =>
    once(
      () => startCollab(db.url, prefix),
      (url, d, c) => oursClient(url, db.documentIds[d], d * C + c),
    );
  const raw = () =>
    once(
      () => startRelay(),
      (url, d) => rawClient(url, `doc-${d}`),
    );
  await ours();
  await raw(); // warm-up
  const o = [],
    r = [];
  for (let i = 0; i < RUNS; i++) {
    o.push(await ours());
    r.push(await raw());
  }
  const co = spread(o.map((x) => x.connsPerGb)),
    cr = spread(r.map((x) => x.connsPerGb));
  const dOurs = spread(o.map((x) => x.docsPerGb)),
    dRaw = spread(r.map((x) => x.docsPerGb));
  line('idle connections per GB RSS', fmt(co, 0), fmt(cr, 0), co.median / cr.median, '≥ 0.7');
  line('open documents per GB RSS', fmt(dOurs, 0), fmt(dRaw, 0), dOurs.median / dRaw.median, '≥ 0.7');
  console.log(
    `RSS growth MB ours ${fmt(spread(o.map((x) => x.mb)), 1)} raw ${fmt(spread(r.map((x) => x.mb)), 1)}; connections not synced: ours ${o.reduce((s, x) => s + x.missing, 0)} raw ${r.reduce((s, x) => s + x.missing, 0)}`,
  );
} finally {
  const redis = new Redis(REDIS_URL);
  const keys = await redis.keys(`${prefix}*`);
  if (keys.length) await redis.del(...keys);
  redis.disconnect();
  await db.cleanup();
}
process.exit(0);
