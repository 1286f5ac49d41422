import { randomUUID } from 'node:crypto';
import type { DomainEventType, EventNotify } from '@pm/contracts';
import { OptionalProps } from '@mikro-orm/core';
import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';

/**
 * One append-only row per domain event (see `DOMAIN_EVENT_TYPES` in @pm/contracts). No foreign keys on purpose:
 * the audit trail must outlive the incident, postmortem or user it names; names at the time go in `actorName`
 * and `data`. Never updated, never deleted by the application.
 */
@Entity({ tableName: 'domain_events' })
@Index({ properties: ['incidentId', 'seq'] })
@Index({ properties: ['postmortemId', 'seq'] })
@Index({ properties: ['type', 'seq'] })
@Index({ properties: ['createdAt'] })
export class DomainEvent {
  [OptionalProps]?:
    | 'seq'
    | 'id'
    | 'createdAt'
    | 'incidentId'
    | 'postmortemId'
    | 'followUpId'
    | 'templateId'
    | 'actorId'
    | 'actorName'
    | 'requestId'
    | 'before'
    | 'after'
    | 'data'
    | 'notify';

  /** Insertion order (consumers' cursors; see the ordering note in @pm/contracts events.ts). */
  @PrimaryKey({ type: 'integer', autoincrement: true })
  seq!: number;

  /** Stable public id (webhook-id, audit exports). */
  @Property({ type: 'uuid', unique: true })
  id: string = randomUUID();

  @Property({ type: 'string', length: 60 })
  type!: DomainEventType;

  @Property({ type: 'uuid', nullable: true })
  incidentId: string | null = null;

  @Property({ type: 'uuid', nullable: true })
  postmortemId: string | null = null;

  @Property({ type: 'uuid', nullable: true })
  followUpId: string | null = null;

  @Property({ type: 'uuid', nullable: true })
  templateId: string | null = null;

  /** Null: the system (worker, scheduler). */
  @Property({ type: 'uuid', nullable: true })
  actorId: string | null = null;

  /** The actor's display name at the time. */
  @Property({ type: 'string', length: 200, nullable: true })
  actorName: string | null = null;

  @Property({ type: 'string', length: 128, nullable: true })
  requestId: string | null = null;

  @Property({ type: 'json', nullable: true })
  before: Record<string, unknown> | null = null;

  @Property({ type: 'json', nullable: true })
  after: Record<string, unknown> | null = null;

  @Property({ type: 'json', nullable: true })
  data: Record<string, unknown> | null = null;

  @Property({ type: 'json', nullable: true })
  notify: EventNotify | null = null;

  @Property({ type: 'datetime' })
  createdAt: Date = new Date();
}
