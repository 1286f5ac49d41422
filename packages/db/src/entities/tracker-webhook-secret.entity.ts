import { Entity, Property } from '@mikro-orm/decorators/legacy';
import { BaseEntity } from './base.js';

/**
 * The secret a tracker signs its webhooks with, per connected account, sealed with the SecretBox (associated data
 * `tracker-webhook-secret:<accountId>` binds it to its account). Kept beside the account rather than in it so the
 * account row's sealed credentials and this receive-side secret rotate independently.
 */
@Entity({ tableName: 'tracker_webhook_secrets' })
export class TrackerWebhookSecret extends BaseEntity {
  @Property({ type: 'uuid', unique: true })
  accountId!: string;

  @Property({ type: 'text' })
  sealedSecret!: string;
}

/** Associated data sealing a webhook secret to its account. */
export const webhookSecretAad = (accountId: string) => `tracker-webhook-secret:${accountId}`;
