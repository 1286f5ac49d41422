// Audit trail on real parts (built API + worker + collab, SQLite, Redis, Debian Chromium): Sam and Priya change a
// postmortem's status and owner, attach and remove a link, and Sam exports it; the admin's audit page (global,
// filtered) and the incident's audit section list each step with the right actor and before → after, and the CSV
// download holds them.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS, bootE2e, DEMO_TITLE, tid, type E2e } from './support/harness.js';

let e2e: E2e;
const rows = (p: Page) => p.locator(tid('pm-postmortem-row'));

async function openPostIncidentTab(page: Page) {
  await page.click(`text=${DEMO_TITLE}`);
  await page.waitForSelector(tid('web-incident-header'));
  await page.click(tid('web-tab-post-incident'));
  await page.waitForSelector(tid('pm-tab'));
}

/** The audit table's rows as the admin sees them. */
const auditRows = (p: Page, scope = tid('audit-trail')) =>
  p.$$eval(`${scope} ${tid('audit-row')}`, (trs) =>
    trs.map((tr) => ({
      type: tr.getAttribute('data-type'),
      actor: tr.querySelector('[data-testid="audit-actor"]')?.textContent?.trim(),
      change: tr.querySelector('[data-testid="audit-change"]')?.textContent?.trim(),
    })),
  );

beforeAll(async () => {
  e2e = await bootE2e('audit');
});

afterAll(async () => {
  await e2e?.stop();
});

