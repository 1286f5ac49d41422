import { MikroORM } from '@mikro-orm/core';
import { Inject, Injectable } from '@nestjs/common';
import { parseSecretKeys, SecretBox } from '@pm/auth';
import { activeWebhookSecrets, WebhookDelivery, WebhookEndpoint, webhookSecretAadOf } from '@pm/db';
import { createGuardedFetch, NetGuardError, type GuardedFetch } from '@pm/net-guard';
import { UnrecoverableError } from 'bullmq';
import { WORKER_CONFIG, type WorkerConfig } from '../config.js';
import type { JobHandler } from '../handler.js';
import { CLOCK, type Clock } from '../clock.js';
import { webhookHeaders } from './sign.js';

const EXCERPT = 500;

/**
 * `webhook.deliver`: POSTs one delivery's frozen body, signed with the endpoint's active secrets and the attempt's
 * timestamp, through the SSRF guard (no redirects followed). 2xx = delivered; anything else is recorded on the row
 * (status code, duration, response excerpt, error) and thrown, so BullMQ retries with exponential backoff until the
 * attempts run out (then the row is `failed`).
 */
@Injectable()
export class WebhookDeliverHandler implements JobHandler<'webhook.deliver'> {
  readonly jobName = 'webhook.deliver' as const;
  private readonly box: SecretBox;
  private readonly fetch: GuardedFetch;

  constructor(
    private readonly orm: MikroORM,
    @Inject(WORKER_CONFIG) private readonly cfg: WorkerConfig,
    @Inject(CLOCK) private readonly now: Clock,
  ) {
    this.box = new SecretBox(parseSecretKeys(cfg.SECRET_KEYS));
    this.fetch = createGuardedFetch({
      allowLoopbackForTests: cfg.OUTBOUND_ALLOW_LOOPBACK_FOR_TESTS,
      maxRedirects: 0,
      connectTimeoutMs: cfg.WEBHOOK_TIMEOUT_MS,
    });
  }

  async handle({ deliveryId }: { deliveryId: string }): Promise<{ status: number }> {
    const em = this.orm.em.fork();
    const d = await em.findOne(WebhookDelivery, { id: deliveryId });
    if (!d || d.status === 'delivered') return { status: 0 };
    const ep = await em.findOne(WebhookEndpoint, { id: d.endpointId });
    if (!ep || !ep.enabled) {
      d.status = 'failed';
      d.lastError = ep ? 'endpoint disabled' : 'endpoint deleted';
      await em.flush();
      return { status: 0 };
    }
    const at = this.now();
    const secrets = activeWebhookSecrets(ep.secrets, at).map((s) =>
      this.box.open(s.sealed, webhookSecretAadOf(ep.id)),
    );
    const headers = {
      ...webhookHeaders(secrets, d.eventId, at, d.body),
      'content-type': 'application/json',
      'user-agent': 'pm-webhooks/1',
    };
    const started = performance.now();
    let status: number | null = null;
    let excerpt: string | null = null;
    let error: string | null = null;
    let permanent = false;
    try {
      const res = await this.fetch(ep.url, {
        method: 'POST',
        headers,
        body: d.body,
        signal: AbortSignal.timeout(this.cfg.WEBHOOK_TIMEOUT_MS),
      });
      status = res.status;
      excerpt = await readExcerpt(res.body);
      if (status < 200 || status >= 300) error = `HTTP ${status}`;
    } catch (e) {
      const err = e as Error;
      // A URL that now resolves to a forbidden address (or redirects) will not get better by retrying.
      permanent = err instanceof NetGuardError;
      error =
        err.name === 'TimeoutError' || err.name === 'AbortError'
          ? `no answer within ${this.cfg.WEBHOOK_TIMEOUT_MS} ms`
          : err.message || String(e);
    }
    d.attempts += 1;
    d.lastAttemptAt = at;
    d.lastStatusCode = status;
    d.lastDurationMs = Math.round(performance.now() - started);
    d.responseExcerpt = excerpt;
    d.lastError = error ? error.slice(0, 500) : null;
    if (!error) {
      d.status = 'delivered';
      d.deliveredAt = at;
      await em.flush();
      return { status: status! };
    }
    d.status = permanent ? 'failed' : 'retrying';
    await em.flush();
    throw permanent ? new UnrecoverableError(error) : new Error(error);
  }

  async onFinalFailure({ deliveryId }: { deliveryId: string }, reason: string): Promise<void> {
    const em = this.orm.em.fork();
    const d = await em.findOne(WebhookDelivery, { id: deliveryId });
    if (!d || d.status === 'delivered') return;
    d.status = 'failed';
    d.lastError ??= reason.slice(0, 500);
    await em.flush();
  }
}

/** The first {@link EXCERPT} characters of a response body; the rest is not read (a huge or endless body). */
async function readExcerpt(body: ReadableStream<Uint8Array> | null): Promise<string | null> {
  if (!body) return null;
  const reader = body.getReader();
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    while (size < EXCERPT * 4) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(Buffer.from(value));
      size += value.length;
    }
  } finally {
    await reader.cancel().catch(() => undefined);
  }
  const text = Buffer.concat(chunks).toString('utf8').slice(0, EXCERPT);
  return text.length ? text : null;
}
