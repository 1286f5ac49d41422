import { MikroORM, UniqueConstraintViolationException } from '@mikro-orm/core';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { WEBHOOK_EVENT_TYPES, type WebhookEventType } from '@pm/contracts';
import { DomainEvent, EventCursor, WebhookDelivery, WebhookEndpoint } from '@pm/db';
import { JobProducer } from '@pm/queue';
import { CLOCK, type Clock } from '../clock.js';
import { WORKER_CONFIG, type WorkerConfig } from '../config.js';
import type { JobHandler } from '../handler.js';
import { nextCursor } from './cursor.js';
import { eventPayload } from './webhook-payload.js';

export const WEBHOOK_CURSOR = 'webhooks';
const BATCH = 500;
/** A pending delivery older than this whose job may have been lost (Redis down at enqueue) is enqueued again. */
const LOST_AFTER_MS = 2 * 60_000;

/**
 * `webhook.dispatch` (scheduled): reads domain events of webhook types after the cursor, creates one delivery row per
 * (event, matching endpoint) and enqueues a `webhook.deliver` job for each. Events of private incidents match only
 * endpoints with `allowPrivate`; an endpoint gets only events recorded after it was created.
 */
@Injectable()
export class WebhookDispatchHandler implements JobHandler<'webhook.dispatch'> {
  readonly jobName = 'webhook.dispatch' as const;
  private readonly log = new Logger('WebhookDispatch');

  constructor(
    private readonly orm: MikroORM,
    private readonly producer: JobProducer,
    @Inject(WORKER_CONFIG) private readonly cfg: WorkerConfig,
    @Inject(CLOCK) private readonly now: Clock,
  ) {}

  async handle(): Promise<{ created: number }> {
    const em = this.orm.em.fork();
    const cursor = await em.findOne(EventCursor, { name: WEBHOOK_CURSOR });
    const from = cursor?.seq ?? 0;
    // Read through a fork that is never flushed: domain_events is append-only (triggers refuse UPDATE), and under
    // SQLite the ORM's change detection on the JSON columns would otherwise try to write loaded events back.
    const events = await this.orm.em
      .fork()
      .find(
        DomainEvent,
        { seq: { $gt: from }, type: { $in: [...WEBHOOK_EVENT_TYPES] } },
        { orderBy: { seq: 'asc' }, limit: BATCH },
      );
    const endpoints = await em.find(WebhookEndpoint, { enabled: true });
    const created: WebhookDelivery[] = [];
    if (events.length && endpoints.length) {
      const existing = await em.find(
        WebhookDelivery,
        { eventId: { $in: events.map((e) => e.id) } },
        { fields: ['eventId', 'endpointId'] },
      );
      const seen = new Set(existing.map((d) => `${d.eventId}:${d.endpointId}`));
      for (const event of events) {
        const candidates = endpoints.filter(
          (ep) =>
            ep.eventTypes.includes(event.type as WebhookEventType) &&
            ep.createdAt.getTime() <= event.createdAt.getTime() &&
            !seen.has(`${event.id}:${ep.id}`),
        );
        if (!candidates.length) continue;
        const subject = await eventPayload(em, event);
        const body = JSON.stringify(subject.payload);
        for (const ep of candidates.filter((c) => !subject.private || c.allowPrivate)) {
          created.push(
            em.create(WebhookDelivery, {
              endpointId: ep.id,
              eventId: event.id,
              eventType: event.type,
              incidentId: subject.incidentId,
              body,
            }),
          );
        }
      }
    }
    const to = nextCursor(from, events, new Date(this.now().getTime() - this.cfg.WEBHOOK_SETTLE_MS));
    if (to !== from) {
      if (cursor) cursor.seq = to;
      else em.create(EventCursor, { name: WEBHOOK_CURSOR, seq: to });
    }
    try {
      await em.flush();
    } catch (e) {
      // Another worker's pass created some of these rows (or the cursor) first: the next pass picks up the rest.
      if (e instanceof UniqueConstraintViolationException) {
        this.log.warn('concurrent webhook dispatch; retrying next pass');
        return { created: 0 };
      }
      throw e;
    }
    const lost = await this.orm.em
      .fork()
      .find(
        WebhookDelivery,
        { status: 'pending', updatedAt: { $lt: new Date(this.now().getTime() - LOST_AFTER_MS) } },
        { fields: ['id'], limit: BATCH },
      );
    for (const d of [...created, ...lost]) {
      // A failed enqueue leaves the row pending; a later pass enqueues it again (same job id: no duplicate).
      await this.producer
        .enqueue('webhook.deliver', { deliveryId: d.id })
        .catch((e: Error) => this.log.warn(`enqueue of delivery ${d.id} failed: ${e.message}`));
    }
    return { created: created.length };
  }
}
