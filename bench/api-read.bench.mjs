// A1 — the API read path at 50 connections: `GET /incidents` (a page of 50), `GET /incidents/{id}` and
// `GET /incidents/{id}/postmortems` (5 postmortems), against a raw node:http server answering the same JSON from the
// raw driver (lib/raw-api.mjs, its own process), same run, same database. Load by autocannon (keep-alive).
// Usage: pnpm bench:api-read   (BENCH_DB=postgresql for PostgreSQL; BENCH_A1_SECONDS per measurement, default 5)
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { bootSystem, generate, get, median, post, RUNS, until } from './lib/harness.mjs';
import { DB } from './lib/db.mjs';
import { benchRow } from './lib/stats.mjs';

const SECONDS = Number(process.env.BENCH_A1_SECONDS ?? 5);
const CONNECTIONS = 50;

const sys = await bootSystem('a1');
const results = {};
let raw;
try {
  // A page of 50 incidents (the seed has 10) and an incident with 5 generated postmortems.
  const { total } = await get(sys.api, '/incidents', sys.auth);
  for (let i = total; i < 50; i++)
    await post(sys.api, '/incidents', { title: `Bench incident ${i}`, severity: 'SEV-3' }, sys.auth);
  for (let i = 0; i < 5; i++) await generate(sys);
  await until(async () => (await sys.count('ready')) >= 5, { ms: 50, timeoutMs: 120_000 });

  raw = spawn(
    process.execPath,
    [fileURLToPath(new URL('./lib/raw-api.mjs', import.meta.url)), JSON.stringify(sys.database.target)],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const rawUrl = await new Promise((res, rej) => {
    raw.stdout.once('data', (b) => res(b.toString().trim()));
    raw.once('exit', (c) => rej(new Error(`raw server exited ${c}`)));
  });

  const routes = {
    'GET /incidents': '/incidents',
    'GET /incidents/{id}': `/incidents/${sys.incidentId}`,
    'GET /incidents/{id}/postmortems': `/incidents/${sys.incidentId}/postmortems`,
  };
  // Same JSON, checked once: the baseline must not win by answering less.
  const canon = (v) =>
    Array.isArray(v)
      ? v.map(canon)
      : v && typeof v === 'object'
        ? Object.fromEntries(
            Object.keys(v)
              .sort()
              .map((k) => [k, canon(v[k])]),
          )
        : v;
  for (const [name, path] of Object.entries(routes)) {
    const [a, b] = await Promise.all([get(sys.api, path, sys.auth), get(rawUrl, path, sys.auth)]);
    const same = JSON.stringify(canon(a)) === JSON.stringify(canon(b));
    const size = JSON.stringify(a).length;
    console.log(`${name}: ${size} B of JSON, raw answers the same JSON: ${same ? 'yes' : 'NO'}`);
    if (!same)
      console.log(
        `  ours ${JSON.stringify(canon(a)).slice(0, 600)}\n  raw  ${JSON.stringify(canon(b)).slice(0, 600)}`,
      );
  }

  const load = async (base, path) => {
    const r = await autocannon({
      url: base + path,
      connections: CONNECTIONS,
      duration: SECONDS,
      headers: sys.auth,
    });
    if (r.errors || r.non2xx)
      throw new Error(`${base}${path}: ${r.errors} errors, ${r.non2xx} non-2xx answers`);
    return { rps: r.requests.average, p99: r.latency.p99 };
  };
  for (const [name, path] of Object.entries(routes)) {
    await load(sys.api, path); // warm-up
    await load(rawUrl, path);
    const ours = [];
    const base = [];
    for (let i = 0; i < RUNS; i++) {
      ours.push(await load(sys.api, path));
      base.push(await load(rawUrl, path));
    }
    results[name] = { ours, base };
  }
} finally {
  raw?.kill('SIGTERM');
  await sys.stop();
}

console.log(
  `\nA1 API read path, ${CONNECTIONS} connections, ${SECONDS} s × ${RUNS} runs per route, ${DB} (requests/s)`,
);
for (const [name, { ours, base }] of Object.entries(results)) {
  const o = median(ours.map((x) => x.rps));
  const b = median(base.map((x) => x.rps));
  const p = (xs) => median(xs.map((x) => x.p99));
  console.log(
    `  ${name.padEnd(32)} ours ${o.toFixed(0)} /s (p99 ${p(ours)} ms)  raw ${b.toFixed(0)} /s (p99 ${p(base)} ms)  ratio ${(o / b).toFixed(2)}  (target ≥ 0.3)`,
  );
  benchRow({
    what: `A1 ${name}, ${CONNECTIONS} connections (requests/s)`,
    ours: `${o.toFixed(0)} /s`,
    base: `${b.toFixed(0)} /s`,
    ratio: (o / b).toFixed(2),
    target: '≥ 0.3',
  });
}
process.exit(0);
