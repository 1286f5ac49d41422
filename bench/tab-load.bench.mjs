// W1 — Post-Incident tab load. (1) The tab's shipped JS, gzipped: initial chunk and lazy editor chunk, from
// apps/post-incident-tab/dist. (2) Click on a postmortem row → editable, synced editor, in Debian Chromium on
// loopback against the built system (API + worker + collab, SQLite, Redis); median of BENCH_RUNS (default 10) after
// a warm-up, each run on a freshly loaded tab so the editor chunk is loaded again (from the browser cache).
// Baseline in the same run: a minimal page (one bundle: raw HocuspocusProvider + plain Tiptap editor with the same
// schema) navigated to with a ready collab grant, until its editor is editable and synced. The baseline pays a page
// load that ours does not (the tab list is already shown); ours pays the collab-token request, the lazy chunks,
// Vue, comments, carets and live blocks.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { build } from 'vite';
import { bootSystem, generate, median, until } from './lib/harness.mjs';
import { tabSizes } from './lib/w1-sizes.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const RUNS = Number(process.env.BENCH_RUNS ?? 10);
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
const ms = (xs) =>
  `${median(xs).toFixed(0)} ms (${Math.min(...xs).toFixed(0)}–${Math.max(...xs).toFixed(0)})`;

// ---- sizes ---------------------------------------------------------------------------------------------------
const sizes = tabSizes(resolve(here, '../apps/post-incident-tab/dist'));
console.log(`W1 tab JS gzip: initial ${kb(sizes.initialGzip)} (${sizes.initialFiles.join(', ')})`);
console.log(`W1 tab JS gzip: lazy editor ${kb(sizes.editorGzip)} (${sizes.editorFiles.join(', ')})`);
console.log(
  `W1 tab gzip to edit (initial + editor): ${kb(sizes.initialGzip + sizes.editorGzip)} (target ≤ 200 KB)`,
);
console.log(`W1 tab JS gzip: total shipped (all chunks + CSS) ${kb(sizes.totalGzip)}`);

// ---- baseline bundle, served on loopback ------------------------------------------------------------------------
const out = await mkdtemp(join(tmpdir(), 'pm-bench-w1-'));
// Vite's build sets NODE_ENV=production in this process; the system started below must not inherit it.
const nodeEnv = process.env.NODE_ENV;
await build({
  logLevel: 'warn',
  configFile: false,
  root: join(here, 'lib/w1-baseline'),
  define: { 'process.env.NODE_ENV': JSON.stringify('production') },
  build: {
    outDir: out,
    emptyOutDir: false,
    chunkSizeWarningLimit: 10_000,
    target: 'es2022',
    rolldownOptions: {
      input: join(here, 'lib/w1-baseline/entry.mjs'),
      output: { entryFileNames: 'baseline.js' },
    },
  },
});
if (nodeEnv === undefined) delete process.env.NODE_ENV;
else process.env.NODE_ENV = nodeEnv;
const baselineJs = await readFile(join(out, 'baseline.js'));
const page = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>W1 baseline</title></head>
<body><div id="editor"></div><script type="module" src="w1-baseline.js"></script></body></html>`;

// ---- system, one ready postmortem -------------------------------------------------------------------------------
const sys = await bootSystem('w1');
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  // The intercepted baseline page has no network address, so Chromium's local-network checks would block its
  // WebSocket to loopback; both pages talk to loopback only.
  args: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--no-first-run',
    '--disable-features=LocalNetworkAccessChecks',
  ],
});
try {
  const pmId = await generate(sys);
  await until(async () => {
    const r = await fetch(`${sys.api}/postmortems/${pmId}`, { headers: sys.auth });
    return (await r.json()).generationState === 'ready';
  });
  const token = sys.auth.authorization.slice('Bearer '.length);
  const ctx = await browser.newContext({ viewport: { width: 1366, height: 900 } });
  // Signed in as the web shell would be (its session token in localStorage); about:blank has no storage.
  await ctx.addInitScript((t) => {
    try {
      localStorage.setItem('pm.token', t);
    } catch {}
  }, token);
  const tabPage = await ctx.newPage();
  const tabUrl = `${sys.system.urls.web}/incidents/${sys.incidentId}/post-incident`;
  const READY = '[data-testid="pm-connection"][data-status="synced"]';

  async function ours() {
    await tabPage.goto(tabUrl);
    const row = tabPage.locator('[data-testid="pm-row-title"]').first();
    await row.waitFor();
    const t0 = performance.now();
    await row.click();
    await tabPage.waitForSelector(READY, { timeout: 60_000 });
    await tabPage.waitForSelector('[data-testid="pm-editor"][contenteditable="true"]');
    return performance.now() - t0;
  }

  // Collab refuses WebSockets from foreign origins (fault scenario 21), so the baseline page is answered by the
  // browser itself (request interception) under the tab's own origin, which collab allows.
  const baseUrl = `${sys.system.urls.tab}/__w1/`;
  await ctx.route(`${baseUrl}**`, (route) =>
    route.request().url().endsWith('.js')
      ? route.fulfill({ contentType: 'text/javascript', body: baselineJs })
      : route.fulfill({ contentType: 'text/html', body: page }),
  );
  const basePage = await ctx.newPage();
  basePage.on('console', (m) => process.env.BENCH_DEBUG && console.log('[baseline page]', m.text()));
  basePage.on('pageerror', (e) => console.error('[baseline page error]', e.message));
  async function baseline() {
    const grant = await (
      await fetch(`${sys.api}/postmortems/${pmId}/collab-token`, { method: 'POST', headers: sys.auth })
    ).json();
    await basePage.goto('about:blank');
    const t0 = performance.now();
    await basePage.goto(`${baseUrl}#${encodeURIComponent(JSON.stringify(grant))}`);
    const attached = { state: 'attached', timeout: 60_000 };
    await basePage.waitForSelector('#editor [contenteditable="true"]', attached);
    await basePage.waitForSelector('#editor[data-synced="true"]', attached);
    return performance.now() - t0;
  }

  const o = [];
  const b = [];
  await ours(); // warm-up: caches, JIT, collab loads the document
  await baseline();
  for (let i = 0; i < RUNS; i++) {
    o.push(await ours());
    b.push(await baseline());
  }
  const ratio = median(o) / median(b);
  console.log(`W1 baseline bundle gzip: ${kb((await import('node:zlib')).gzipSync(baselineJs).length)}`);
  console.log(`W1 click row → editable synced editor, ${RUNS} runs + warm-up (median, min–max)`);
  console.log(`  ours     ${ms(o)}`);
  console.log(
    `  baseline ${ms(b)}  (minimal page: raw HocuspocusProvider + plain Tiptap, page load included)`,
  );
  console.log(`  ratio    ${ratio.toFixed(2)} (ours ÷ baseline; target: ours ≤ 400 ms median)`);
} finally {
  await browser.close();
  await sys.stop();
  await rm(out, { recursive: true, force: true });
}
