// The review workflow's "done when", walked on the real system (built API, worker, collab; SQLite; Redis; Debian
// Chromium; a local SMTP server) by two users in two browser contexts, every step checked through what they see:
// a SEV-2 postmortem gets the full review process (owners, business-day due dates); the quality checklist flags a
// follow-up without due date and a blaming phrase; required reviewers are picked in the header; In Review; Completed is refused
// naming the reviewer; the worker's clock is moved forward (test-only clock file) and one reminder per period
// reaches the owner and the reviewer by e-mail; the reviewer opens it from her bell and approves; Completed; the
// admin's audit trail lists each step with its actor. axe-core (WCAG 2.1 A/AA, serious + critical) runs on each
// state the workflow added: Review and Quality panels, the approvals header, the bell, the audit page.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, waitFor } from '@pm/testing';
import { FakeSmtp } from '@pm/testing/smtp';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations } from './support/a11y.js';
import { bootE2e, DEMO_TITLE, tid, type E2e } from './support/harness.js';
import {
  apiCall,
  auditRows,
  businessDaysAfterUtc,
  completedJobs,
  headerStatus,
  loginToken,
  openPostIncidentTab,
  synced,
} from './support/review-steps.js';

const DAY = 86_400_000;
const RUN = Date.now().toString(36);
const TEMPLATE_NAME = `Walk ${RUN}`;
const FOLLOW_UP = `Add a rollback runbook ${RUN}`;
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

let e2e: E2e;
let smtp: FakeSmtp;
let clockDir = '';
let clockFile = '';
let adaToken = '';
let adaId = '';
let priyaId = '';
let incidentId = '';
let postmortemId = '';
let reminderSubject = '';
let ada: Page;
let priya: Page;

const api = (method: string, path: string, body?: unknown) => apiCall(e2e, adaToken, method, path, body);
/** Moves the worker's reminder clock to `target` (real time + offset, read by the worker on every scan). */
const setWorkerTime = (target: number) => writeFile(clockFile, String(target - Date.now()));
const remindersTo = (email: string) =>
  smtp.withSubject(reminderSubject).filter((m) => m.to.includes(email)).length;
/** Lets at least `n` more reminder scans and notification passes run (a condition, not a sleep). */
async function letScansRun(n = 3) {
  const scans = await completedJobs(e2e, 'reminders.scan');
  const polls = await completedJobs(e2e, 'notify.events');
  await waitFor(
    async () =>
      (await completedJobs(e2e, 'reminders.scan')) >= scans + n &&
      (await completedJobs(e2e, 'notify.events')) >= polls + n,
    { timeout: 30_000 },
  );
}

beforeAll(async () => {
  smtp = new FakeSmtp(await freePort());
  await smtp.start();
  clockDir = await mkdtemp(join(tmpdir(), 'pm-walk-clock-'));
  clockFile = join(clockDir, 'offset');
  e2e = await bootE2e('review-walk', {
    SMTP_URL: `smtp://127.0.0.1:${smtp.port}`,
    SMTP_RETRY_DELAY_MS: '300',
    WORKER_TEST_CLOCK_FILE: clockFile,
    // A postmortem is "stale" after two days; one reminder per UTC day; scans run often, time is moved, not waited.
    REMINDER_STALE_HOURS: '48',
    REMINDER_PERIOD_HOURS: '24',
    REMINDER_SCAN_INTERVAL_MS: '400',
    NOTIFY_POLL_MS: '300',
  });
  adaToken = await loginToken(e2e, 'admin@example.com');
  const users = await api('GET', '/users');
  const byEmail = (email: string) =>
    (users.items ?? users).find((u: { email: string }) => u.email === email).id;
  adaId = byEmail('admin@example.com');
  priyaId = byEmail('priya@example.com');
  incidentId = (await api('GET', '/incidents')).items.find(
    (i: { title: string }) => i.title === DEMO_TITLE,
  ).id;
  // The author's material: a template with a blaming phrase, a follow-up with an owner but no due date.
  await api('POST', '/templates', { name: TEMPLATE_NAME, content: TEMPLATE });
  await api('POST', `/incidents/${incidentId}/follow-ups`, { content: FOLLOW_UP, assigneeIds: [adaId] });
}, 180_000);

afterAll(async () => {
  await e2e?.stop();
  await smtp?.stop();
  if (clockDir) await rm(clockDir, { recursive: true, force: true });
});

