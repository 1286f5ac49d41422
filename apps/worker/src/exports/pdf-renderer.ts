import { randomUUID } from 'node:crypto';
import type { Browser, BrowserContext } from 'playwright-core';
import { findChildByMarker, groupMembers, isAlive, killGroup } from './browser-process.js';
import type { PdfEnv } from './pdf-config.js';
import { PdfRenderError } from './pdf-error.js';

/** Chromium switches: headless, no sandbox (containers lack user namespaces), and nothing that phones home. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
] as const;

/** Page options of every PDF: A4 unless the document's own `@page` rule says otherwise, backgrounds printed. */
export const PDF_OPTIONS = { format: 'A4', printBackground: true, preferCSSPageSize: true } as const;

/** Options of {@link PdfRenderer}. */
export interface PdfRendererOptions {
  /** The Chromium binary. */
  executablePath: string;
  /** Default upper bound of one job, in ms. */
  timeoutMs: number;
  /** Upper bound of starting Chromium, in ms. */
  launchTimeoutMs: number;
}

/** How long a context may take to close after a timeout before the browser is considered hung and killed. */
const CLOSE_GRACE_MS = 3_000;

const withTimeout = <T>(p: Promise<T>, ms: number): Promise<T | 'timeout'> => {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), ms)));
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
};

/**
 * Prints self-contained HTML documents to PDF with Chromium. One browser per worker process, started on first use and
 * shared by all jobs; each job gets its own context and page with JavaScript disabled, offline, and every request
 * aborted (the document is set with setContent, so it never needs the network). A browser that crashes or hangs is
 * killed with all its processes and relaunched by the next job. Call {@link close} on shutdown.
 */
export class PdfRenderer {
  private browser: Browser | undefined;
  private launching: Promise<Browser> | undefined;
  /** Process id (= process group id) of each browser this renderer started. */
  private readonly pids = new WeakMap<Browser, number>();
  private closed = false;

  constructor(private readonly options: PdfRendererOptions) {}

  /** A renderer configured from the parsed {@link PdfEnv} variables. */
  static fromEnv(env: PdfEnv): PdfRenderer {
    return new PdfRenderer({
      executablePath: env.CHROMIUM_PATH,
      timeoutMs: env.PDF_TIMEOUT_MS,
      launchTimeoutMs: env.PDF_LAUNCH_TIMEOUT_MS,
    });
  }

  /** Process id of the running browser (undefined before the first job, after a crash, or off Linux). */
  browserPid(): number | undefined {
    return this.browser?.isConnected() ? this.pids.get(this.browser) : undefined;
  }

  /**
   * Renders `html` to a PDF. Rejects with a {@link PdfRenderError}: `PDF_TIMEOUT` past `timeoutMs`,
   * `PDF_BROWSER_CRASHED` when the browser died mid-job, `PDF_LAUNCH_FAILED`, or `PDF_RENDER_FAILED`.
   */
  async render(
    html: string,
    { timeoutMs = this.options.timeoutMs }: { timeoutMs?: number } = {},
  ): Promise<Buffer> {
    if (this.closed) throw new PdfRenderError('PDF_RENDER_FAILED', 'the PDF renderer is closed', false);
    const browser = await this.ensureBrowser();
    let context: BrowserContext | undefined;
    const job = (async () => {
      context = await browser.newContext({
        javaScriptEnabled: false,
        offline: true,
        serviceWorkers: 'block',
        acceptDownloads: false,
      });
      await context.route('**/*', (route) => route.abort('blockedbyclient'));
      const page = await context.newPage();
      await page.setContent(html, { waitUntil: 'load', timeout: timeoutMs });
      return page.pdf(PDF_OPTIONS);
    })();
    try {
      const result = await withTimeout(job, timeoutMs);
      if (result === 'timeout') {
        job.catch(() => undefined); // settles (rejects) once the context is closed below
        await this.discard(browser, context);
        throw new PdfRenderError('PDF_TIMEOUT', `PDF rendering did not finish within ${timeoutMs} ms`, true);
      }
      return result;
    } catch (e) {
      if (e instanceof PdfRenderError) throw e;
      if (!browser.isConnected())
        throw new PdfRenderError('PDF_BROWSER_CRASHED', 'the browser exited during PDF rendering', true, {
          cause: e,
        });
      throw new PdfRenderError('PDF_RENDER_FAILED', `PDF rendering failed: ${String(e)}`, false, {
        cause: e,
      });
    } finally {
      if (context)
        await withTimeout(
          context.close().catch(() => undefined),
          CLOSE_GRACE_MS,
        );
    }
  }

