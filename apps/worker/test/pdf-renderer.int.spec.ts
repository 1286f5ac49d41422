import { execFileSync } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { jsonToHtmlDocument, type JSONContent } from '@pm/doc-model';
import { waitFor } from '@pm/testing';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { descendantsOf, groupMembers, isAlive } from '../src/exports/browser-process.js';
import { loadPdfEnv } from '../src/exports/pdf-config.js';
import { PdfRenderError } from '../src/exports/pdf-error.js';
import { PdfRenderer } from '../src/exports/pdf-renderer.js';

// Real Chromium (CHROMIUM_PATH, default /usr/bin/chromium) and poppler's pdftotext read the PDF back as a user would.
const env = loadPdfEnv();
const pdfText = (pdf: Buffer) => execFileSync('pdftotext', ['-layout', '-', '-'], { input: pdf }).toString();

const postmortem: JSONContent = {
  type: 'doc',
  content: [
    {
      type: 'heading',
      attrs: { level: 1 },
      content: [{ type: 'text', text: 'Postmortem: checkout outage' }],
    },
    {
      type: 'paragraph',
      content: [
        { type: 'text', text: '<script>alert(1)</script> <img src=x onerror=alert(2)> ' },
        {
          type: 'text',
          text: 'evil link',
          marks: [{ type: 'link', attrs: { href: 'javascript:alert(3)' } }],
        },
      ],
    },
    {
      type: 'incidentCard',
      attrs: { incidentId: null, title: 'Checkout outage', severity: 'SEV-2', status: 'resolved' },
    },
  ],
};

/** An HTTP server counting requests: any hit means the renderer let the page reach the network. */
let server: Server;
let hits = 0;
let origin = '';
beforeAll(async () => {
  server = createServer((_req, res) => {
    hits++;
    res.end('body{color:red}');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

describe('PdfRenderer (Chromium)', () => {
  let renderer: PdfRenderer;
  afterEach(async () => {
    await renderer.close();
  });
  const make = (timeoutMs = env.PDF_TIMEOUT_MS) =>
    (renderer = PdfRenderer.fromEnv({ ...env, PDF_TIMEOUT_MS: timeoutMs }));

  it('prints a postmortem whose text has the title and shows hostile data as text', async () => {
    const pdf = await make().render(jsonToHtmlDocument(postmortem, { title: 'Postmortem: checkout outage' }));
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const text = pdfText(pdf);
    expect(text).toContain('Postmortem: checkout outage');
    expect(text).toContain('<script>alert(1)</script> <img src=x onerror=alert(2)>');
    expect(text).toContain('evil link');
    expect(text).toMatch(/Severity\s+SEV-2/);
  });

  it('runs no script and makes no network request, even for a page without our CSP', async () => {
    const html = `<!doctype html><html><head><link rel="stylesheet" href="${origin}/style.css"></head><body>
      <p id="p">static text</p><img src="${origin}/pixel.png"><iframe src="${origin}/frame"></iframe>
      <script>document.getElementById('p').textContent = 'SCRIPT RAN'; fetch('${origin}/fetch');</script>
      <script src="${origin}/app.js"></script></body></html>`;
    const text = pdfText(await make().render(html));
    expect(text).toContain('static text');
    expect(text).not.toContain('SCRIPT RAN');
    expect(hits).toBe(0);
  });

  it('relaunches the browser after it is killed mid-job, and the next job succeeds', async () => {
    make();
    await renderer.render('<p>warm</p>');
    const first = renderer.browserPid()!;
    expect(first).toBeGreaterThan(0);
    // Freeze the browser so the job is certainly in flight, then kill it.
    process.kill(first, 'SIGSTOP');
    const job = renderer.render('<p>never printed</p>');
    process.kill(first, 'SIGKILL');
    await expect(job).rejects.toMatchObject({ code: 'PDF_BROWSER_CRASHED', retryable: true });
    await waitFor(() => groupMembers(first).length === 0);

    const text = pdfText(await renderer.render('<h1>after the crash</h1>'));
    expect(text).toContain('after the crash');
    expect(renderer.browserPid()).not.toBe(first);
  });

  it('fails a hanging render with PDF_TIMEOUT, kills the stuck browser, and recovers', async () => {
    // Only the hanging job gets the short limit: the warm-up and the recovery (which relaunches Chromium) keep the
    // default one, so a busy machine cannot turn them into false timeouts.
    make();
    await renderer.render('<p>warm</p>');
    const pid = renderer.browserPid()!;
    // A browser that stops answering. A helper process may exit between listing and signalling: nothing to stop.
    for (const p of [pid, ...descendantsOf(pid)]) stopIfAlive(p);
    const error = await renderer.render('<p>hangs</p>', { timeoutMs: 1_500 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PdfRenderError);
    expect(error).toMatchObject({
      code: 'PDF_TIMEOUT',
      message: 'PDF rendering did not finish within 1500 ms',
    });
    expect(groupMembers(pid)).toEqual([]);

    expect(pdfText(await renderer.render('<p>recovered</p>'))).toContain('recovered');
  });

  it('reuses one browser across jobs and leaves no Chromium process after close()', async () => {
    make();
    await Promise.all([renderer.render('<p>a</p>'), renderer.render('<p>b</p>')]);
    const pid = renderer.browserPid()!;
    await renderer.render('<p>c</p>');
    expect(renderer.browserPid()).toBe(pid);
    const children = descendantsOf(pid);
    expect(children.length).toBeGreaterThan(0); // zygote, renderer, utility processes
    await renderer.close();
    expect([pid, ...children].filter(isAlive)).toEqual([]);
    expect(groupMembers(pid)).toEqual([]);
    await expect(renderer.render('<p>late</p>')).rejects.toMatchObject({ code: 'PDF_RENDER_FAILED' });
  });
});

/** SIGSTOPs `pid` unless it has already exited (ESRCH). */
function stopIfAlive(pid: number): void {
  try {
    process.kill(pid, 'SIGSTOP');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ESRCH') throw e;
  }
}
