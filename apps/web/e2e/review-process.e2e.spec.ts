// Review process (issue 15.4) end to end: a SEV-2 incident's generated postmortem gets the full process with owners
// from the incident's roles and business-day due dates; a step is marked done; the review meeting is scheduled and
// its RFC 5545 invite downloaded from the Post-Incident tab.
import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootE2e, DEMO_TITLE, tid, type E2e } from './support/harness.js';

let e2e: E2e;
let ada: Page;
const step = (key: string) => ada.locator(`${tid('pm-review-step')}[data-key="${key}"]`);

beforeAll(async () => {
  e2e = await bootE2e('review-process');
});

afterAll(async () => {
  await e2e?.stop();
});

describe('review process in the Post-Incident tab (real API, worker, Chromium)', () => {
  it('a SEV-2 incident’s new postmortem shows the full process with owners and due dates', async () => {
    ada = await e2e.signIn(
      await e2e.newPage({ label: 'ada', viewport: { width: 1400, height: 1000 } }),
      'admin@example.com',
    );
    await ada.click(`text=${DEMO_TITLE}`);
    await ada.waitForSelector(tid('web-incident-header'));
    await ada.click(tid('web-tab-post-incident'));
    await ada.waitForSelector(tid('pm-tab'));
    await ada.click(tid('pm-generate'));
    await ada.waitForSelector(`${tid('pm-preview')} >> text=${DEMO_TITLE}`);
    await ada.click(tid('pm-confirm-generate'));
    await ada.waitForSelector(tid('pm-editor'), { timeout: 30_000 });
    await ada.click(tid('pm-tab-review'));
    await ada.waitForSelector(tid('pm-review-step'));

    expect(await ada.textContent('#pm-review-title')).toContain('SEV-2');
    const keys = await ada
      .locator(tid('pm-review-step'))
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-key')));
    expect(keys).toEqual([
      'draft_timeline',
      'schedule_review',
      'contributing_factors',
      'agree_follow_ups',
      'publish',
    ]);
    // Owners come from the incident roles: the postmortem owner (Ada generated it) and the commander (Sam).
    expect(await step('draft_timeline').locator(tid('pm-review-step-owner')).textContent()).toContain('Ada');
    expect(await step('schedule_review').locator(tid('pm-review-step-owner')).textContent()).toContain(
      'Sam Standard',
    );
    // Due: a date in the viewer's zone with the zone named, and the owner's business day + zone.
    const due = await step('publish').locator(tid('pm-review-step-due')).textContent();
    expect(due).toMatch(/Due .*(UTC|GMT).*\(\d{4}-\d{2}-\d{2}, UTC\)/);
    // Required for SEV-2: no Skip control.
    expect(await step('draft_timeline').locator('text=Required').count()).toBe(1);
    expect(await step('draft_timeline').locator('button:has-text("Skip")').count()).toBe(0);
    // The demo incident was resolved 12 days ago: the 2-business-day draft is overdue.
    await step('draft_timeline').locator(tid('pm-review-overdue')).waitFor();
    await e2e.shot(ada, 'steps');
  });

  it('marks a step done', async () => {
    await step('draft_timeline').locator(tid('pm-review-done')).click();
    await ada.waitForSelector(
      `${tid('pm-review-step')}[data-key="draft_timeline"] ${tid('pm-review-step-status')}:has-text("Done")`,
    );
    expect(await step('draft_timeline').locator(tid('pm-review-overdue')).count()).toBe(0);
  });

  it('schedules the review meeting and downloads its .ics invite', async () => {
    await ada.fill(tid('pm-review-start'), '2030-01-15T14:30');
    await ada.selectOption(tid('pm-review-duration'), '45');
    await ada.fill(tid('pm-review-location'), 'Room 4, floor 2');
    await ada.click(tid('pm-review-schedule'));
    await ada.waitForSelector(tid('pm-review-meeting'));
    // Scheduling completes the "Schedule the review meeting" step.
    await ada.waitForSelector(
      `${tid('pm-review-step')}[data-key="schedule_review"] ${tid('pm-review-step-status')}:has-text("Done")`,
    );
    expect(await ada.textContent(tid('pm-review-meeting'))).toContain('Room 4, floor 2');
    const [download] = await Promise.all([ada.waitForEvent('download'), ada.click(tid('pm-review-ics'))]);
    expect(download.suggestedFilename()).toMatch(/^postmortem-review-\d+\.ics$/);
    const ics = await readFile((await download.path())!, 'utf8');
    expect(ics.startsWith('BEGIN:VCALENDAR\r\n')).toBe(true);
    expect(ics).toContain('METHOD:REQUEST\r\n');
    // The browser runs in UTC here, so 14:30 local is 14:30Z.
    expect(ics).toMatch(/DTSTART:20300115T\d{4}00Z\r\n/);
    expect(ics).toContain('LOCATION:Room 4\\, floor 2');
    expect(ics.match(/^ATTENDEE;/gm)!.length).toBeGreaterThan(1);
    await e2e.shot(ada, 'meeting');
    expect(e2e.errors).toEqual([]);
  });
});
