// Shared helpers of the pipeline benchmarks (G1, G2, E1, A1): the built system on a temp SQLite file or a fresh
// PostgreSQL schema (BENCH_DB, see db.mjs) and a unique Redis prefix (loopback only), statistics, and printing
// "ours / baseline / ratio" from the same run.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { startSystem } from '../../infra/local/system.mjs';
import { databaseFor, dropDatabase, openRaw } from './db.mjs';
import { benchRow, childNodeOptions } from './stats.mjs';

export const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
export const RUNS = Number(process.env.BENCH_RUNS ?? 5);

/** Boots API + worker + collab from the built output. Returns helpers and a stop() that cleans up. */
export async function bootSystem(name, env = {}) {
  const dir = await mkdtemp(join(tmpdir(), `pm-bench-${name}-`));
  const database = databaseFor(name, dir);
  const prefix = `bench-${name}-${Date.now().toString(36)}`;
  const system = await startSystem({
    databaseUrl: database.databaseUrl,
    databaseSchema: database.databaseSchema,
    redisUrl: REDIS_URL,
    redisPrefix: prefix,
    output: 'quiet',
    logLevel: 'warn',
    // BENCH_PROF_DIR=/tmp/prof: a CPU profile per child process (API, worker, collab), see childNodeOptions.
    env: process.env.BENCH_PROF_DIR ? { ...env, NODE_OPTIONS: childNodeOptions() } : env,
  });
  const api = system.urls.api;
  // A crashing benchmark must not leave the API/worker/collab children running.
  const bail = () => void system.stop().finally(() => process.exit(1));
  process.once('uncaughtException', (e) => (console.error(e), bail()));
  process.once('unhandledRejection', (e) => (console.error(e), bail()));
  const login = await post(api, '/auth/login', {
    email: 'standard@example.com',
    password: 'postmortem-demo',
  });
  const token = login.token;
  const auth = { authorization: `Bearer ${token}` };
  const incidents = await get(api, '/incidents', auth);
  const incidentId = incidents.items.find((i) => i.status === 'resolved')?.id ?? incidents.items[0].id;
  const templates = await get(api, '/templates', auth);
  const templateId = (templates.items.find((t) => t.isDefault) ?? templates.items[0]).id;
  const db = openRaw(database.target, { readOnly: true, poolSize: 2 });
  return {
    database,
    token,
    api,
    auth,
    incidentId,
    templateId,
    prefix,
    dir,
    system,
    /** How many postmortem rows are in `state` (read straight from the database). */
    count: async (state) =>
      Number(
        (await db.all('select count(*) as n from postmortems where generation_state = ?', [state]))[0].n,
      ),
    /** Byte size of the stored documents' Yjs state + JSON + text (the baseline inserts the same bytes). */
    sampleDocumentBytes: async () => {
      const pg = database.kind === 'postgresql';
      const len = pg ? 'octet_length' : 'length';
      const [r] = await db.all(
        `select ${len}(y_state) as y, ${len}(${pg ? 'json::text' : 'json'}) as j, ${len}(text) as t from documents limit 1`,
      );
      return { y: Number(r.y), j: Number(r.j), t: Number(r.t) };
    },
    stopWorker: async () => {
      const w = system.procs.find((p) => p.label === 'worker');
      if (!w || w.exitCode !== null) return;
      const exited = new Promise((r) => w.once('exit', r));
      w.kill('SIGTERM');
      await exited;
    },
    async stop() {
      await db.close();
      await system.stop();
      await dropDatabase(database.target);
      await cleanPrefix(`{${prefix}}`);
      await rm(dir, { recursive: true, force: true });
    },
  };
}

export async function get(base, path, headers = {}) {
  const res = await fetch(`${base}${path}`, { headers });
  if (!res.ok) throw new Error(`GET ${path} answered ${res.status}`);
  return res.json();
}

export async function post(base, path, body, headers = {}) {
  const res = await fetch(`${base}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`POST ${path} answered ${res.status}`);
  return res.json();
}

/** POST /incidents/:id/postmortems with a fresh idempotency key; resolves with the created row's id. */
export async function generate(sys) {
  const res = await fetch(`${sys.api}/incidents/${sys.incidentId}/postmortems`, {
    method: 'POST',
    headers: { ...sys.auth, 'content-type': 'application/json', 'idempotency-key': crypto.randomUUID() },
    body: JSON.stringify({ templateId: sys.templateId }),
  });
  if (res.status !== 202) throw new Error(`generate answered ${res.status}: ${await res.text()}`);
  return (await res.json()).id;
}

/** Runs `total` tasks with at most `concurrency` in flight. */
export async function pool(total, concurrency, task) {
  let next = 0;
  const worker = async () => {
    while (next < total) {
      const i = next++;
      await task(i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, total) }, worker));
}

/** Polls `fn` every `ms` until it returns true, failing after `timeoutMs` (bounded loop). */
export async function until(fn, { ms = 5, timeoutMs = 600_000 } = {}) {
  const deadline = performance.now() + timeoutMs;
  while (!(await fn())) {
    if (performance.now() > deadline) throw new Error('benchmark step timed out');
    await new Promise((r) => setTimeout(r, ms));
  }
}

export async function cleanPrefix(prefix) {
  const redis = new Redis(REDIS_URL);
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
    cursor = next;
    if (keys.length) await redis.del(...keys);
  } while (cursor !== '0');
  redis.disconnect();
}

export const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
export const percentile = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
};
const fmt = (x, unit) => `${x.toFixed(x >= 100 ? 0 : x >= 10 ? 1 : 2)} ${unit}`;

/** Prints median and min–max of both series and the ratio of medians (ours ÷ baseline). */
export function report(title, unit, ours, base, { target } = {}) {
  const line = (name, xs) =>
    `  ${name.padEnd(9)} median ${fmt(median(xs), unit)}  (min ${fmt(Math.min(...xs), unit)}, max ${fmt(Math.max(...xs), unit)}, runs ${xs.length})`;
  console.log(`\n${title}`);
  console.log(line('ours', ours));
  console.log(line('baseline', base));
  console.log(
    `  ratio     ours ÷ baseline = ${(median(ours) / median(base)).toFixed(3)}${target ? `  (target ${target})` : ''}`,
  );
  benchRow({
    what: title,
    ours: fmt(median(ours), unit),
    base: fmt(median(base), unit),
    ratio: (median(ours) / median(base)).toFixed(3),
    target: target ?? '—',
  });
}
