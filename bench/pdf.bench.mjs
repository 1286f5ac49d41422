// X2 — PDF export: 1 / 10 / 50-page postmortems through our renderer (apps/worker PdfRenderer: a fresh context + page
// per job, JavaScript off, every request aborted) vs raw `page.pdf()` of the same HTML on one already-open page of a
// warm browser, same process, same run, runs interleaved. Ratio = raw time ÷ our time (throughput, target ≥ 0.9).
// Then RSS growth (node + every Chromium process) over PDF_BENCH_N PDFs of the 10-page document (target ≤ 20 %).
// Run: `pnpm bench:pdf` after `pnpm --filter @pm/doc-model --filter @pm/worker build`. Env: CHROMIUM_PATH,
// BENCH_RUNS (default 5), PDF_BENCH_N (default 1000; each PDF takes a few hundred ms here, so 200 is a quick check).
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { jsonToHtmlDocument } from '@pm/doc-model';
import { chromium } from 'playwright-core';
import { groupMembers } from '../apps/worker/dist/exports/browser-process.js';
import { CHROMIUM_ARGS, PDF_OPTIONS, PdfRenderer } from '../apps/worker/dist/exports/pdf-renderer.js';
import { postmortemOf } from './lib/postmortem-doc.mjs';
import { fmt, RUNS, spread } from './lib/stats.mjs';

const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const N = Number(process.env.PDF_BENCH_N ?? 1000);
const pagesOf = (pdf) => pdf.toString('latin1').match(/\/Type\s*\/Page(?![s\w])/g)?.length ?? 0;
const htmlOf = (sections) =>
  jsonToHtmlDocument(postmortemOf(sections), { title: 'Postmortem: checkout outage' });
const rssKb = (pid) => {
  try {
    return Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
  } catch {
    return 0;
  }
};

const renderer = new PdfRenderer({
  executablePath: CHROMIUM_PATH,
  timeoutMs: 120_000,
  launchTimeoutMs: 30_000,
});
const rawBrowser = await chromium.launch({
  executablePath: CHROMIUM_PATH,
  headless: true,
  args: [...CHROMIUM_ARGS],
});
const rawPage = await rawBrowser.newPage();
const raw = async (html) => {
  await rawPage.setContent(html, { waitUntil: 'load' });
  return rawPage.pdf(PDF_OPTIONS);
};

try {
  // Sections per page, measured once on this Chromium, so the documents have the page counts asked for.
  const perPage = 20 / pagesOf(await raw(htmlOf(20)));
  console.log(
    `X2 PDF · Chromium ${rawBrowser.version()} · 1 warm-up + ${RUNS} runs · ms per PDF, median (min–max)\n`,
  );
  for (const pages of [1, 10, 50]) {
    let sections = Math.max(1, Math.round(pages * perPage));
    while (pages === 1 && sections > 1 && pagesOf(await raw(htmlOf(sections))) > 1) sections--;
    const html = htmlOf(sections);
    const got = pagesOf(await renderer.render(html));
    const perRun = pages === 1 ? 10 : pages === 10 ? 3 : 1;
    const time = async (fn) => {
      const t = performance.now();
      for (let i = 0; i < perRun; i++) await fn(html);
      return (performance.now() - t) / perRun;
    };
    await time((h) => renderer.render(h)); // warm-up
    await time(raw);
    const ours = [];
    const base = [];
    for (let r = 0; r < RUNS; r++) {
      ours.push(await time((h) => renderer.render(h)));
      base.push(await time(raw));
    }
    const o = spread(ours);
    const b = spread(base);
    console.log(
      `${String(pages).padStart(2)} page(s) (${got} printed, ${Math.round(html.length / 1024)} KB HTML): ours ${fmt(o, 1)} · raw page.pdf() ${fmt(b, 1)} · raw ÷ ours ${(b.median / o.median).toFixed(2)} (target ≥ 0.9)`,
    );
  }

  // RSS of node + all processes of our browser, after a warm-up of 20 PDFs and then every N/5 PDFs.
  const html = htmlOf(Math.round(10 * perPage));
  const rss = () => {
    const pid = renderer.browserPid();
    const chromiumKb = pid ? groupMembers(pid).reduce((s, p) => s + rssKb(p), 0) : 0;
    return { node: process.memoryUsage().rss / 1024, chromium: chromiumKb };
  };
  for (let i = 0; i < 20; i++) await renderer.render(html);
  const start = rss();
  const mb = (kb) => `${(kb / 1024).toFixed(0)} MB`;
  console.log(`\nRSS over ${N} PDFs of 10 pages (node + Chromium processes):`);
  console.log(`  after warm-up: node ${mb(start.node)} + chromium ${mb(start.chromium)}`);
  const t0 = performance.now();
  let end = start;
  for (let i = 1; i <= N; i++) {
    await renderer.render(html);
    if (i % Math.max(1, Math.round(N / 5)) === 0 || i === N) {
      end = rss();
      console.log(`  after ${String(i).padStart(4)}: node ${mb(end.node)} + chromium ${mb(end.chromium)}`);
    }
  }
  const total = (x) => x.node + x.chromium;
  console.log(
    `  ${((performance.now() - t0) / N) | 0} ms per PDF · RSS growth ${((total(end) / total(start) - 1) * 100).toFixed(1)} % (target ≤ 20 %; node ${((end.node / start.node - 1) * 100).toFixed(1)} %, chromium ${((end.chromium / start.chromium - 1) * 100).toFixed(1)} %)`,
  );
} finally {
  await renderer.close();
  await rawBrowser.close();
}
