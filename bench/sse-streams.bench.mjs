// S1 — open progress streams (SSE) cost: N idle `GET /postmortems/{id}/events` streams on postmortems that stay
// queued (worker stopped), and the database work the API does meanwhile. Ours: changes are pushed over Redis
// (`<prefix>:pm-changes`), a stream re-reads only on a hint or the 5 s safety read. Baseline, same run: the same
// API with SSE_PUSH=false (every stream re-reads its row every 250 ms, as before). Measured on PostgreSQL as table
// accesses (seq + index scans in pg_stat_user_tables of the bench's own schema, so other runs on the server do
// not count), per second over the window: a proxy for queries.
// Usage: BENCH_DB=postgresql node bench/sse-streams.bench.mjs  (BENCH_S1_STREAMS default 300, BENCH_S1_SECONDS 10)
import pg from 'pg';
import { bootSystem, generate } from './lib/harness.mjs';
import { DB, PG_URL } from './lib/db.mjs';
import { benchRow, sleep } from './lib/stats.mjs';

if (DB !== 'postgresql') {
  console.error('S1 counts scans in pg_stat_user_tables: run with BENCH_DB=postgresql');
  process.exit(2);
}
const STREAMS = Number(process.env.BENCH_S1_STREAMS ?? 300);
const SECONDS = Number(process.env.BENCH_S1_SECONDS ?? 10);

async function scans(client, schema) {
  const { rows } = await client.query(
    'select coalesce(sum(seq_scan + coalesce(idx_scan, 0)), 0)::bigint as n from pg_stat_user_tables where schemaname = $1',
    [schema],
  );
  return Number(rows[0].n);
}

/** Boots a system with `env`, opens STREAMS idle streams, answers table accesses per second over the window. */
async function measure(label, env) {
  const sys = await bootSystem(`s1${label}`, env);
  const client = new pg.Client({ connectionString: PG_URL });
  await client.connect();
  const aborts = [];
  try {
    await sys.stopWorker(); // rows stay queued: the streams stay open and idle
    const ids = [];
    for (let i = 0; i < 5; i++) ids.push(await generate(sys));
    let opened = 0;
    await Promise.all(
      Array.from({ length: STREAMS }, async (_, i) => {
        const ac = new AbortController();
        aborts.push(ac);
        const res = await fetch(`${sys.api}/postmortems/${ids[i % ids.length]}/events`, {
          headers: sys.auth,
          signal: ac.signal,
        });
        if (res.status !== 200) throw new Error(`stream answered ${res.status}`);
        const reader = res.body.getReader();
        await reader.read(); // the first state: the stream is open
        opened++;
        void (async () => {
          try {
            while (!(await reader.read()).done);
          } catch {
            // aborted at the end
          }
        })();
      }),
    );
    // Let the open reads' statistics land: an idle PostgreSQL backend flushes its counters up to 10 s late.
    await sleep(11_000);
    const schema = sys.database.databaseSchema;
    const before = await scans(client, schema);
    await sleep(SECONDS * 1000);
    const after = await scans(client, schema);
    const perSecond = (after - before) / SECONDS;
    console.log(
      `${label}: ${opened} streams open, ${perSecond.toFixed(1)} table accesses/s over ${SECONDS} s`,
    );
    return perSecond;
  } finally {
    for (const ac of aborts) ac.abort();
    await client.end();
    await sys.stop();
  }
}

const base = await measure('baseline', { SSE_PUSH: 'false' });
const ours = await measure('ours', {});
// Without the safety re-read (60 s > the window): what the pushed streams cost while nothing changes.
const pushedOnly = await measure('pushed-only', { SSE_SAFETY_REREAD_MS: '60000' });
const ratio = base > 0 ? ours / base : 0;
console.log(`\nS1 DB table accesses/s with ${STREAMS} idle progress streams (lower is better)`);
console.log(`  ours      ${ours.toFixed(1)} /s   (pushed over Redis, 5 s safety re-read)`);
console.log(`  baseline  ${base.toFixed(1)} /s   (SSE_PUSH=false: 250 ms re-read per stream)`);
console.log(`  ratio     ours ÷ baseline = ${ratio.toFixed(4)}`);
console.log(`  (ours without the safety re-read, SSE_SAFETY_REREAD_MS=60000: ${pushedOnly.toFixed(1)} /s)`);
benchRow({
  what: `S1 DB table accesses/s, ${STREAMS} idle SSE progress streams`,
  ours: `${ours.toFixed(1)} /s`,
  base: `${base.toFixed(1)} /s`,
  ratio: ratio.toFixed(4),
  target: 'reported',
});
benchRow({
  what: `S1 same, safety re-read off (60 s): pushed hints only`,
  ours: `${pushedOnly.toFixed(1)} /s`,
  base: `${base.toFixed(1)} /s`,
  ratio: (base > 0 ? pushedOnly / base : 0).toFixed(4),
  target: 'reported',
});
