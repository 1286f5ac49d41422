import { randomBytes, randomUUID } from 'node:crypto';
import { MikroORM } from '@mikro-orm/core';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type { SecretBox } from '@pm/auth';
import {
  WEBHOOK_TEST_EVENT_TYPE,
  type WebhookDelivery as WebhookDeliveryDto,
  type WebhookEndpoint as WebhookEndpointDto,
  type WebhookEndpointInput,
  type WebhookEndpointPatch,
  type WebhookEndpointWithSecret,
} from '@pm/contracts';
import {
  activeWebhookSecrets,
  WebhookDelivery,
  WebhookEndpoint,
  webhookSecretAadOf,
  type SealedWebhookSecret,
} from '@pm/db';
import { checkUrl, NetGuardError, type NetGuardOptions } from '@pm/net-guard';
import { jobIdFor, JobProducer } from '@pm/queue';
import { AppError } from '../../common/errors.js';
import { API_CONFIG, type ApiConfig } from '../../config.js';
import { SECRET_BOX } from '../accounts/secret-box.provider.js';

/** A Standard Webhooks symmetric secret: `whsec_` + base64 of 32 random bytes. */
const newSecret = () => 'whsec_' + randomBytes(32).toString('base64');

/**
 * Admin management of outbound webhook endpoints. Secrets are sealed with the SecretBox (bound to the endpoint) and
 * shown once, on create and rotate. URLs pass the SSRF guard at save time (and again at every delivery, in the
 * worker). Deliveries are made by the worker; here they are listed, redelivered and test-sent.
 */
@Injectable()
export class WebhookEndpointsService {
  private readonly log = new Logger('WebhookEndpoints');
  private readonly guard: NetGuardOptions;

  constructor(
    private readonly orm: MikroORM,
    @Inject(SECRET_BOX) private readonly box: SecretBox,
    @Inject(API_CONFIG) cfg: ApiConfig,
    private readonly producer: JobProducer,
  ) {
    this.guard = { allowLoopbackForTests: cfg.OUTBOUND_ALLOW_LOOPBACK_FOR_TESTS };
  }

  async list(): Promise<{ items: WebhookEndpointDto[] }> {
    const rows = await this.orm.em.find(WebhookEndpoint, {}, { orderBy: { createdAt: 'asc', id: 'asc' } });
    return { items: rows.map(toDto) };
  }

  async get(id: string): Promise<WebhookEndpointDto> {
    return toDto(await this.find(id));
  }

  async create(input: Required<WebhookEndpointInput>): Promise<WebhookEndpointWithSecret> {
    const url = await this.checkedUrl(input.url);
    const em = this.orm.em;
    const ep = em.create(WebhookEndpoint, { ...input, url, secrets: [] });
    const secret = newSecret();
    ep.secrets = [this.sealed(ep.id, secret)];
    await em.flush();
    this.log.log(`webhook endpoint ${ep.id} created`);
    return { endpoint: toDto(ep), secret };
  }

  async update(id: string, patch: WebhookEndpointPatch): Promise<WebhookEndpointDto> {
    const ep = await this.find(id);
    if (patch.url !== undefined) ep.url = await this.checkedUrl(patch.url);
    if (patch.description !== undefined) ep.description = patch.description;
    if (patch.eventTypes !== undefined) ep.eventTypes = patch.eventTypes;
    if (patch.enabled !== undefined) ep.enabled = patch.enabled;
    if (patch.allowPrivate !== undefined) ep.allowPrivate = patch.allowPrivate;
    await this.orm.em.flush();
    return toDto(ep);
  }

  async remove(id: string): Promise<void> {
    const ep = await this.find(id);
    await this.orm.em.nativeDelete(WebhookDelivery, { endpointId: id });
    await this.orm.em.remove(ep).flush();
  }

  /**
   * A new current secret; the previous current one keeps signing for `ttlSeconds` (both signatures are sent, so
   * receivers switch without dropping a delivery), then stops. Older secrets are dropped now.
   */
  async rotate(id: string, ttlSeconds: number): Promise<WebhookEndpointWithSecret> {
    const ep = await this.find(id);
    const now = new Date();
    const current = ep.secrets.find((s) => s.expiresAt === null);
    const secret = newSecret();
    const previous =
      current && ttlSeconds > 0
        ? [{ ...current, expiresAt: new Date(now.getTime() + ttlSeconds * 1000).toISOString() }]
        : [];
    ep.secrets = [...previous, this.sealed(ep.id, secret)];
    await this.orm.em.flush();
    this.log.log(`webhook endpoint ${ep.id} secret rotated`);
    return { endpoint: toDto(ep), secret };
  }

  async deliveries(id: string): Promise<{ items: WebhookDeliveryDto[] }> {
    await this.find(id);
    const rows = await this.orm.em.find(
      WebhookDelivery,
      { endpointId: id },
      { orderBy: { createdAt: 'desc', id: 'asc' }, limit: 100 },
    );
    return { items: rows.map(toDeliveryDto) };
  }