describe('review workflow walk (real system, Chromium, two users, SMTP)', () => {
  it('a SEV-2 incident gets the full review process with owners and business-day due dates', async () => {
    ada = await e2e.signIn(
      await e2e.newPage({ label: 'ada', viewport: { width: 1400, height: 1000 } }),
      'admin@example.com',
    );
    await openPostIncidentTab(ada);
    await ada.click(tid('pm-generate'));
    await ada.selectOption(tid('pm-template-select'), { label: TEMPLATE_NAME });
    await ada.waitForSelector(`${tid('pm-preview')} >> text=failed to roll it back`);
    await ada.click(tid('pm-confirm-generate'));
    await ada.waitForSelector(tid('pm-editor'), { timeout: 30_000 });
    await synced(ada);
    postmortemId = (await ada.getAttribute(tid('pm-editor-view'), 'data-postmortem-id'))!;

    await ada.click(tid('pm-tab-review'));
    await ada.waitForSelector(tid('pm-review-step'));
    expect(await ada.textContent('#pm-review-title')).toContain('SEV-2');
    const steps = await ada.locator(tid('pm-review-step')).evaluateAll((els) =>
      els.map((e) => ({
        key: e.getAttribute('data-key'),
        owner: e.querySelector('[data-testid="pm-review-step-owner"]')?.textContent?.trim(),
        due: e.querySelector('[data-testid="pm-review-step-due"]')?.textContent?.trim(),
        required: e.textContent?.includes('Required'),
      })),
    );
    expect(steps.map((s) => s.key)).toEqual([
      'draft_timeline',
      'schedule_review',
      'contributing_factors',
      'agree_follow_ups',
      'publish',
    ]);
    // Owners from the incident's roles: the postmortem owner (Ada, who generated it) and the commander (Sam).
    expect(steps.map((s) => s.owner)).toEqual([
      'Owner: Ada Admin',
      'Owner: Sam Standard',
      'Owner: Ada Admin',
      'Owner: Sam Standard',
      'Owner: Ada Admin',
    ]);
    expect(steps.every((s) => s.required)).toBe(true);
    // Due dates: N business days after the resolution, in the owner's zone (UTC for the demo users).
    const incident = await api('GET', `/incidents/${incidentId}`);
    const resolved = new Date(incident.resolvedAt);
    const days = [2, 3, 5, 7, 10];
    steps.forEach((s, i) => expect(s.due).toContain(`(${businessDaysAfterUtc(resolved, days[i]!)}, UTC)`));
    await e2e.shot(ada, '1-review-process');
    expect.soft(await axeViolations(ada), 'axe: 1-review-process').toEqual([]);
  });

  it('the quality checklist flags the follow-up without a due date and the blaming phrase', async () => {
    await ada.click(tid('pm-tab-quality'));
    await ada.click(tid('pm-quality-run'));
    const followUps = ada.locator(`${tid('pm-quality-check')}[data-check="follow_ups_complete"]`);
    const wording = ada.locator(`${tid('pm-quality-check')}[data-check="blameless_wording"]`);
    await followUps.waitFor();
    expect(await followUps.getAttribute('data-status')).toBe('warn');
    expect(await followUps.locator(tid('pm-quality-item')).allTextContents()).toContainEqual(
      expect.stringContaining(`"${FOLLOW_UP}" has no due date`),
    );
    expect(await wording.getAttribute('data-status')).toBe('warn');
    expect((await wording.locator(tid('pm-quality-item')).allTextContents()).map((t) => t.trim())).toEqual([
      expect.stringMatching(/^"failed to": Blaming wording/),
    ]);
    await e2e.shot(ada, '2-quality-checklist');
    expect.soft(await axeViolations(ada), 'axe: 2-quality-checklist').toEqual([]);
  });

  it('required reviewers are set, the postmortem moves to In Review, and Completed is refused', async () => {
    // The owner picks the required reviewer in the document header.
    await ada.click(`${tid('pm-reviewers-edit')}:has-text("Set reviewers")`);
    await ada.check(`${tid('pm-reviewer-option')}[data-user-id="${priyaId}"]`);
    await e2e.shot(ada, '3a-set-reviewers');
    expect.soft(await axeViolations(ada), 'axe: 3a-set-reviewers').toEqual([]);
    await ada.click(tid('pm-reviewers-save'));
    await ada.waitForSelector(`${tid('pm-review-count')}:has-text("0 of 1 approvals")`, { timeout: 15_000 });
    await ada.waitForSelector(`${tid('pm-reviewers-edit')}:has-text("Change reviewers")`);

    await headerStatus(ada).selectOption('in_review');
    await ada.waitForFunction(
      (sel) => (document.querySelector(sel) as HTMLSelectElement | null)?.value === 'in_review',
      `${tid('pm-document-header')} ${tid('pm-status-select')}`,
    );
    expect(await ada.textContent(tid('pm-review-missing'))).toContain('waiting for Priya Natarajan');
    await e2e.shot(ada, '3-in-review');
    expect.soft(await axeViolations(ada), 'axe: 3-in-review').toEqual([]);

    await headerStatus(ada).selectOption('completed');
    const error = await ada.waitForSelector(tid('pm-header-error'));
    expect(await error.textContent()).toContain('Priya Natarajan');
    await ada.waitForFunction(
      (sel) => (document.querySelector(sel) as HTMLSelectElement | null)?.value === 'in_review',
      `${tid('pm-document-header')} ${tid('pm-status-select')}`,
    );
    await e2e.shot(ada, '4-completed-refused');
  });

  it('a reminder reaches the owner and the reviewer by e-mail once per period (time moved forward)', async () => {
    const pm = await api('GET', `/postmortems/${postmortemId}`);
    reminderSubject = `Reminder: "${pm.title}" is still In Review`;
    // Today: not stale yet, whatever the scans do.
    await letScansRun();
    expect(smtp.withSubject(reminderSubject)).toHaveLength(0);

    // Noon of the UTC day three days ahead: 3.5 days old, far from a period boundary.
    const day3 = Math.floor(Date.now() / DAY) * DAY + 3 * DAY + DAY / 2;
    await setWorkerTime(day3);
    await waitFor(
      async () => remindersTo('admin@example.com') === 1 && remindersTo('priya@example.com') === 1,
      {
        timeout: 30_000,
      },
    );
    // More scans in the same period send nothing more.
    await setWorkerTime(day3 + 3 * 3_600_000);
    await letScansRun();
    expect([remindersTo('admin@example.com'), remindersTo('priya@example.com')]).toEqual([1, 1]);
    const mail = smtp.withSubject(reminderSubject).find((m) => m.to.includes('priya@example.com'))!;
    // The link to the postmortem (quoted-printable soft line breaks removed).
    expect(mail.raw.replace(/=\r\n/g, '')).toContain(
      `/incidents/${incidentId}/post-incident/${postmortemId}`,
    );

    // The next period: one more each.
    await setWorkerTime(day3 + DAY);
    await waitFor(
      async () => remindersTo('admin@example.com') === 2 && remindersTo('priya@example.com') === 2,
      {
        timeout: 30_000,
      },
    );
    await letScansRun();
    expect(smtp.withSubject(reminderSubject)).toHaveLength(4);
  });

  it('the reviewer opens the reminder from her bell in her own browser and approves', async () => {
    priya = await e2e.signIn(
      await e2e.newPage({ label: 'priya', viewport: { width: 1400, height: 1000 } }),
      'priya@example.com',
    );
    await priya.waitForSelector(tid('web-notifications-unread'));
    await priya.click(tid('web-notifications'));
    const reminders = priya.locator(tid('web-notification'), { hasText: reminderSubject });
    await expect.poll(() => reminders.count()).toBe(2);
    expect(await reminders.first().textContent()).toContain('Approvals still needed from 1 reviewer(s).');
    await e2e.shot(priya, '5-reviewer-bell');
    expect.soft(await axeViolations(priya), 'axe: 5-reviewer-bell').toEqual([]);
    await reminders.first().locator('a').click();
    await priya.waitForURL(`**/incidents/${incidentId}/post-incident/${postmortemId}`);
    await synced(priya);
    await priya.click(tid('pm-review-approve'));
    await priya.waitForSelector(`${tid('pm-review-count')}:has-text("1 of 1 approvals")`);
    await priya.waitForSelector(
      `${tid('pm-reviewer')}[data-decision="approved"]:has-text("Priya Natarajan")`,
    );
    // A fresh approval needs no second click; asking for changes stays possible.
    await priya.waitForSelector(tid('pm-review-approve'), { state: 'detached' });
    expect(await priya.locator(tid('pm-review-request-changes')).count()).toBe(1);
    await e2e.shot(priya, '6-reviewer-approved');
    expect.soft(await axeViolations(priya), 'axe: 6-reviewer-approved').toEqual([]);
    // The owner's header follows without a reload.
    await ada.waitForSelector(`${tid('pm-review-count')}:has-text("1 of 1 approvals")`, { timeout: 15_000 });
  });

  it('Completed now succeeds, and reminders stop', async () => {
    await headerStatus(ada).selectOption('completed');
    await ada.waitForSelector(tid('pm-frozen'), { timeout: 15_000 });
    await priya.waitForSelector(tid('pm-frozen'), { timeout: 15_000 });
    await synced(ada);
    await ada.waitForSelector(`${tid('pm-editor')}[contenteditable="false"]`, { timeout: 30_000 });
    await e2e.shot(ada, '7-completed');
    const day5 = Math.floor(Date.now() / DAY) * DAY + 5 * DAY + DAY / 2;
    await setWorkerTime(day5);
    await letScansRun();
    expect(smtp.withSubject(reminderSubject)).toHaveLength(4);
  });

  it('the audit trail shows each step with the right actor', async () => {
    await ada.click(tid('web-nav-audit'));
    await ada.waitForSelector(tid('audit-row'));
    const incidentOption = ada.locator(`${tid('audit-filter-incident')} option`, { hasText: DEMO_TITLE });
    await ada.selectOption(tid('audit-filter-incident'), (await incidentOption.getAttribute('value'))!);
    await ada.click(tid('audit-apply'));
    await expect
      .poll(async () => (await auditRows(ada)).filter((r) => r.type === 'postmortem.approved').length)
      .toBe(1);
    const rows = (await auditRows(ada)).reverse(); // oldest first
    const actorsOf = (type: string) => rows.filter((r) => r.type === type).map((r) => r.actor);
    expect(actorsOf('postmortem.generation_requested')).toEqual(['Ada Admin']);
    expect(actorsOf('postmortem.generated')).toEqual(['System']);
    expect(actorsOf('postmortem.quality_checked')).toContain('Ada Admin');
    expect(actorsOf('postmortem.reviewers_changed')).toEqual(['Ada Admin']);
    expect(actorsOf('postmortem.review_requested')).toEqual(['Ada Admin']);
    expect(actorsOf('postmortem.reminder')).toEqual(['System', 'System']);
    expect(actorsOf('postmortem.approved')).toEqual(['Priya Natarajan']);
    expect(rows.filter((r) => r.type === 'postmortem.status_changed')).toEqual([
      expect.objectContaining({ actor: 'Ada Admin', change: 'status: draft → in_review' }),
      expect.objectContaining({ actor: 'Ada Admin', change: 'status: in_review → completed' }),
    ]);
    // What the admin reads: named actions, and the reviewers by name (not ids, not unchanged settings).
    const one = (type: string) => rows.find((r) => r.type === type);
    expect(one('postmortem.reviewers_changed')).toMatchObject({
      action: 'Reviewers changed',
      change: 'reviewers: nobody → Priya Natarajan',
    });
    expect(
      ['review_requested', 'reminder', 'approved', 'quality_checked'].map(
        (t) => one(`postmortem.${t}`)?.action,
      ),
    ).toEqual(['Review requested', 'Reminder sent', 'Approved', 'Quality checked']);
    // In order: the review is asked before the reminders, which come before the approval and Completed.
    const at = (type: string, change?: string) =>
      rows.findIndex((r) => r.type === type && (!change || r.change === change));
    expect(at('postmortem.reviewers_changed')).toBeLessThan(at('postmortem.review_requested'));
    expect(at('postmortem.review_requested')).toBeLessThan(at('postmortem.reminder'));
    expect(at('postmortem.reminder')).toBeLessThan(at('postmortem.approved'));
    expect(at('postmortem.approved')).toBeLessThan(
      at('postmortem.status_changed', 'status: in_review → completed'),
    );
    await e2e.shot(ada, '8-audit-trail');
    expect.soft(await axeViolations(ada), 'axe: 8-audit-trail').toEqual([]);
    // Only the refused Completed answered an error (409), and nothing else went wrong in either browser.
    expect(e2e.errors.filter((e) => !/409|REVIEW_INCOMPLETE|Conflict/i.test(e))).toEqual([]);
  });
});
