// Outbound webhooks on the real system in Debian Chromium: an admin creates an endpoint pointing at a local receiver
// (the API and worker run with NODE_ENV=test and the test-only loopback allowance), copies the secret shown once,
// sends a test event, sees the delivery with 200 in the log and redelivers it. The receiver verifies every delivery
// with the Standard Webhooks reference implementation. Then the receiver stops answering: the responder's own actions
// (generate, change status) still complete while a delivery hangs, and the held events arrive once it answers.
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { Page } from 'playwright-core';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootE2e, DEMO_TITLE, tid, type E2e } from './support/harness.js';

let e2e: E2e;
let page: Page;
let server: Server;
let receiverUrl = '';
let secret = '';
const received: Array<{ id: string; verified: boolean }> = [];
/** Event types of the deliveries received (verified ones), in order. */
const types: string[] = [];
/** While true the receiver reads each delivery and never answers it (a hung receiver); `held` keeps them. */
let hold = false;
const held: ServerResponse[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, String(v)]));
      let verified: boolean;
      try {
        new Webhook(secret).verify(Buffer.concat(chunks).toString('utf8'), headers);
        verified = true;
      } catch {
        verified = false;
      }
      received.push({ id: headers['webhook-id'] ?? '', verified });
      if (verified)
        types.push(String((JSON.parse(Buffer.concat(chunks).toString('utf8')) as { type?: string }).type));
      if (hold) held.push(res);
      else res.writeHead(200).end('ok');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const addr = server.address();
  receiverUrl = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}/hook`;
  e2e = await bootE2e('webhooks', {
    NODE_ENV: 'test',
    OUTBOUND_ALLOW_LOOPBACK_FOR_TESTS: 'true',
  });
  page = await e2e.newPage();
}, 180_000);

afterAll(async () => {
  await e2e?.stop();
  server?.closeAllConnections();
  await new Promise<void>((r) => (server ? server.close(() => r()) : r()));
});

describe('webhooks settings (real API + worker, Chromium)', () => {
  it('creates an endpoint, delivers a signed test event (200 in the log) and redelivers it', async () => {
    await e2e.signIn(page, 'admin@example.com');
    await page.click(tid('web-user-menu'));
    await page.click(tid('web-settings-webhooks'));
    await page.click(tid('webhook-add'));
    await page.fill(tid('webhook-url'), receiverUrl);
    await page.click(tid('webhook-save'));
    secret = (await page.locator(tid('webhook-secret-value')).textContent())?.trim() ?? '';
    expect(secret).toMatch(/^whsec_/);
    await e2e.shot(page, 'webhooks-created');

    await page.click(tid('webhook-test'));
    await expect.poll(() => received.length, { timeout: 30_000 }).toBe(1);
    expect(received[0]!.verified).toBe(true);
    const code = page.locator(tid('webhook-delivery-code')).first();
    await expect
      .poll(
        async () => {
          await page.click(tid('webhook-log-refresh'));
          return (await code.textContent())?.trim() ?? '';
        },
        { timeout: 30_000 },
      )
      .toMatch(/^200/);
    expect(await page.locator(tid('webhook-delivery-status')).first().textContent()).toContain('delivered');
    await e2e.shot(page, 'webhooks-delivered');

    await page.click(tid('webhook-redeliver'));
    await expect.poll(() => received.length, { timeout: 30_000 }).toBe(2);
    // Same webhook-id (receivers dedupe on it), fresh signature that still verifies.
    expect(received[1]).toEqual({ id: received[0]!.id, verified: true });
    await expect
      .poll(
        async () => {
          await page.click(tid('webhook-log-refresh'));
          return (await page.locator(tid('webhook-delivery-status')).first().textContent())?.trim();
        },
        { timeout: 30_000 },
      )
      .toBe('delivered');
    expect(e2e.errors).toEqual([]);
  }, 120_000);

  it('a receiver that hangs never delays the responder: generate and a status change complete meanwhile', async () => {
    hold = true;
    const before = types.length;
    await page.goto(`${e2e.urls.web}/`);
    await page.click(`text=${DEMO_TITLE}`);
    await page.click(tid('web-tab-post-incident'));
    await page.click(tid('pm-generate'));
    await page.waitForSelector(`${tid('pm-preview')} >> text=${DEMO_TITLE}`);
    await page.click(tid('pm-confirm-generate'));
    await page.waitForSelector(tid('pm-editor'), { timeout: 60_000 });
    // postmortem.generated reaches the receiver, which holds the request open.
    await expect.poll(() => held.length, { timeout: 60_000 }).toBeGreaterThanOrEqual(1);
    expect(types.slice(before)).toContain('postmortem.generated');
    const hanging = held[0]!;

    // While that delivery hangs, the responder changes the status: the API answers and the header shows it.
    const answered = page.waitForResponse(
      (r) => r.request().method() === 'PATCH' && /\/postmortems\/[^/]+$/.test(new URL(r.url()).pathname),
    );
    await page.locator(`${tid('pm-document-header')} ${tid('pm-status-select')}`).selectOption('in_review');
    expect((await answered).status()).toBe(200);
    expect(hanging.writableEnded).toBe(false); // the receiver still has not answered
    await e2e.shot(page, 'webhooks-receiver-hangs-status-changed');

    // The receiver recovers: the held events (retried after the worker's timeout) and the status change arrive.
    hold = false;
    for (const res of held.splice(0)) if (!res.writableEnded) res.writeHead(200).end('ok');
    await expect.poll(() => types.slice(before), { timeout: 120_000 }).toContain('postmortem.status_changed');
    expect(e2e.errors).toEqual([]);
  }, 240_000);
});
