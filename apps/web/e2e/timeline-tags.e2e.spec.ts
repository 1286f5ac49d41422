// Timeline curation and structured learnings end to end: a responder tags a timeline entry "Repair" in the
// incident's timeline (keyboard only), a template that renders only repair-tagged entries generates a postmortem
// with just that entry, and a contributing factor added in the tab's panel is listed and stored.
import type { Page } from 'playwright-core';
import { waitFor } from '@pm/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootE2e, DEMO_TITLE, tid, type E2e } from './support/harness.js';

let e2e: E2e;
let ada: Page;
let token = '';
let incidentId = '';
let pmId = '';
const RUN = Date.now().toString(36);
const TAGGED = 'Rollback complete. DB connections back to 190';
const UNTAGGED = 'Paged on-call for checkout';
const TEMPLATE = [
  '# {{ incident.title }}',
  '',
  '## Repair',
  '',
  '{{ incident.timeline | tagged: "repair" }}',
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
  e2e = await bootE2e('timeline-tags');
  const login = await fetch(`${e2e.urls.api}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'admin@example.com', password: 'postmortem-demo' }),
  });
  token = ((await login.json()) as { token: string }).token;
  const incidents = (await api('GET', '/incidents')).items as Array<{ id: string; title: string }>;
  incidentId = incidents.find((i) => i.title === DEMO_TITLE)!.id;
});

afterAll(async () => {
  await e2e?.stop();
});

describe('timeline tags and contributing factors (real API, worker, collab, Chromium)', () => {
  it('tags a timeline entry "Repair" with the keyboard and shows it as a chip', async () => {
    ada = await e2e.signIn(
      await e2e.newPage({ label: 'ada', viewport: { width: 1400, height: 900 } }),
      'admin@example.com',
    );
    await ada.click(`text=${DEMO_TITLE}`);
    await ada.click(tid('web-tab-timeline'));
    const entry = ada.locator(tid('web-timeline-entry'), { hasText: TAGGED });
    await entry.locator(tid('web-entry-tag-open')).focus();
    await ada.keyboard.press('Enter');
    // The input has focus once the form opens: type and submit with Enter.
    await expect
      .poll(() => ada.evaluate(() => document.activeElement?.getAttribute('data-testid')))
      .toBe('web-entry-tag-input');
    await ada.keyboard.type('Repair');
    await e2e.shot(ada, 'timeline-tag-form');
    await ada.keyboard.press('Enter');
    const chip = entry.locator(tid('web-entry-tag'));
    await chip.waitFor();
    expect((await chip.textContent())?.trim()).toMatch(/^Repair/);
    expect(await chip.getAttribute('data-tag')).toBe('repair');
    await e2e.shot(ada, 'timeline-tagged');
    const timeline = (await api('GET', `/incidents/${incidentId}/timeline`)).items as Array<{
      content: string;
      tags: string[];
    }>;
    expect(timeline.filter((e) => e.tags.includes('repair')).map((e) => e.content)).toEqual([
      expect.stringContaining(TAGGED),
    ]);
  });

  it('generates a postmortem from a template rendering only repair-tagged entries', async () => {
    const template = await api('POST', '/templates', { name: `Repair only ${RUN}`, content: TEMPLATE });
    const pm = await api('POST', `/incidents/${incidentId}/postmortems`, {
      templateId: template.id,
      title: `Repair review ${RUN}`,
    });
    pmId = pm.id;
    await waitFor(async () => (await api('GET', `/postmortems/${pmId}`)).generationState === 'ready', {
      timeout: 60_000,
    });
    await ada.click(tid('web-tab-post-incident'));
    await ada.click(`${tid('pm-row-title')}:has-text("Repair review ${RUN}")`);
    await ada.waitForSelector(`${tid('pm-connection')}[data-status="synced"]`, { timeout: 30_000 });
    const editor = ada.locator(tid('pm-editor'));
    await expect.poll(() => editor.textContent(), { timeout: 15_000 }).toContain(TAGGED);
    const text = (await editor.textContent()) ?? '';
    expect(text).not.toContain(UNTAGGED);
    expect(await editor.locator('li').count()).toBe(1);
    await e2e.shot(ada, 'postmortem-repair-only');
  });

  it('adds a contributing factor in the panel and lists it', async () => {
    await ada.click(tid('pm-tab-factors'));
    await ada.locator(tid('pm-factor-form')).waitFor();
    await ada.selectOption(tid('pm-factor-category'), 'Monitoring gap');
    await ada.fill(tid('pm-factor-description'), `No alert on DB connection saturation ${RUN}`);
    await ada.click(tid('pm-factor-add'));
    const factor = ada.locator(tid('pm-factor'));
    await factor.first().waitFor();
    expect(await factor.count()).toBe(1);
    expect(await factor.getAttribute('data-category')).toBe('Monitoring gap');
    expect(await factor.textContent()).toContain(`No alert on DB connection saturation ${RUN}`);
    await e2e.shot(ada, 'contributing-factor');
    const stored = (await api('GET', `/postmortems/${pmId}/contributing-factors`)).items;
    expect(stored).toEqual([
      expect.objectContaining({ category: 'Monitoring gap', createdByName: 'Ada Admin' }),
    ]);

    // Edited in place: the new wording is stored, the category kept.
    await ada.click(tid('pm-factor-edit'));
    await ada.fill(tid('pm-factor-edit-description'), `No alert on DB connections above 80 % ${RUN}`);
    await e2e.shot(ada, 'contributing-factor-editing');
    await ada.click(tid('pm-factor-save'));
    await ada.locator(tid('pm-factor-edit-form')).waitFor({ state: 'detached' });
    expect(await factor.textContent()).toContain(`No alert on DB connections above 80 % ${RUN}`);
    const edited = (await api('GET', `/postmortems/${pmId}/contributing-factors`)).items;
    expect(edited).toEqual([
      expect.objectContaining({
        category: 'Monitoring gap',
        description: `No alert on DB connections above 80 % ${RUN}`,
      }),
    ]);
  });

  it('lets the admin see the category list in Settings', async () => {
    await ada.click(tid('web-user-menu'));
    await ada.click(tid('web-settings-factor-categories'));
    const inputs = ada.locator(tid('factor-category-input'));
    await expect.poll(() => inputs.count()).toBe(7);
    expect(await inputs.nth(3).inputValue()).toBe('Monitoring gap');
    await e2e.shot(ada, 'factor-categories');
    expect(e2e.errors).toEqual([]);
  });
});
