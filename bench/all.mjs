// `pnpm bench:all`: every benchmark on SQLite and PostgreSQL with short settings (about 20 minutes on a shared
// 2-core machine), then regenerates the main table of bench/RESULTS.md — only the block between the
// `bench:all` markers, so the other sections (X1/X2, W1, …) stay. Each benchmark prints `BENCH_ROW {json}` lines
// (lib/stats.mjs benchRow); a benchmark that fails leaves a row saying so. BENCH_ALL_ONLY=G1,A1 runs a subset.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const RESULTS = join(here, 'RESULTS.md');
const START = '<!-- bench:all:start -->';
const END = '<!-- bench:all:end -->';
const BOTH = ['sqlite', 'postgresql'];

/** id, script, databases it runs on (`both-in-one`: the script covers both itself), short-run environment. */
const BENCHES = [
  { id: 'G1', script: 'generate.bench.mjs', dbs: BOTH, env: { BENCH_G1_COUNT: '100' } },
  { id: 'G2', script: 'latency.bench.mjs', dbs: BOTH, env: { BENCH_G2_SAMPLES: '15' } },
  { id: 'E1', script: 'enqueue.bench.mjs', dbs: BOTH, env: { BENCH_E1_COUNT: '500' } },
  { id: 'A1', script: 'api-read.bench.mjs', dbs: BOTH, env: { BENCH_A1_SECONDS: '2' } },
  { id: 'C1', script: 'collab-latency.bench.mjs', dbs: BOTH, env: { BENCH_MESSAGES: '50' } },
  { id: 'C2', script: 'collab-capacity.bench.mjs', dbs: BOTH, env: { BENCH_DOCS: '50' } },
  { id: 'C3', script: 'doc-store.bench.mjs', dbs: ['both-in-one'], env: {} },
  // Built by the scale-out work; its row fills in once the script exists.
  { id: 'S1', script: 'scale.bench.mjs', dbs: BOTH, env: {}, optional: true },
];
const only = process.env.BENCH_ALL_ONLY?.split(',');
const RUNS = process.env.BENCH_RUNS ?? '5';
const TIMEOUT_MS = Number(process.env.BENCH_ALL_TIMEOUT_MS ?? 8 * 60_000);

function run(script, env) {
  return new Promise((resolve) => {
    const out = [];
    const child = spawn(process.execPath, [join(here, script)], {
      cwd: join(here, '..'),
      env: { ...process.env, BENCH_RUNS: RUNS, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const timer = setTimeout(() => child.kill('SIGTERM'), TIMEOUT_MS);
    const onData = (b) => {
      process.stdout.write(b);
      out.push(b.toString());
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      resolve({ code: signal ? signal : code, text: out.join('') });
    });
  });
}

const rows = [];
const loads = [];
const started = Date.now();
for (const b of BENCHES) {
  if (only && !only.includes(b.id)) continue;
  if (b.optional && !existsSync(join(here, b.script))) {
    rows.push({
      id: b.id,
      db: '—',
      what: `bench/${b.script} not present yet`,
      ours: '—',
      base: '—',
      ratio: '—',
      target: '≥ 1.7',
    });
    continue;
  }
  for (const db of b.dbs) {
    const env = { ...b.env, ...(db === 'both-in-one' ? {} : { BENCH_DB: db }) };
    console.log(`\n### ${b.id} ${b.script} ${db} (load average ${loadavg()[0].toFixed(1)})`);
    loads.push(loadavg()[0]);
    const { code, text } = await run(b.script, env);
    const found = [...text.matchAll(/^BENCH_ROW (.*)$/gm)].map((m) => JSON.parse(m[1]));
    for (const r of found) rows.push({ id: b.id, ...r, db: r.db ?? db });
    if (code !== 0 || !found.length)
      rows.push({
        id: b.id,
        db,
        what:
          code !== 0
            ? `failed (exit ${code}); see the bench:all log`
            : 'printed no BENCH_ROW line (lib/stats.mjs benchRow)',
        ours: '—',
        base: '—',
        ratio: '—',
        target: '—',
      });
  }
}
const minutes = ((Date.now() - started) / 60_000).toFixed(1);
const current = await readFile(RESULTS, 'utf8');
const cell = (s) => String(s ?? '—').replace(/\|/g, '\\|');
const fresh = rows.map((r) => [r.id, r.db, r.what, r.ours, r.base, r.ratio, r.target].map(cell));
if (only && current.includes(START)) {
  // A partial run keeps the previous table's rows (already escaped) of the benchmarks it did not run.
  const previous = current.slice(current.indexOf(START), current.indexOf(END));
  // Rows as prettier aligns them: `| G1  | sqlite     | … |`; `\|` inside a cell is an escaped pipe.
  for (const m of previous.matchAll(/^\|\s*(\w+)\s*\|(.*)\|\s*$/gm))
    if (m[1] !== 'id' && !only.includes(m[1]))
      fresh.push([m[1], ...m[2].split(/(?<!\\)\|/).map((c) => c.trim())]);
  const order = BENCHES.map((b) => b.id);
  fresh.sort((a, b) => order.indexOf(a[0]) - order.indexOf(b[0]));
}
const table = [
  '| id | database | measure | ours | baseline | ratio | target |',
  '| --- | --- | --- | --- | --- | --- | --- |',
  ...fresh.map((cells) => `| ${cells.join(' | ')} |`),
].join('\n');
const la = loads.length ? `${Math.min(...loads).toFixed(0)}–${Math.max(...loads).toFixed(0)}` : '—';
const partial = only
  ? ` with \`BENCH_ALL_ONLY=${only.join(',')}\` (the other rows are from the previous run)`
  : '';
const block = `${START}
## Main table (\`pnpm bench:all\`, ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC)

Command: \`BENCH_RUNS=${RUNS} pnpm bench:all\`${partial}; took ${minutes} min; 1-minute load average ${la} at the
start of the benchmarks. Ratios are ours ÷ baseline of medians from the same run (rates: higher is better;
latencies: lower is better). Short settings: see bench/all.mjs.

${table}
${END}`;
let next = current.includes(START)
  ? current.replace(new RegExp(`${START}[\\s\\S]*?${END}`), block)
  : current.replace(/\n## /, `\n${block}\n\n## `);
// The repository's `prettier --check .` covers this file: write it formatted.
const prettier = await import('prettier');
next = await prettier.format(next, { ...(await prettier.resolveConfig(RESULTS)), filepath: RESULTS });
await writeFile(RESULTS, next);
console.log(`\nbench/RESULTS.md regenerated (${rows.length} rows measured, ${minutes} min)`);
