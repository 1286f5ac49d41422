// Quality checks end to end: a postmortem with a blaming phrase and a follow-up without a due date. The tab's
// checklist (server-side checks) lists both, its blaming item selects the phrase in the live document, and the
// phrase is highlighted by an editor decoration that never reaches the stored document.
import type { Page } from 'playwright-core';
import { waitFor } from '@pm/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootE2e, DEMO_TITLE, tid, type E2e } from './support/harness.js';

let e2e: E2e;
let ada: Page;
let token = '';
let pmId = '';
const RUN = Date.now().toString(36);
const FOLLOW_UP = `Rotate the payments key ${RUN}`;
const TEMPLATE = [
  '# {{ incident.title }}',
  '',
  '## Summary',
  '',
  'The deploy went out at 10:00 and the on-call engineer failed to roll it back in time.',
  '',
  '## Timeline',
  '',
  '{{ incident.timeline }}',
  '',
].join('\n');

async function api(method: string, path: string, body?: unknown): Promise<any> {
  const res = await fetch(`${e2e.urls.api}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = res.status === 204 ? null : await res.json();
  if (!res.ok) throw new Error(`${method} ${path} → ${res.status} ${JSON.stringify(json)}`);
  return json;
}

beforeAll(async () => {
  e2e = await bootE2e('quality');
  const login = await fetch(`${e2e.urls.api}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'admin@example.com', password: 'postmortem-demo' }),
  });
  token = ((await login.json()) as { token: string }).token;
});

afterAll(async () => {
  await e2e?.stop();
});

describe('quality checklist (real API, worker, collab, Chromium)', () => {
  it('a postmortem is generated with a blaming phrase, and a follow-up has no due date', async () => {
    const incidents = (await api('GET', '/incidents')).items as Array<{ id: string; title: string }>;
    const incidentId = incidents.find((i) => i.title === DEMO_TITLE)!.id;
    const template = await api('POST', '/templates', { name: `Quality ${RUN}`, content: TEMPLATE });
    await api('POST', `/incidents/${incidentId}/follow-ups`, { content: FOLLOW_UP });
    const pm = await api('POST', `/incidents/${incidentId}/postmortems`, {
      templateId: template.id,
      title: `Quality review ${RUN}`,
    });
    pmId = pm.id;
    await waitFor(async () => (await api('GET', `/postmortems/${pmId}`)).generationState === 'ready', {
      timeout: 60_000,
    });
  });

  it('the editor highlights the phrase with advice, as a decoration only', async () => {
    ada = await e2e.signIn(
      await e2e.newPage({ label: 'ada', viewport: { width: 1400, height: 900 } }),
      'admin@example.com',
    );
    await ada.click(`text=${DEMO_TITLE}`);
    await ada.click(tid('web-tab-post-incident'));
    await ada.click(`${tid('pm-row-title')}:has-text("Quality review ${RUN}")`);
    await ada.waitForSelector(`${tid('pm-connection')}[data-status="synced"]`, { timeout: 30_000 });
    const mark = ada.locator(`${tid('pm-editor')} .pm-blaming`);
    await mark.first().waitFor();
    expect(await mark.allTextContents()).toEqual(['failed to']);
    expect(await mark.first().getAttribute('title')).toMatch(/^Blaming wording: consider/);
    // The stored document (a named version of it) has the words but nothing of the highlight.
    const version = await api('POST', `/postmortems/${pmId}/versions`, { name: 'quality check' });
    const stored = JSON.stringify((await api('GET', `/postmortems/${pmId}/versions/${version.id}`)).json);
    expect(stored).toContain('failed to roll it back');
    expect(stored).not.toMatch(/pm-blaming|Blaming wording/);
  });

  it('the checklist lists the follow-up without due date and the blaming phrase', async () => {
    await ada.click(tid('pm-tab-quality'));
    await ada.click(tid('pm-quality-run'));
    const followUps = ada.locator(`${tid('pm-quality-check')}[data-check="follow_ups_complete"]`);
    const wording = ada.locator(`${tid('pm-quality-check')}[data-check="blameless_wording"]`);
    await followUps.waitFor();
    expect(await followUps.getAttribute('data-status')).toBe('warn');
    expect(await followUps.locator(tid('pm-quality-item')).allTextContents()).toContainEqual(
      expect.stringContaining(`"${FOLLOW_UP}" has no assignee and no due date`),
    );
    expect(await wording.getAttribute('data-status')).toBe('warn');
    expect((await wording.locator(tid('pm-quality-item')).allTextContents()).map((t) => t.trim())).toEqual([
      expect.stringMatching(/^"failed to": Blaming wording/),
    ]);
    await e2e.shot(ada, 'checklist');
  });

  it('clicking the blaming item selects the phrase in the document', async () => {
    await ada
      .locator(`${tid('pm-quality-check')}[data-check="blameless_wording"] ${tid('pm-quality-locate')}`)
      .click();
    await waitFor(async () => (await ada.evaluate(() => String(globalThis.getSelection()))) === 'failed to');
    expect(await ada.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('pm-editor');
    await e2e.shot(ada, 'phrase-selected');
  });

  it('clicking the follow-up item opens it in the follow-ups panel', async () => {
    await ada.click(tid('pm-tab-quality'));
    const item = ada.locator(
      `${tid('pm-quality-check')}[data-check="follow_ups_complete"] ${tid('pm-quality-locate')}`,
      { hasText: FOLLOW_UP },
    );
    await item.click();
    await ada.waitForSelector(`${tid('pm-follow-up')}.pm-located:has-text("${FOLLOW_UP}")`);
    await e2e.shot(ada, 'follow-up-located');
    expect(e2e.errors).toEqual([]);
  });
});
