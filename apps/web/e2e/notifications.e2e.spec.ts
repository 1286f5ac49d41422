// Notifications in the shell: the worker's reminder scan (stale draft, overdue follow-up) → the notification
// consumer → the bell. The bell shows the unread count, its list links to the postmortem, marking read works, and the
// settings page is reachable from the user menu.
import { waitFor } from '@pm/testing';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootE2e, DEMO_TITLE, tid, type E2e } from './support/harness.js';

describe('notifications bell (real system, Chromium)', () => {
  let e2e: E2e;
  let token: string;
  let incidentId: string;
  let postmortemId: string;

  const api = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${e2e.urls.api}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
    return res.json();
  };

  beforeAll(async () => {
    // Every draft is "stale" at once and the scans run often: the test waits for conditions, never for days.
    e2e = await bootE2e('notifications', {
      REMINDER_STALE_HOURS: '0',
      REMINDER_SCAN_INTERVAL_MS: '500',
      NOTIFY_POLL_MS: '300',
    });
    const login = await fetch(`${e2e.urls.api}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'standard@example.com', password: 'postmortem-demo' }),
    });
    ({ token } = (await login.json()) as { token: string });
    const me = (await api('GET', '/me')) as { id: string };
    const incidents = (await api('GET', '/incidents')) as { items: { id: string; title: string }[] };
    incidentId = incidents.items.find((i) => i.title === DEMO_TITLE)!.id;
    // Sam owns a draft (attached link) and an overdue follow-up: two reminders.
    postmortemId = (
      (await api('POST', `/incidents/${incidentId}/postmortems/attachments`, {
        title: 'Checkout write-up',
        url: 'https://wiki.example.com/checkout',
      })) as { id: string }
    ).id;
    const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
    await api('POST', `/incidents/${incidentId}/follow-ups`, {
      content: 'Add a canary stage',
      assigneeIds: [me.id],
      dueDate: yesterday,
    });
    // Both reminders delivered (a condition, bounded; not a sleep).
    await waitFor(async () => ((await api('GET', '/notifications')) as { unread: number }).unread === 2, {
      timeout: 60_000,
    });
  });

  afterAll(async () => {
    await e2e?.stop();
  });

  const unreadBadge = (page: Page) =>
    page
      .locator(tid('web-notifications-unread'))
      .textContent({ timeout: 1_000 })
      .catch(() => null);

  it('shows the unread count, links to the postmortem, and marks read', async () => {
    const page = await e2e.signIn(await e2e.newPage({ label: 'sam' }), 'standard@example.com');
    await expect.poll(() => unreadBadge(page)).toBe('2');
    await expect
      .poll(() => page.getAttribute(tid('web-notifications'), 'aria-label'))
      .toBe('Notifications, 2 unread');

    await page.click(tid('web-notifications'));
    const items = page.locator(tid('web-notification'));
    await expect.poll(() => items.count()).toBe(2);
    await e2e.shot(page, '1-bell-open');

    // Mark the follow-up reminder read from the list.
    const followUp = items.filter({ hasText: 'Overdue follow-up: Add a canary stage' });
    await followUp.locator(tid('web-notification-mark-read')).click();
    await expect.poll(() => unreadBadge(page)).toBe('1');
    await expect.poll(() => followUp.locator(tid('web-notification-mark-read')).count()).toBe(0);

    // The postmortem reminder links to the postmortem; opening it marks it read.
    await items.filter({ hasText: 'Checkout write-up' }).locator('a').click();
    await page.waitForURL(`**/incidents/${incidentId}/post-incident/${postmortemId}`);
    await expect.poll(() => unreadBadge(page)).toBe(null);
    const after = (await api('GET', '/notifications')) as {
      unread: number;
      items: { readAt: string | null }[];
    };
    expect(after.unread).toBe(0);
    expect(after.items.every((n) => n.readAt)).toBe(true);
  });

  it('reaches notification settings from the user menu and saves quiet hours', async () => {
    const page = await e2e.signIn(await e2e.newPage({ label: 'sam-settings' }), 'standard@example.com');
    await page.click(tid('web-user-menu'));
    await page.click(tid('web-settings-notifications'));
    await page.waitForSelector(tid('web-notify-save'));
    await page.check(tid('web-notify-quiet'));
    await page.fill(tid('web-notify-quiet-start'), '21:30');
    await page.fill(tid('web-notify-quiet-end'), '07:00');
    await page.selectOption(tid('web-notify-zone'), 'Europe/Berlin');
    await page.uncheck(tid('web-notify-email'));
    await page.click(tid('web-notify-save'));
    await page.waitForSelector('text=Saved.');
    await e2e.shot(page, '2-settings');
    expect(await api('GET', '/me/notification-settings')).toEqual({
      emailEnabled: false,
      quietStart: '21:30',
      quietEnd: '07:00',
      timeZone: 'Europe/Berlin',
    });
    expect(e2e.errors).toEqual([]);
  });
});
