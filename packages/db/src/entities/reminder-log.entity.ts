import { OptionalProps } from '@mikro-orm/core';
import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';

/**
 * The reminder idempotency key: one row per (item, period start), inserted in the same transaction as the
 * reminder's domain event. A second scan of the same period (another worker, a restarted one, a retried job) hits
 * the primary key and sends nothing.
 */
@Entity({ tableName: 'reminder_log' })
export class ReminderLog {
  [OptionalProps]?: 'createdAt';

  /** `<kind>:<itemId>:<periodStart ISO>`, e.g. `postmortem:…:2026-11-30T00:00:00.000Z`. */
  @PrimaryKey({ type: 'string', length: 200 })
  key!: string;

  @Property({ type: 'datetime' })
  createdAt: Date = new Date();
}

/** A consumer's position in `domain_events` (see the ordering note in @pm/contracts events.ts). */
@Entity({ tableName: 'event_cursors' })
export class EventCursor {
  @PrimaryKey({ type: 'string', length: 60 })
  name!: string;

  /** Every event with `seq` at or below this was handled. */
  @Property({ type: 'integer' })
  seq!: number;
}
