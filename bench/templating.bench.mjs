// Template engine benchmark: preview latency and render throughput for 10 / 100 / 1000 timeline entries,
// time(2n) ÷ time(n) (should stay near 2: no quadratic paths), and a raw baseline measured in the same run:
// markdown-it rendering the equivalent Markdown (our rendered output, i.e. the same document without Liquid).
// Run: `pnpm bench:templating` (after `pnpm --filter @pm/templating build`). Not part of `pnpm test`.
import { performance } from 'node:perf_hooks';
import MarkdownIt from 'markdown-it';
import { jsonToHtml } from '@pm/doc-model';
import { renderTemplate } from '@pm/templating';

const RUNS = 7; // measured runs per case (after one warm-up run)
const TEMPLATE = `# Postmortem: {{incident.title}}

| Field | Value |
| --- | --- |
| Severity | {{incident.severity}} |
| Commander | {{incident.commander}} |
| Detected | {{incident.detected}} |
| Resolved | {{incident.resolved}} |

## Impact

{{incident.customer_impact}}

## Timeline

{{incident.timeline}}

## Key moments

{% for e in incident.timeline %}{% if e.important %}- {{e.time}} {{e.content}}
{% endif %}{% endfor %}

## Follow-ups

{{incident.follow-ups}}
`;

function ctx(n) {
  const t0 = Date.UTC(2024, 4, 1, 9, 0);
  return {
    incident: {
      id: 'inc',
      publicId: 42,
      title: 'Checkout <b>down</b> for EU',
      severity: 'SEV-2',
      status: 'resolved',
      visibility: 'organization',
      summary: 'Checkout failed.',
      commander: { name: 'Ada Lovelace', email: 'ada@example.com', handle: '@ada' },
      createdAt: new Date(t0).toISOString(),
      detectedAt: new Date(t0).toISOString(),
      resolvedAt: new Date(t0 + n * 60_000).toISOString(),
      timeline: Array.from({ length: n }, (_, i) => ({
        content: `Entry ${i}: rolled *back* [deploy](https://example.com/${i}) on node-${i % 17}`,
        important: i % 5 === 0,
        kind: i % 3 ? 'note' : 'update',
        authorName: `Responder ${i % 9}`,
        occurredAt: new Date(t0 + i * 60_000).toISOString(),
      })),
      impacts: [{ description: 'checkout slow', startAt: new Date(t0).toISOString(), endAt: null }],
      followUps: [{ content: 'Add alert', assignee: 'Ada', dueDate: '2024-05-10', done: false }],
    },
    timeZone: 'Europe/Paris',
    generatedAt: new Date(t0 + n * 60_000).toISOString(),
  };
}

/** Runs `fn` `iters` times per sample; returns per-call ms of each measured sample (one warm-up first). */
function measure(fn, iters) {
  for (let i = 0; i < iters; i++) fn();
  const samples = [];
  for (let r = 0; r < RUNS; r++) {
    const t = performance.now();
    for (let i = 0; i < iters; i++) fn();
    samples.push((performance.now() - t) / iters);
  }
  return samples.sort((a, b) => a - b);
}
const median = (s) => s[Math.floor(s.length / 2)];
const fmt = (ms) => (ms < 1 ? `${(ms * 1000).toFixed(0)} µs` : `${ms.toFixed(2)} ms`);
const stat = (s) => `${fmt(median(s)).padStart(9)} (${fmt(s[0])}–${fmt(s[s.length - 1])})`.padEnd(32);

const md = new MarkdownIt({ html: false, linkify: false });
const sizes = [10, 100, 1000];
const rows = [];
const medians = new Map();
// Global warm-up over every size so the JIT has seen all shapes before the first measured case.
for (const n of [10, 100, 1000])
  for (let i = 0; i < 5; i++) md.render(renderTemplate(TEMPLATE, ctx(n)).markdown);
for (const n of sizes.flatMap((x) => [x, 2 * x])) {
  const c = ctx(n);
  const iters = Math.max(3, Math.round(2000 / n));
  const markdown = renderTemplate(TEMPLATE, c).markdown;
  const preview = measure(() => jsonToHtml(renderTemplate(TEMPLATE, c).doc), iters);
  const render = measure(() => renderTemplate(TEMPLATE, c), iters);
  const baseline = measure(() => md.render(markdown), iters);
  medians.set(n, { preview: median(preview), render: median(render), baseline: median(baseline) });
  rows.push({ n, preview, render, baseline });
}

console.log(`Node ${process.version} · ${RUNS} runs after 1 warm-up · median (min–max) per call\n`);
console.log(
  'entries | preview (render+HTML)            | render (→ doc JSON)              | renders/s | baseline markdown-it             | render ÷ baseline',
);
for (const { n, preview, render, baseline } of rows) {
  console.log(
    `${String(n).padStart(7)} | ${stat(preview)} | ${stat(render)} | ${String(Math.round(1000 / median(render))).padStart(9)} | ${stat(baseline)} | ${(median(render) / median(baseline)).toFixed(1)}×`,
  );
}
console.log('\ntime(2n) ÷ time(n) (≈2 means linear):');
for (const n of sizes) {
  const a = medians.get(n);
  const b = medians.get(2 * n);
  console.log(
    `  n=${String(n).padStart(4)}: preview ${(b.preview / a.preview).toFixed(2)} · render ${(b.render / a.render).toFixed(2)} · baseline ${(b.baseline / a.baseline).toFixed(2)}`,
  );
}
