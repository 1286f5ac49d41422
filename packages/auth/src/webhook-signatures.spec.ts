import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  MemoryDeliveryStore,
  hubSignature,
  verifyHubSignature,
  verifyWebhook,
  type VerifyWebhookOptions,
  type WebhookVerification,
} from './index.js';

const SECRET = 'unit-test-webhook-secret';

describe('hub signatures', () => {
  it("matches GitHub's documented test vector", () => {
    const secret = "It's a Secret to Everybody";
    const expected = 'sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17';
    expect(hubSignature(secret, 'Hello, World!')).toBe(expected);
    expect(verifyHubSignature(secret, Buffer.from('Hello, World!'), expected)).toBe(true);
  });

  it('matches a fixed known answer (derived once with openssl dgst -sha256 -hmac) and node:crypto', () => {
    const body = '{"action":"closed","issue":{"number":7}}';
    const known = '6b12fb3079893a971551f67434a5a6c67118d1be2edafe856a438e8291c3db45';
    expect(createHmac('sha256', 'fixed-secret').update(body).digest('hex')).toBe(known);
    expect(hubSignature('fixed-secret', body)).toBe(`sha256=${known}`);
    expect(verifyHubSignature('fixed-secret', body, `sha256=${known}`)).toBe(true);
  });

  it('refuses a changed body, a wrong secret, a malformed or missing header', () => {
    const body = '{"a":1}';
    const sig = hubSignature(SECRET, body);
    expect(verifyHubSignature(SECRET, body, sig)).toBe(true);
    expect(verifyHubSignature(SECRET, body, sig.toUpperCase().replace('SHA256', 'sha256'))).toBe(true);
    expect(verifyHubSignature(SECRET, '{"a": 1}', sig)).toBe(false);
    expect(verifyHubSignature('other-secret', body, sig)).toBe(false);
    expect(verifyHubSignature(SECRET, body, sig.replace('sha256=', 'sha1='))).toBe(false);
    expect(verifyHubSignature(SECRET, body, sig.slice(0, -2))).toBe(false);
    expect(verifyHubSignature(SECRET, body, undefined)).toBe(false);
  });

  it('accepts any of several secrets during a rotation and refuses an empty secret loudly', () => {
    const body = 'x';
    expect(verifyHubSignature(['new-secret', SECRET], body, hubSignature(SECRET, body))).toBe(true);
    expect(() => verifyHubSignature('', body, hubSignature('k', body))).toThrow(/empty/);
  });
});

describe('verifyWebhook', () => {
  const github = (body: string, over: Partial<VerifyWebhookOptions> = {}): Promise<WebhookVerification> =>
    verifyWebhook({
      provider: 'github',
      secret: SECRET,
      rawBody: body,
      headers: { 'X-Hub-Signature-256': hubSignature(SECRET, body), 'X-GitHub-Delivery': 'd-1' },
      store: new MemoryDeliveryStore(),
      ...over,
    });

  it('accepts a genuine GitHub delivery and reports its id', async () => {
    expect(await github('{"action":"closed"}')).toEqual({ ok: true, provider: 'github', deliveryId: 'd-1' });
  });

  it('rejects a forged signature without recording the delivery id', async () => {
    const store = new MemoryDeliveryStore();
    const body = '{"action":"closed"}';
    const forged = await github(body, {
      store,
      headers: { 'x-hub-signature-256': hubSignature('attacker', body), 'x-github-delivery': 'd-1' },
    });
    expect(forged).toMatchObject({ ok: false, code: 'WEBHOOK_SIGNATURE_INVALID' });
    // The genuine delivery with that id still goes through afterwards.
    expect(await github(body, { store })).toMatchObject({ ok: true });
  });

  it('rejects a missing signature and a missing delivery id', async () => {
    expect(await github('{}', { headers: { 'x-github-delivery': 'd' } })).toMatchObject({
      code: 'WEBHOOK_SIGNATURE_MISSING',
    });
    expect(
      await github('{}', { headers: { 'x-hub-signature-256': hubSignature(SECRET, '{}') } }),
    ).toMatchObject({
      code: 'WEBHOOK_DELIVERY_ID_MISSING',
    });
  });

  it('rejects a replay of an accepted delivery', async () => {
    const store = new MemoryDeliveryStore();
    expect(await github('{}', { store })).toMatchObject({ ok: true });
    expect(await github('{}', { store })).toMatchObject({ ok: false, code: 'WEBHOOK_REPLAYED' });
  });

  it('uses the Jira headers and rejects an event older than the window', async () => {
    const now = Date.parse('2026-03-01T12:00:00Z');
    const jira = (timestamp: number, id: string) => {
      const body = JSON.stringify({ timestamp, webhookEvent: 'jira:issue_updated' });
      return verifyWebhook({
        provider: 'jira',
        secret: SECRET,
        rawBody: Buffer.from(body),
        headers: { 'x-hub-signature': hubSignature(SECRET, body), 'x-atlassian-webhook-identifier': id },
        store: new MemoryDeliveryStore(),
        maxAgeMs: 60_000,
        now: () => now,
      });
    };
    expect(await jira(now - 30_000, 'j-1')).toEqual({
      ok: true,
      provider: 'jira',
      deliveryId: 'j-1',
      timestamp: new Date(now - 30_000),
    });
    expect(await jira(now - 61_000, 'j-2')).toMatchObject({ ok: false, code: 'WEBHOOK_STALE' });
    expect(await jira(now + 10 * 60_000, 'j-3')).toMatchObject({ ok: false, code: 'WEBHOOK_STALE' });
  });

  it('does not accept a GitHub signature header on a Jira delivery', async () => {
    const body = JSON.stringify({ timestamp: Date.now() });
    const result = await verifyWebhook({
      provider: 'jira',
      secret: SECRET,
      rawBody: body,
      headers: { 'x-hub-signature-256': hubSignature(SECRET, body), 'x-atlassian-webhook-identifier': 'j' },
      store: new MemoryDeliveryStore(),
    });
    expect(result).toMatchObject({ ok: false, code: 'WEBHOOK_SIGNATURE_MISSING' });
  });
});
