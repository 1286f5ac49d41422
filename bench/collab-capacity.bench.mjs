// C2 — collab capacity: idle connections and open documents per GB of server RSS. Ours: one collab server process
// (auth, persistence, comments in the documents, Redis on) vs the raw y-websocket-style relay whose rooms hold the
// same document content (a relay serving these documents holds them too), same run. Each run
// starts a fresh server, opens D documents with C idle connections each, and divides by the RSS growth, then (in
// separate runs, since a snapshot itself grows RSS) by the growth of the live heap (heap snapshots after a full GC).
// Target: ours ÷ raw ≥ 0.7.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { rowContext, fmt, line, RUNS, sleep, spread } from './lib/stats.mjs';
import {
  liveHeapBytes,
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
const W = 10; // warm-up documents per server (not counted)

/**
 * One server, D documents × C idle connections. `measure` is 'rss' (growth of the process's resident memory) or
 * 'heap' (growth of its live heap: heap snapshots after a full GC, before and after). Both are reported: RSS is
 * what the machine pays, but it also holds young-generation and heap space V8 reserved while the connections were
 * being set up and keeps until it needs it elsewhere; the live heap is what each connection and document keeps.
 */
async function once(start, connect, measure) {
  const heapDir = measure === 'heap' ? await mkdtemp(join(tmpdir(), 'pm-c2-heap-')) : undefined;
  const server = await start(heapDir);
  // Warm: W documents with their connections first, so the code paths are compiled and the pools allocated before
  // the measured ones (what a running server pays per extra connection, not its first-connection costs).
  const clients = [];
  for (let d = D; d < D + W; d++) for (let c = 0; c < C; c++) clients.push(await connect(server.url, d, c));
  // Then a churn round of the measured size (D more documents × C connections, opened, synced, closed): a running
  // server has seen connections come and go, so V8's young generation has grown to its working size already.
  // Without it, RSS "growth" was mostly that one-time growth (≈ 30 MB for ours: RSS grew 32 MB while the live heap
  // grew 2.5 MB), which says nothing per connection.
  const churn = [];
  for (let d = D + W; d < 2 * D + W; d++)
    for (let c = 0; c < C; c++) churn.push(await connect(server.url, d, c));
  await untilSynced(churn);
  churn.forEach((c) => c.close());
  // Ours unloads a document once its last connection is gone (after storing it): wait until only the W warm ones
  // are loaded, or the churned ones would leave between the two measurements and hide growth. The raw relay keeps
  // every room, before and after alike.
  const unloadEnd = Date.now() + 60_000;
  while (Date.now() < unloadEnd && (await loadedDocuments(server.url)) > W) await sleep(100);
  await sleep(800);
  const size = () => (heapDir ? liveHeapBytes(server.proc, heapDir) : rssOf(server.proc.pid));
  const before = await size();
  for (let d = 0; d < D; d++) for (let c = 0; c < C; c++) clients.push(await connect(server.url, d, c));
  await untilSynced(clients);
  const synced = clients.filter((c) => c.isSynced()).length - W * C;
  await sleep(1500); // idle
  const grown = (await size()) - before;
  clients.forEach((c) => c.close());
  server.proc.kill('SIGTERM');
  await new Promise((r) => server.proc.once('exit', r));
  if (heapDir) await rm(heapDir, { recursive: true, force: true });
  const gb = grown / 1024 ** 3;
  return { connsPerGb: synced / gb, docsPerGb: D / gb, mb: grown / 1024 ** 2, missing: D * C - synced };
}

/** Waits (at most a minute) until every client has synced; the caller counts those that did not. */
async function untilSynced(clients) {
  const end = Date.now() + 60_000;
  while (!clients.every((c) => c.isSynced()) && Date.now() < end) await sleep(50);
}

/** Documents loaded on our collab server (its `/metrics` gauge); 0 for the raw relay, which has no such page. */
async function loadedDocuments(wsUrl) {
  const text = await fetch(`${wsUrl.replace(/^ws/, 'http')}/metrics`).then(
    (r) => (r.ok ? r.text() : ''),
    () => '',
  );
  return Number(/^pm_collab_documents (\d+)/m.exec(text)?.[1] ?? 0);
}

const db = await seededDatabase(2 * D + W);
const prefix = uniquePrefix('c2');
console.log(`C2 capacity: ${D} documents × ${C} idle connections per run, ${RUNS} runs + 1 warm-up`);
rowContext.prefix = 'C2 ';
try {
  for (const measure of ['rss', 'heap']) {
    const ours = () =>
      once(
        (heapDir) => startCollab(db.url, prefix, 'on', heapDir),
        (url, d, c) => oursClient(url, db.documentIds[d], d * C + c),
        measure,
      );
    const raw = () =>
      once(
        // Each room holds the same content as our documents (a relay serving them would).
        (heapDir) => startRelay(heapDir, undefined, db.yState),
        (url, d) => rawClient(url, d < D ? `doc-${d}` : `warm-${d}`),
        measure,
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
    const per = measure === 'rss' ? 'GB RSS' : 'GB live heap';
    line(`idle connections per ${per}`, fmt(co, 0), fmt(cr, 0), co.median / cr.median, '≥ 0.7');
    line(`open documents per ${per}`, fmt(dOurs, 0), fmt(dRaw, 0), dOurs.median / dRaw.median, '≥ 0.7');
    console.log(
      `${measure === 'rss' ? 'RSS' : 'live heap'} growth MB ours ${fmt(spread(o.map((x) => x.mb)), 1)} raw ${fmt(spread(r.map((x) => x.mb)), 1)}; connections not synced: ours ${o.reduce((s, x) => s + x.missing, 0)} raw ${r.reduce((s, x) => s + x.missing, 0)}`,
    );
  }
} finally {
  const redis = new Redis(REDIS_URL);
  const keys = await redis.keys(`${prefix}*`);
  if (keys.length) await redis.del(...keys);
  redis.disconnect();
  await db.cleanup();
}
process.exit(0);
