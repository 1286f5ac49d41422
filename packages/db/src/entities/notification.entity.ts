import { randomUUID } from 'node:crypto';
import { OptionalProps, type Rel } from '@mikro-orm/core';
import { Entity, Index, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';
import { User } from './user.entity.js';

/** What happened to a notification's e-mail. */
export type NotificationEmailState = 'none' | 'queued' | 'sent' | 'skipped' | 'failed';

/**
 * One in-app notification of one user, made from a domain event's `notify` (reminders are domain events too).
 * Unique (event, user): a redelivered or re-read event never notifies twice; the row is written before any e-mail
 * is queued, so the bell shows it whatever SMTP does.
 */
@Entity({ tableName: 'notifications' })
@Unique({ properties: ['eventId', 'user'] })
@Index({ properties: ['user', 'createdAt'] })
@Index({ properties: ['user', 'readAt'] })
export class Notification {
  [OptionalProps]?:
    'id' | 'createdAt' | 'incidentId' | 'readAt' | 'link' | 'body' | 'emailState' | 'emailedAt' | 'kind';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => User, { deleteRule: 'cascade' })
  user!: Rel<User>;

  /** The domain event's public id (`domain_events.id`). */
  @Property({ type: 'uuid' })
  eventId!: string;

  /** The event's incident: the list hides notifications of incidents the user can no longer see. */
  @Property({ type: 'uuid', nullable: true })
  incidentId: string | null = null;

  @Property({ type: 'string', length: 20 })
  kind: 'event' | 'reminder' = 'event';

  @Property({ type: 'string', length: 300 })
  title!: string;

  @Property({ type: 'text' })
  body: string = '';

  @Property({ type: 'string', length: 1000, nullable: true })
  link: string | null = null;

  @Property({ type: 'datetime', nullable: true })
  readAt: Date | null = null;

  @Property({ type: 'string', length: 10 })
  emailState: NotificationEmailState = 'none';

  @Property({ type: 'datetime', nullable: true })
  emailedAt: Date | null = null;

  @Property({ type: 'datetime' })
  createdAt: Date = new Date();
}