describe('audit trail (real system, Chromium)', () => {
  let sam: Page;
  let priya: Page;

  it('two users change status and owner, attach and remove a link, and export', async () => {
    sam = await e2e.signIn(await e2e.newPage({ label: 'sam' }), 'standard@example.com');
    await openPostIncidentTab(sam);
    await sam.click(tid('pm-generate'));
    await sam.waitForSelector(`${tid('pm-preview')} >> text=${DEMO_TITLE}`);
    await sam.click(tid('pm-confirm-generate'));
    await sam.waitForSelector(`${tid('pm-connection')}[data-status="synced"]`, { timeout: 60_000 });
    await sam.click(tid('pm-export-toggle'));
    const [download] = await Promise.all([
      sam.waitForEvent('download', { timeout: 45_000 }),
      sam.click(tid('pm-export-markdown')),
    ]);
    expect(download.suggestedFilename()).toMatch(/\.md$/);
    await sam.click(tid('pm-back'));
    const row = rows(sam).first();
    await expect.poll(() => row.getAttribute('data-generation-state')).toBe('ready');
    await row.locator(tid('pm-status-select')).selectOption('in_review');
    await expect.poll(() => row.getAttribute('data-status')).toBe('in_review');

    priya = await e2e.signIn(await e2e.newPage({ label: 'priya' }), 'priya@example.com');
    await openPostIncidentTab(priya);
    const pRow = rows(priya).first();
    await pRow.locator(tid('pm-owner-select')).selectOption({ label: 'Ada Admin' });
    await expect
      .poll(() => pRow.locator(`${tid('pm-owner-select')} option:checked`).innerText())
      .toBe('Ada Admin');

    await sam.click(tid('pm-attach'));
    await sam.fill(tid('pm-attach-title'), 'Vendor write-up');
    await sam.fill(tid('pm-attach-url'), 'https://wiki.example.com/display/ENG/Vendor');
    await sam.click(tid('pm-attach-submit'));
    await sam.waitForSelector(`${tid('pm-row-link')} >> text=Vendor write-up`);

    const linked = rows(priya).filter({ hasText: 'Vendor write-up' });
    await linked.waitFor({ timeout: 30_000 });
    await linked.locator(tid('pm-remove')).click();
    await linked.locator(tid('pm-remove-confirm')).click();
    await expect.poll(() => rows(priya).filter({ hasText: 'Vendor write-up' }).count()).toBe(0);
  });

  it("lists each step with the right actor and before → after in the admin's audit page, filtered", async () => {
    const ada = await e2e.signIn(await e2e.newPage({ label: 'ada' }), 'admin@example.com');
    await ada.click(tid('web-nav-audit'));
    await ada.waitForSelector(tid('audit-row'));
    const incidentOption = ada.locator(`${tid('audit-filter-incident')} option`, { hasText: DEMO_TITLE });
    await ada.selectOption(tid('audit-filter-incident'), (await incidentOption.getAttribute('value'))!);
    await ada.click(tid('audit-apply'));
    // The worker's "exported" lands once the file is stored: wait for it, reloading the filtered list.
    await expect
      .poll(
        async () => {
          await ada.click(tid('audit-apply'));
          await ada.waitForSelector(tid('audit-row'));
          return (await auditRows(ada)).map((r) => r.type);
        },
        { timeout: 30_000 },
      )
      .toContain('postmortem.exported');
    const all = await auditRows(ada);
    const one = (type: string) => all.filter((r) => r.type === type);
    expect(one('postmortem.generation_requested')).toEqual([
      expect.objectContaining({ actor: 'Sam Standard' }),
    ]);
    expect(one('postmortem.generated')).toEqual([expect.objectContaining({ actor: 'System' })]);
    expect(one('postmortem.status_changed')).toEqual([
      { type: 'postmortem.status_changed', actor: 'Sam Standard', change: 'status: draft → in_review' },
    ]);
    expect(one('postmortem.owner_changed')).toEqual([
      {
        type: 'postmortem.owner_changed',
        actor: 'Priya Natarajan',
        change: 'owner: Sam Standard → Ada Admin',
      },
    ]);
    expect(one('postmortem.attached')).toEqual([
      expect.objectContaining({
        actor: 'Sam Standard',
        change: expect.stringContaining('title: Vendor write-up'),
      }),
    ]);
    expect(one('postmortem.removed')).toEqual([
      expect.objectContaining({
        actor: 'Priya Natarajan',
        change: expect.stringContaining('Vendor write-up'),
      }),
    ]);
    expect(one('postmortem.export_requested')).toEqual([
      expect.objectContaining({ actor: 'Sam Standard', change: 'kind: markdown' }),
    ]);
    expect(one('postmortem.exported')).toEqual([expect.objectContaining({ actor: 'System' })]);
    await e2e.shot(ada, 'audit-global');

    // Filtered by actor: Priya's two steps only.
    const priyaOption = ada.locator(`${tid('audit-filter-actor')} option`, { hasText: 'Priya Natarajan' });
    await ada.selectOption(tid('audit-filter-actor'), (await priyaOption.getAttribute('value'))!);
    await ada.click(tid('audit-apply'));
    await expect
      .poll(async () => (await auditRows(ada)).map((r) => r.type).sort())
      .toEqual(['postmortem.owner_changed', 'postmortem.removed']);
    await e2e.shot(ada, 'audit-filtered-by-actor');

    // CSV download of the same filter.
    const [download] = await Promise.all([
      ada.waitForEvent('download', { timeout: 30_000 }),
      ada.click(tid('audit-download-csv')),
    ]);
    expect(download.suggestedFilename()).toMatch(/^audit-.*\.csv$/);
    const file = join(ARTIFACTS, 'audit.csv');
    await download.saveAs(file);
    const lines = (await readFile(file, 'utf8')).trim().split('\r\n');
    expect(lines[0]).toMatch(/^seq,id,createdAt,type,/);
    expect(lines).toHaveLength(3);
    expect(lines.slice(1).every((l) => l.includes('Priya Natarajan'))).toBe(true);
    expect(lines.some((l) => l.includes(',postmortem.owner_changed,'))).toBe(true);

    // The incident page's audit section (admins) lists the same steps.
    await ada.click(tid('web-nav-audit'));
    await ada.goto(`${e2e.urls.web}/incidents`);
    await ada.click(`text=${DEMO_TITLE}`);
    await ada.waitForSelector(`${tid('incident-audit')} ${tid('audit-row')}`);
    const section = await auditRows(ada, tid('incident-audit'));
    expect(section.find((r) => r.type === 'postmortem.owner_changed')).toMatchObject({
      actor: 'Priya Natarajan',
      change: 'owner: Sam Standard → Ada Admin',
    });
    expect(section.find((r) => r.type === 'postmortem.status_changed')?.actor).toBe('Sam Standard');
    await ada.locator(tid('incident-audit')).scrollIntoViewIfNeeded();
    await e2e.shot(ada, 'audit-incident-section');
    expect(e2e.errors).toEqual([]);
  });

  it('is not offered to a non-admin', async () => {
    expect(await sam.locator(tid('web-nav-audit')).count()).toBe(0);
    await sam.goto(`${e2e.urls.web}/admin/audit`);
    await sam.waitForURL(/\/incidents/);
  });
});
