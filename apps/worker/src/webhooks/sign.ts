import { createHmac, randomBytes } from 'node:crypto';

/** Standard Webhooks symmetric secrets: `whsec_` + base64 of the key bytes. */
export const WEBHOOK_SECRET_PREFIX = 'whsec_';

/** A new random secret (32 bytes of key). */
export const newWebhookSecret = () => WEBHOOK_SECRET_PREFIX + randomBytes(32).toString('base64');

/** The HMAC key bytes of a `whsec_…` secret (the prefix is optional, as in the reference libraries). */
export function webhookSecretKey(secret: string): Buffer {
  const b64 = secret.startsWith(WEBHOOK_SECRET_PREFIX) ? secret.slice(WEBHOOK_SECRET_PREFIX.length) : secret;
  const key = Buffer.from(b64, 'base64');
  if (key.length === 0) throw new Error('empty webhook secret');
  return key;
}

/**
 * One `v1,<base64>` signature: HMAC-SHA256 over `msgId.timestamp.body` (Standard Webhooks "Signature scheme").
 * The id and timestamp are signed too, so a receiver that checks the timestamp's age and dedupes on the id detects
 * replays, and a changed body, id or time fails verification.
 */
export function signWebhook(secret: string, msgId: string, timestampSeconds: number, body: string): string {
  if (msgId.includes('.')) throw new Error('webhook id must not contain "."');
  const mac = createHmac('sha256', webhookSecretKey(secret))
    .update(`${msgId}.${timestampSeconds}.${body}`)
    .digest('base64');
  return `v1,${mac}`;
}

/** The three Standard Webhooks headers; one signature per active secret, space separated (rotation). */
export function webhookHeaders(
  secrets: readonly string[],
  msgId: string,
  at: Date,
  body: string,
): Record<string, string> {
  const ts = Math.floor(at.getTime() / 1000);
  return {
    'webhook-id': msgId,
    'webhook-timestamp': String(ts),
    'webhook-signature': secrets.map((s) => signWebhook(s, msgId, ts, body)).join(' '),
  };
}