  /**
   * Closes the browser and makes sure none of its processes is left (killing the process group if Chromium did not
   * exit in time). Further {@link render} calls are refused.
   */
  async close(): Promise<void> {
    this.closed = true;
    const browser = this.browser ?? (await this.launching?.catch(() => undefined));
    this.browser = undefined;
    if (!browser) return;
    await withTimeout(
      browser.close().catch(() => undefined),
      CLOSE_GRACE_MS,
    );
    await this.reap(browser);
  }

  private async ensureBrowser(): Promise<Browser> {
    if (this.browser?.isConnected()) return this.browser;
    this.launching ??= this.launch().finally(() => (this.launching = undefined));
    return this.launching;
  }

  private async launch(): Promise<Browser> {
    const marker = `--pm-pdf-renderer=${randomUUID()}`;
    let browser: Browser;
    try {
      // Loaded with the first PDF, not at worker start: playwright-core is ≈ 0.5 s of module loading and several MB
      // of heap that a worker which never prints a PDF does not need (profiled in issue 12).
      const { chromium } = await import('playwright-core');
      browser = await chromium.launch({
        executablePath: this.options.executablePath,
        headless: true,
        args: [...CHROMIUM_ARGS, marker],
        timeout: this.options.launchTimeoutMs,
        // The worker's own SIGTERM handling finishes the active job first, then calls close().
        handleSIGTERM: false,
        handleSIGINT: false,
      });
    } catch (e) {
      throw new PdfRenderError('PDF_LAUNCH_FAILED', `could not start Chromium: ${String(e)}`, true, {
        cause: e,
      });
    }
    const pid = findChildByMarker(marker);
    if (pid !== undefined) this.pids.set(browser, pid);
    browser.on('disconnected', () => {
      if (this.browser === browser) this.browser = undefined;
      // A crashed browser's helpers (zygote, renderers) may outlive it: kill what is left of its group.
      void this.reap(browser);
    });
    if (this.closed) {
      await browser.close();
      throw new PdfRenderError('PDF_RENDER_FAILED', 'the PDF renderer is closed', false);
    }
    this.browser = browser;
    return browser;
  }

  /** After a timeout: close the job's context; if even that hangs, the browser is stuck, so kill it. */
  private async discard(browser: Browser, context: BrowserContext | undefined): Promise<void> {
    const closed = context
      ? await withTimeout(
          context.close().then(
            () => true,
            () => false,
          ),
          CLOSE_GRACE_MS,
        )
      : false;
    if (closed === true) return;
    if (this.browser === browser) this.browser = undefined;
    await this.reap(browser);
    await withTimeout(
      browser.close().catch(() => undefined),
      CLOSE_GRACE_MS,
    );
  }

  /**
   * Kills every process left in `browser`'s process group and waits (bounded) until they are gone, so a caller that
   * returns from close() leaves no Chromium process behind.
   */
  private async reap(browser: Browser): Promise<void> {
    const pid = this.pids.get(browser);
    if (pid === undefined) return;
    for (let i = 0; i < 250 && (groupMembers(pid).length > 0 || isAlive(pid)); i++) {
      killGroup(pid);
      await new Promise((r) => setTimeout(r, 20));
    }
  }
}
