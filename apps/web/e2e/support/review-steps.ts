// Steps and reads shared by the review workflow walk: the same moves as review / quality / audit specs, one place.
import type { Page } from 'playwright-core';
import { DEMO_TITLE, tid, type E2e } from './harness.js';

/** JSON call to the API as the holder of `token`; throws with the status and body on an error answer. */
export async function apiCall(
  e2e: E2e,
  token: string,
  method: string,
  path: string,
  body?: unknown,
): Promise<any> {
  const res = await fetch(`${e2e.urls.api}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path} → ${res.status} ${text}`);
  return text ? JSON.parse(text) : null;
}

export async function loginToken(e2e: E2e, email: string): Promise<string> {
  const res = await fetch(`${e2e.urls.api}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: 'postmortem-demo' }),
  });
  return ((await res.json()) as { token: string }).token;
}

export async function openPostIncidentTab(page: Page, title = DEMO_TITLE): Promise<void> {
  await page.click(`text=${title}`);
  await page.waitForSelector(tid('web-incident-header'));
  await page.click(tid('web-tab-post-incident'));
  await page.waitForSelector(tid('pm-tab'));
}

export const synced = (page: Page) =>
  page.waitForSelector(`${tid('pm-connection')}[data-status="synced"]`, { timeout: 30_000 });

export const headerStatus = (page: Page) =>
  page.locator(`${tid('pm-document-header')} ${tid('pm-status-select')}`);

/** The audit table's rows as the reader sees them. */
export const auditRows = (page: Page, scope = tid('audit-trail')) =>
  page.$$eval(`${scope} ${tid('audit-row')}`, (trs) =>
    trs.map((tr) => ({
      type: tr.getAttribute('data-type'),
      actor: tr.querySelector('[data-testid="audit-actor"]')?.textContent?.trim(),
      action: tr.querySelector('[data-testid="audit-action"]')?.textContent?.trim(),
      change: tr.querySelector('[data-testid="audit-change"]')?.textContent?.trim(),
    })),
  );

/**
 * `n` business days after the UTC day of `start` (weekends skipped, a weekend start moves to Monday): computed
 * here independently of the API so the walk checks the due dates rather than repeating them.
 */
export function businessDaysAfterUtc(start: Date, n: number): string {
  const d = new Date(`${start.toISOString().slice(0, 10)}T00:00:00Z`);
  const weekend = () => d.getUTCDay() === 0 || d.getUTCDay() === 6;
  while (weekend()) d.setUTCDate(d.getUTCDate() + 1);
  for (let left = n; left > 0;) {
    d.setUTCDate(d.getUTCDate() + 1);
    if (!weekend()) left--;
  }
  return d.toISOString().slice(0, 10);
}

/** Completed runs of one worker job (all workers' queue, read from the worker's Prometheus metrics). */
export async function completedJobs(e2e: E2e, name: string): Promise<number> {
  const text = await (await fetch(`${e2e.workerHealthUrl}/metrics`)).text();
  const line = text
    .split('\n')
    .find(
      (l) =>
        l.startsWith('pm_job_duration_seconds_count{') &&
        l.includes(`name="${name}"`) &&
        l.includes('outcome="completed"'),
    );
  return line ? Number(line.trim().split(/\s+/).pop()) : 0;
}
