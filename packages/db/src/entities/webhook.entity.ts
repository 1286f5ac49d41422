import type { WebhookDeliveryStatus, WebhookEventType } from '@pm/contracts';
import { Entity, Index, Property, Unique } from '@mikro-orm/decorators/legacy';
import { BaseEntity } from './base.js';

/** One signing secret of an endpoint, sealed with the SecretBox (associated data: {@link webhookSecretAadOf}). */
export interface SealedWebhookSecret {
  sealed: string;
  createdAt: string;
  /** Null: current. Set on the previous secret during a rotation; it stops signing after this instant. */
  expiresAt: string | null;
}

/** An admin-registered receiver of outbound webhooks (Standard Webhooks). */
@Entity({ tableName: 'webhook_endpoints' })
export class WebhookEndpoint extends BaseEntity<'description' | 'enabled' | 'allowPrivate'> {
  @Property({ type: 'string', length: 2000 })
  url!: string;

  @Property({ type: 'string', length: 500 })
  description: string = '';

  @Property({ type: 'json' })
  eventTypes!: WebhookEventType[];

  @Property({ type: 'boolean' })
  enabled: boolean = true;

  /** Events of private incidents go only to endpoints an admin allowed to receive them. */
  @Property({ type: 'boolean' })
  allowPrivate: boolean = false;

  /** Current secret last; at most one previous one with an expiry (rotation). */
  @Property({ type: 'json' })
  secrets!: SealedWebhookSecret[];
}

/** Binds a sealed secret to its endpoint (a ciphertext copied into another row does not open). */
export const webhookSecretAadOf = (endpointId: string) => `webhook-endpoint:${endpointId}`;

/** Secrets that still sign at `now` (the current one and a previous one not yet expired). */
export const activeWebhookSecrets = (secrets: SealedWebhookSecret[], now: Date) =>
  secrets.filter((s) => s.expiresAt === null || Date.parse(s.expiresAt) > now.getTime());

/**
 * One event to one endpoint: the delivery log. Unique per (event, endpoint) so the dispatcher may see an event twice
 * (settle window, two workers) and still deliver it once. The payload is frozen at dispatch: retries and
 * "redeliver" send the same body (only the attempt's timestamp and signature change).
 */
@Entity({ tableName: 'webhook_deliveries' })
@Unique({ properties: ['eventId', 'endpointId'] })
@Index({ properties: ['endpointId', 'createdAt'] })
@Index({ properties: ['status', 'updatedAt'] })
export class WebhookDelivery extends BaseEntity<
  | 'status'
  | 'attempts'
  | 'lastStatusCode'
  | 'lastError'
  | 'lastDurationMs'
  | 'responseExcerpt'
  | 'lastAttemptAt'
  | 'deliveredAt'
  | 'incidentId'
> {
  @Property({ type: 'uuid' })
  endpointId!: string;

  /** The domain event's id (the `webhook-id`), or a fresh id for a test event. */
  @Property({ type: 'uuid' })
  eventId!: string;

  @Property({ type: 'string', length: 60 })
  eventType!: string;

  @Property({ type: 'uuid', nullable: true })
  incidentId: string | null = null;

  /** The exact JSON body sent (serialized once, so every attempt signs the same bytes). */
  @Property({ type: 'text' })
  body!: string;

  @Property({ type: 'string', length: 20 })
  status: WebhookDeliveryStatus = 'pending';

  @Property({ type: 'integer' })
  attempts: number = 0;

  @Property({ type: 'integer', nullable: true })
  lastStatusCode: number | null = null;

  @Property({ type: 'string', length: 500, nullable: true })
  lastError: string | null = null;

  @Property({ type: 'integer', nullable: true })
  lastDurationMs: number | null = null;

  @Property({ type: 'string', length: 500, nullable: true })
  responseExcerpt: string | null = null;

  @Property({ type: 'datetime', nullable: true })
  lastAttemptAt: Date | null = null;

  @Property({ type: 'datetime', nullable: true })
  deliveredAt: Date | null = null;
}

// The dispatcher's cursor (`name = 'webhooks'`) is an `EventCursor` row (reminder-log.entity.ts), shared with notifications.
