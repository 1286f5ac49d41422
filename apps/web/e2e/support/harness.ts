// Shared by every real-system browser spec: boots the built system (API, worker, collab, static web + tab) on a
// fresh SQLite file and a unique Redis prefix, launches Debian Chromium, and signs users in.
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
// @ts-expect-error plain ESM launcher shared with the start command (no types)
import { startSystem } from '../../../../infra/local/system.mjs';

export const ARTIFACTS = resolve(dirname(fileURLToPath(import.meta.url)), '../artifacts');
export const DEMO_TITLE = 'Checkout API returns 500s after payments deploy';
export const tid = (id: string) => `[data-testid="${id}"]`;

export interface E2e {
  urls: { web: string; api: string; tab: string; collab: string };
  /** The worker's health port (`/healthz`, `/metrics` on loopback). */
  workerHealthUrl: string;
  browser: Browser;
  /** Page errors and console errors of every page opened through `newPage`, prefixed with its label. */
  errors: string[];
  /** A page in a fresh browser context (its own cookies and storage: another user). */
  newPage(opts?: {
    label?: string;
    viewport?: { width: number; height: number };
    /** Errors to leave out (expected ones). */
    ignore?: (text: string, page: Page) => boolean;
    /** Record console errors too, not only uncaught page errors (default true). */
    consoleErrors?: boolean;
  }): Promise<Page>;
  /** Logs `page` in as a demo user and waits for the incident list. */
  signIn(page: Page, email: string): Promise<Page>;
  shot(page: Page, name: string): Promise<void>;
  stop(): Promise<void>;
}

type Proc = {
  label: string;
  logs: string[];
  logTotal: number;
  exitCode: number | null;
  signalCode: string | null;
};
/** The service processes of the systems this spec file has running (for the failure log below). */
const running = new Set<Proc[]>();
const printed = new WeakMap<Proc, number>();

/**
 * Prints what each running service logged (warnings and errors: LOG_LEVEL=warn) since the last print, and whether
 * it is still alive. CI keeps only part of the output, so a failed browser step must carry its server side with it.
 */
export function printServiceLogs(why: string): void {
  for (const procs of running) {
    const parts = procs.map((p) => {
      const fresh = p.logTotal - (printed.get(p) ?? 0);
      printed.set(p, p.logTotal);
      const state =
        p.exitCode !== null || p.signalCode ? `exited (${p.exitCode ?? p.signalCode})` : 'running';
      const lines = fresh > 0 ? p.logs.slice(-Math.min(fresh, 60)) : [];
      return `--- ${p.label}: ${state}, ${fresh} new log lines ---\n${lines.join('\n')}`;
    });
    console.error(`[e2e] service logs after ${why}\n${parts.join('\n')}`);
  }
}

/** Boots the system for one spec file. `label` names the temp folder, Redis prefix and screenshots. */
export async function bootE2e(label: string, env: Record<string, string> = {}): Promise<E2e> {
  await mkdir(ARTIFACTS, { recursive: true });
  const dataDir = await mkdtemp(join(tmpdir(), `pm-e2e-${label}-`));
  const system = await startSystem({
    databaseUrl: `sqlite:${join(dataDir, 'pm.db')}`,
    redisUrl: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
    redisPrefix: `e2e-${label}-${Date.now().toString(36)}`,
    output: 'quiet',
    logLevel: 'warn',
    env,
  });
  const procs = system.procs as Proc[];
  running.add(procs);
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    // Never download anything; no background traffic to hosts this machine cannot reach.
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--disable-sync',
    ],
  });
  const contexts: BrowserContext[] = [];
  const errors: string[] = [];
  return {
    urls: system.urls,
    workerHealthUrl: `http://127.0.0.1:${system.ports.worker}`,
    browser,
    errors,
    async newPage({
      label: who = 'page',
      viewport = { width: 1280, height: 900 },
      ignore,
      consoleErrors = true,
    } = {}) {
      const ctx = await browser.newContext({ viewport });
      contexts.push(ctx);
      const page = await ctx.newPage();
      const record = (text: string) => !ignore?.(text, page) && errors.push(`${who}: ${text}`);
      page.on('pageerror', (e) => record(e.message));
      if (consoleErrors) page.on('console', (m) => m.type() === 'error' && record(m.text()));
      return page;
    },
    async signIn(page, email) {
      await page.goto(`${system.urls.web}/`);
      await page.fill(tid('web-login-email'), email);
      await page.fill(tid('web-login-password'), 'postmortem-demo');
      await page.click(tid('web-login-submit'));
      await page.waitForSelector(tid('web-incident-row'));
      return page;
    },
    async shot(page, name) {
      await page.screenshot({ path: join(ARTIFACTS, `${label}-${name}.png`) });
    },
    async stop() {
      await Promise.all(contexts.map((c) => c.close().catch(() => undefined)));
      await browser.close();
      running.delete(procs);
      await system.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