  /** Sends the delivery again (same webhook-id and body, fresh timestamp and signatures). */
  async redeliver(endpointId: string, deliveryId: string): Promise<WebhookDeliveryDto> {
    await this.find(endpointId);
    const d = await this.orm.em.findOne(WebhookDelivery, { id: deliveryId, endpointId });
    if (!d) throw new AppError('WEBHOOK_DELIVERY_NOT_FOUND', `No delivery ${deliveryId} of this endpoint`);
    d.status = 'pending';
    await this.orm.em.flush();
    await this.enqueue(d.id);
    return toDeliveryDto(d);
  }

  /** A `webhook.test` delivery to this endpoint (not a domain event; carries no incident data). */
  async sendTest(endpointId: string): Promise<WebhookDeliveryDto> {
    const ep = await this.find(endpointId);
    const eventId = randomUUID();
    const body = JSON.stringify({
      type: WEBHOOK_TEST_EVENT_TYPE,
      timestamp: new Date().toISOString(),
      data: { eventId, endpointId: ep.id },
    });
    const d = this.orm.em.create(WebhookDelivery, {
      endpointId: ep.id,
      eventId,
      eventType: WEBHOOK_TEST_EVENT_TYPE,
      body,
    });
    await this.orm.em.flush();
    await this.enqueue(d.id);
    return toDeliveryDto(d);
  }

  /**
   * Enqueues (or, when a retry is waiting its backoff, runs it now). A failed enqueue leaves the row pending: the
   * worker's dispatch pass enqueues pending rows again.
   */
  private async enqueue(deliveryId: string) {
    try {
      const job = await this.producer.queue('webhook').getJob(jobIdFor('webhook.deliver', { deliveryId }));
      if (job && (await job.isDelayed())) await job.promote();
      else if (!job || (await job.isCompleted()) || (await job.isFailed())) {
        await job?.remove().catch(() => undefined);
        await this.producer.enqueue('webhook.deliver', { deliveryId });
      }
    } catch (e) {
      this.log.warn(`enqueue of webhook delivery ${deliveryId} failed: ${(e as Error).message}`);
    }
  }

  private async find(id: string): Promise<WebhookEndpoint> {
    const ep = await this.orm.em.findOne(WebhookEndpoint, { id });
    if (!ep) throw new AppError('WEBHOOK_ENDPOINT_NOT_FOUND', `No webhook endpoint ${id}`);
    return ep;
  }

  private sealed(endpointId: string, secret: string): SealedWebhookSecret {
    return {
      sealed: this.box.seal(secret, webhookSecretAadOf(endpointId)),
      createdAt: new Date().toISOString(),
      expiresAt: null,
    };
  }

  /** 422 for a URL that is not http(s) or points at a loopback / private / link-local address. */
  private async checkedUrl(url: string): Promise<string> {
    try {
      return (await checkUrl(url, this.guard)).url.toString();
    } catch (e) {
      if (!(e instanceof NetGuardError)) throw e;
      const code =
        e.code === 'URL_INVALID' || e.code === 'URL_SCHEME_NOT_ALLOWED'
          ? 'VALIDATION_FAILED'
          : e.code === 'URL_UNRESOLVABLE'
            ? 'URL_UNRESOLVABLE'
            : 'URL_ADDRESS_FORBIDDEN';
      throw new AppError(code, `${url}: ${e.message}`, { url, reason: e.code });
    }
  }
}

function toDto(ep: WebhookEndpoint): WebhookEndpointDto {
  const active = activeWebhookSecrets(ep.secrets, new Date());
  return {
    id: ep.id,
    url: ep.url,
    description: ep.description,
    eventTypes: ep.eventTypes,
    enabled: ep.enabled,
    allowPrivate: ep.allowPrivate,
    activeSecrets: active.length,
    previousSecretExpiresAt: active.find((s) => s.expiresAt !== null)?.expiresAt ?? null,
    createdAt: ep.createdAt.toISOString(),
    updatedAt: ep.updatedAt.toISOString(),
  };
}

function toDeliveryDto(d: WebhookDelivery): WebhookDeliveryDto {
  return {
    id: d.id,
    endpointId: d.endpointId,
    eventId: d.eventId,
    eventType: d.eventType,
    status: d.status,
    attempts: d.attempts,
    lastStatusCode: d.lastStatusCode,
    lastError: d.lastError,
    lastDurationMs: d.lastDurationMs,
    responseExcerpt: d.responseExcerpt,
    lastAttemptAt: d.lastAttemptAt?.toISOString() ?? null,
    deliveredAt: d.deliveredAt?.toISOString() ?? null,
    createdAt: d.createdAt.toISOString(),
  };
}
