// X1 — export serializers (@pm/doc-model): Markdown, HTML and Confluence storage format on postmortems of 10 KB → 1 MB
// of JSON. Prints, per size, median (min–max) per call of each serializer and of the raw baseline measured in the same
// run — prosemirror-markdown's defaultMarkdownSerializer.serialize of the same content, given as a ready ProseMirror
// node in its own schema (tables, task lists and the card become paragraphs/lists there) — then ours ÷ raw and
// time(2n) ÷ time(n). Targets: time(2n) ÷ time(n) ≤ 2.2, ours ÷ raw ≤ 1.2.
// Run: `pnpm bench:serializers` (after `pnpm --filter @pm/doc-model build`). BENCH_RUNS (default 5) measured runs.
import { performance } from 'node:perf_hooks';
import { jsonToConfluenceStorage, jsonToHtml, jsonToMarkdown } from '@pm/doc-model';
import { defaultMarkdownSerializer, schema } from 'prosemirror-markdown';
import { postmortemOfSize, toMarkdownSchemaJson } from './lib/postmortem-doc.mjs';
import { fmt, RUNS, spread } from './lib/stats.mjs';

const SIZES = [10_000, 20_000, 100_000, 200_000, 500_000, 1_000_000];
const PAIRS = [
  [10_000, 20_000],
  [100_000, 200_000],
  [500_000, 1_000_000],
];
const SERIALIZERS = {
  markdown: jsonToMarkdown,
  html: jsonToHtml,
  confluence: jsonToConfluenceStorage,
};

/** Per-call ms of `fn` for one warm-up run and RUNS measured runs of `iters` calls each. */
function measure(fn, iters) {
  for (let i = 0; i < iters; i++) fn();
  const runs = [];
  for (let r = 0; r < RUNS; r++) {
    const t = performance.now();
    for (let i = 0; i < iters; i++) fn();
    runs.push((performance.now() - t) / iters);
  }
  return spread(runs);
}

console.log(
  `X1 serializers · Node ${process.version} · 1 warm-up + ${RUNS} runs · ms per call, median (min–max)\n`,
);
const results = new Map();
for (const target of SIZES) {
  const { doc, bytes } = postmortemOfSize(target);
  const raw = schema.nodeFromJSON(toMarkdownSchemaJson(doc));
  const iters = Math.max(3, Math.round(3_000_000 / bytes));
  const row = { bytes, raw: measure(() => defaultMarkdownSerializer.serialize(raw), iters) };
  for (const [name, fn] of Object.entries(SERIALIZERS)) row[name] = measure(() => fn(doc), iters);
  results.set(target, row);
  const cells = Object.keys(SERIALIZERS).map(
    (name) => `${name} ${fmt(row[name], 3)} (÷raw ${(row[name].median / row.raw.median).toFixed(2)})`,
  );
  console.log(
    `${String(Math.round(bytes / 1000)).padStart(5)} KB · raw ${fmt(row.raw, 3)} · ${cells.join(' · ')}`,
  );
}

console.log('\ntime(2n) ÷ time(n) (≈2 is linear; target ≤ 2.2):');
for (const [n, n2] of PAIRS) {
  const a = results.get(n);
  const b = results.get(n2);
  const ratios = ['raw', ...Object.keys(SERIALIZERS)].map(
    (name) => `${name} ${(b[name].median / a[name].median).toFixed(2)}`,
  );
  console.log(`  ${n / 1000} KB → ${n2 / 1000} KB: ${ratios.join(' · ')}`);
}

console.log('\nours ÷ raw at 1 MB (target ≤ 1.2):');
const big = results.get(1_000_000);
for (const name of Object.keys(SERIALIZERS))
  console.log(`  ${name.padEnd(11)} ${(big[name].median / big.raw.median).toFixed(2)}`);
