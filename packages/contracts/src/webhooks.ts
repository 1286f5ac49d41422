import { z } from 'zod';
import { IdSchema } from './common.js';
import type { DomainEventType } from './events.js';

/**
 * Outbound webhooks (Standard Webhooks, https://www.standardwebhooks.com): admins register endpoints; every domain
 * event of a subscribed type is POSTed to them as `{ type, timestamp, data }`, signed with `webhook-id`,
 * `webhook-timestamp` and `webhook-signature` (HMAC-SHA256, one `v1,<base64>` per active secret).
 */
export const WEBHOOK_EVENT_TYPES = [
  'postmortem.generated',
  'postmortem.failed',
  'postmortem.status_changed',
  'postmortem.owner_changed',
  'postmortem.reviewers_changed',
  'postmortem.exported',
  'postmortem.removed',
  'follow_up.created',
  'follow_up.updated',
  'follow_up.done',
] as const satisfies readonly DomainEventType[];
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];
export const WebhookEventTypeSchema = z.enum(WEBHOOK_EVENT_TYPES);
/** The type of the "send test event" delivery (not a domain event). */
export const WEBHOOK_TEST_EVENT_TYPE = 'webhook.test';

export const WebhookEndpointInputSchema = z
  .object({
    url: z.string().trim().min(1).max(2000),
    description: z.string().trim().max(500).default(''),
    /** Subscribed event types; at least one. */
    eventTypes: z.array(WebhookEventTypeSchema).min(1).max(WEBHOOK_EVENT_TYPES.length),
    enabled: z.boolean().default(true),
    /** Whether events of private incidents may be sent here (an admin's explicit decision). */
    allowPrivate: z.boolean().default(false),
  })
  .strict();
export type WebhookEndpointInput = z.input<typeof WebhookEndpointInputSchema>;
export const WebhookEndpointPatchSchema = WebhookEndpointInputSchema.partial().strict();
export type WebhookEndpointPatch = z.input<typeof WebhookEndpointPatchSchema>;

export const WebhookEndpointSchema = z.object({
  id: IdSchema,
  url: z.string(),
  description: z.string(),
  eventTypes: z.array(WebhookEventTypeSchema),
  enabled: z.boolean(),
  allowPrivate: z.boolean(),
  /** How many secrets currently sign deliveries (2 during a rotation). */
  activeSecrets: z.number().int(),
  /** When the previous secret stops signing, during a rotation. */
  previousSecretExpiresAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type WebhookEndpoint = z.infer<typeof WebhookEndpointSchema>;
export const WebhookEndpointListSchema = z.object({ items: z.array(WebhookEndpointSchema) });

/** Answer of create and rotate: the new secret, shown this once. */
export const WebhookEndpointWithSecretSchema = z.object({
  endpoint: WebhookEndpointSchema,
  secret: z.string(),
});
export type WebhookEndpointWithSecret = z.infer<typeof WebhookEndpointWithSecretSchema>;

export const WebhookRotateInputSchema = z
  .object({
    /** How long the previous secret keeps signing alongside the new one (0 = drop it now). Default 24 h. */
    previousSecretTtlSeconds: z
      .number()
      .int()
      .min(0)
      .max(7 * 24 * 3600)
      .default(24 * 3600),
  })
  .strict();

export const WEBHOOK_DELIVERY_STATUSES = ['pending', 'retrying', 'delivered', 'failed'] as const;
export type WebhookDeliveryStatus = (typeof WEBHOOK_DELIVERY_STATUSES)[number];

export const WebhookDeliverySchema = z.object({
  id: IdSchema,
  endpointId: IdSchema,
  /** The `webhook-id` receivers dedupe on (the domain event's id). */
  eventId: z.string(),
  eventType: z.string(),
  status: z.enum(WEBHOOK_DELIVERY_STATUSES),
  attempts: z.number().int(),
  lastStatusCode: z.number().int().nullable(),
  lastError: z.string().nullable(),
  lastDurationMs: z.number().int().nullable(),
  responseExcerpt: z.string().nullable(),
  lastAttemptAt: z.string().nullable(),
  deliveredAt: z.string().nullable(),
  createdAt: z.string(),
});
export type WebhookDelivery = z.infer<typeof WebhookDeliverySchema>;
export const WebhookDeliveryListSchema = z.object({ items: z.array(WebhookDeliverySchema) });

/** The JSON body POSTed to endpoints. */
export const WebhookPayloadSchema = z.object({
  type: z.string(),
  timestamp: z.string(),
  data: z.record(z.string(), z.unknown()),
});
export type WebhookPayload = z.infer<typeof WebhookPayloadSchema>;
