import { createHmac, timingSafeEqual } from 'node:crypto';
import type { DeliveryStore } from './webhook-deliveries.js';

/** Trackers whose webhooks we accept. */
export type WebhookProvider = 'github' | 'jira';

/** Why an inbound webhook was refused. Stable codes: the API answers 401 for every one of them and changes nothing. */
export type WebhookRejectionCode =
  | 'WEBHOOK_SIGNATURE_MISSING'
  | 'WEBHOOK_SIGNATURE_INVALID'
  | 'WEBHOOK_DELIVERY_ID_MISSING'
  | 'WEBHOOK_STALE'
  | 'WEBHOOK_REPLAYED';

/** Outcome of {@link verifyWebhook}. */
export type WebhookVerification =
  | { ok: true; provider: WebhookProvider; deliveryId: string; timestamp?: Date }
  | { ok: false; code: WebhookRejectionCode; message: string };

/** Header bag as Node's `IncomingHttpHeaders` gives it (names in any case are accepted). */
export type WebhookHeaders = Readonly<Record<string, string | readonly string[] | undefined>>;

/**
 * Where each provider puts its signature and delivery id. Both sign the raw body with HMAC-SHA256 in the WebSub form
 * `sha256=<hex>`: GitHub in `X-Hub-Signature-256` (its `X-Hub-Signature` is the legacy SHA-1 one, not used), Jira
 * Cloud admin webhooks registered with a secret in `X-Hub-Signature`.
 */
const PROVIDER_HEADERS: Record<WebhookProvider, { signature: string; delivery: string }> = {
  github: { signature: 'x-hub-signature-256', delivery: 'x-github-delivery' },
  jira: { signature: 'x-hub-signature', delivery: 'x-atlassian-webhook-identifier' },
};

/** `sha256=<hex HMAC-SHA256 of rawBody keyed with secret>`, the value GitHub and Jira send. */
export function hubSignature(secret: string, rawBody: Buffer | string): string {
  return `sha256=${createHmac('sha256', secret).update(rawBody).digest('hex')}`;
}

/**
 * Checks a `sha256=<hex>` signature header against the RAW request body (re-serialised JSON differs byte-wise and
 * would fail), comparing in constant time. Several secrets may be given so a secret can be rotated without downtime.
 */
export function verifyHubSignature(
  secrets: string | readonly string[],
  rawBody: Buffer | string,
  header: string | undefined,
): boolean {
  const match = /^sha256=([0-9a-f]{64})$/i.exec(header?.trim() ?? '');
  if (!match?.[1]) return false;
  const received = Buffer.from(match[1].toLowerCase(), 'hex');
  let ok = false;
  for (const secret of typeof secrets === 'string' ? [secrets] : secrets) {
    if (secret.length === 0) throw new TypeError('webhook secret must not be empty');
    const expected = createHmac('sha256', secret).update(rawBody).digest();
    // No early exit: every configured secret is tried, so timing does not reveal which one matched.
    if (timingSafeEqual(expected, received)) ok = true;
  }
  return ok;
}

/** Options of {@link verifyWebhook}. */
export interface VerifyWebhookOptions {
  provider: WebhookProvider;
  /** The secret configured on the provider's webhook (or several during a rotation). */
  secret: string | readonly string[];
  /** The body exactly as received, before any JSON parsing. */
  rawBody: Buffer | string;
  headers: WebhookHeaders;
  /** Remembers accepted delivery ids; a second delivery with the same id is a replay. */
  store: DeliveryStore;
  /** Oldest event time accepted when the provider states one (Jira's body `timestamp`). Default 5 minutes. */
  maxAgeMs?: number;
  /** Clock, for tests. */
  now?: () => number;
}

function header(headers: WebhookHeaders, name: string): string | undefined {
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() !== name) continue;
    return typeof value === 'string' ? value : value?.[0];
  }
  return undefined;
}

/**
 * Jira states when the event happened (`timestamp`, epoch ms, in the signed body); GitHub states nothing, so for it
 * replay protection rests on the delivery id alone.
 */
function eventTime(provider: WebhookProvider, rawBody: Buffer | string): number | undefined {
  if (provider !== 'jira') return undefined;
  try {
    const parsed: unknown = JSON.parse(rawBody.toString());
    if (
      parsed &&
      typeof parsed === 'object' &&
      'timestamp' in parsed &&
      typeof parsed.timestamp === 'number'
    ) {
      return parsed.timestamp;
    }
  } catch {
    // An unparseable body has no timestamp; the handler rejects it as malformed later.
  }
  return undefined;
}

const reject = (code: WebhookRejectionCode, message: string): WebhookVerification => ({
  ok: false,
  code,
  message,
});

/**
 * Decides whether an inbound tracker webhook may be acted on. Order matters: the signature is checked first so a
 * forged request never reaches the delivery store (it cannot burn a real delivery's id), then staleness, and only a
 * delivery that passes everything is recorded, so a rejected one can still arrive genuinely later.
 */
export async function verifyWebhook(options: VerifyWebhookOptions): Promise<WebhookVerification> {
  const { provider, rawBody, headers, store } = options;
  const names = PROVIDER_HEADERS[provider];
  const signature = header(headers, names.signature);
  if (!signature) return reject('WEBHOOK_SIGNATURE_MISSING', `${names.signature} header is missing`);
  if (!verifyHubSignature(options.secret, rawBody, signature)) {
    return reject('WEBHOOK_SIGNATURE_INVALID', `${names.signature} does not match the body`);
  }

  const at = eventTime(provider, rawBody);
  if (at !== undefined) {
    const now = (options.now ?? Date.now)();
    const maxAge = options.maxAgeMs ?? 5 * 60_000;
    // A timestamp far in the future is as suspicious as an old one; allow the same window for clock skew.
    if (now - at > maxAge || at - now > maxAge) {
      return reject(
        'WEBHOOK_STALE',
        `event time ${new Date(at).toISOString()} is outside the accepted window`,
      );
    }
  }

  const deliveryId = header(headers, names.delivery)?.trim();
  if (!deliveryId) return reject('WEBHOOK_DELIVERY_ID_MISSING', `${names.delivery} header is missing`);
  if (await store.seenDelivery(`${provider}:${deliveryId}`)) {
    return reject('WEBHOOK_REPLAYED', `delivery ${deliveryId} was already processed`);
  }
  return { ok: true, provider, deliveryId, ...(at !== undefined && { timestamp: new Date(at) }) };
}
