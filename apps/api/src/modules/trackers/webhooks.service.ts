import { MikroORM } from '@mikro-orm/core';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { RedisDeliveryStore, verifyWebhook, type WebhookHeaders, type WebhookProvider } from '@pm/auth';
import { FollowUp } from '@pm/db';
import { Redis } from 'ioredis';
import { AppError } from '../../common/errors.js';
import { API_CONFIG, type ApiConfig } from '../../config.js';
import { FollowUpEvents } from '../follow-ups/follow-up-events.js';
import { recordTimeline, systemActor } from '../incidents/incident-activity.js';
import { readTrackerEvent, type TrackerEvent } from './tracker-events.js';
import { WebhookSecretService } from './webhook-secret.service.js';

const PROVIDER_NAMES: Record<WebhookProvider, string> = { github: 'GitHub', jira: 'Jira' };

/** The one answer for every accepted delivery: the sender learns nothing about which items exist. */
export const ACCEPTED = { accepted: true } as const;

/**
 * Inbound tracker webhooks: verified (signature over the raw body, delivery id not seen before, Jira's timestamp
 * fresh) before anything is read, then applied to the follow-up linked to the issue. A delivery that fails any check
 * answers 401 and changes nothing; an accepted one answers the same whether or not the issue is linked to an item,
 * and whether or not that item's incident is private.
 */
@Injectable()
export class WebhooksService {
  private readonly log = new Logger('TrackerWebhooks');
  private readonly deliveries: RedisDeliveryStore;

  constructor(
    private readonly orm: MikroORM,
    private readonly secrets: WebhookSecretService,
    private readonly events: FollowUpEvents,
    redis: Redis,
    @Inject(API_CONFIG) cfg: ApiConfig,
  ) {
    this.deliveries = new RedisDeliveryStore(redis, { prefix: `${cfg.REDIS_PREFIX}:webhook-delivery:` });
  }

  async receive(
    provider: WebhookProvider,
    accountId: string,
    rawBody: unknown,
    headers: WebhookHeaders,
  ): Promise<typeof ACCEPTED> {
    if (!Buffer.isBuffer(rawBody)) throw new AppError('WEBHOOK_REJECTED', 'the body could not be read');
    const secret = await this.secrets.secretOf(accountId).catch((e: unknown) => {
      // A secret no configured key opens: refuse like a wrong signature, and tell the operator.
      this.log.warn(`webhook secret of account ${accountId} cannot be opened: ${(e as Error).message}`);
      return null;
    });
    // An account without a secret answers exactly like a wrong signature, so ids cannot be probed.
    if (!secret) throw new AppError('WEBHOOK_REJECTED', 'signature does not match the body');
    const verdict = await verifyWebhook({ provider, secret, rawBody, headers, store: this.deliveries });
    if (!verdict.ok) throw new AppError('WEBHOOK_REJECTED', verdict.message, { reason: verdict.code });
    const event = readTrackerEvent(provider, headers, rawBody);
    if (event) await this.apply(provider, accountId, event);
    return ACCEPTED;
  }

  /** Moves the linked follow-up; a no-op when it is already in that state (our own sync echoing back). */
  private async apply(provider: WebhookProvider, accountId: string, event: TrackerEvent): Promise<void> {
    const em = this.orm.em.fork();
    const item = await em.findOne(
      FollowUp,
      { trackerAccountId: accountId, trackerKey: event.key },
      { populate: ['incident'] },
    );
    if (!item) return;
    const actor = systemActor(PROVIDER_NAMES[provider]);
    const label = `follow-up “${item.content.split('\n', 1)[0]}” (${event.key})`;
    if (event.change === 'deleted') {
      if (item.trackerState === 'deleted') return;
      item.trackerState = 'deleted';
      item.trackerError = `${event.key} was deleted in ${actor.name}`;
      recordTimeline(em, item.incident, actor, `${actor.name} issue of ${label} was deleted`);
    } else if (event.change === 'done') {
      if (item.status === 'done') return;
      item.status = 'done';
      item.completedAt = new Date();
      item.completedBy = null;
      recordTimeline(em, item.incident, actor, `${actor.name} marked ${label} done`);
    } else {
      if (item.status !== 'done') return;
      item.status = 'open';
      item.completedAt = null;
      item.completedBy = null;
      recordTimeline(em, item.incident, actor, `${actor.name} reopened ${label}`);
    }
    await em.flush();
    // Open documents and sidebars of the incident refresh like after any other follow-up change.
    await this.events.publish(item.incident.id);
  }
}
