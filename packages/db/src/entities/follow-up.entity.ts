import type { FollowUpStatus, TrackerKind, TrackerState } from '@pm/contracts';
import type { Rel } from '@mikro-orm/core';
import { Entity, Index, ManyToOne, Property } from '@mikro-orm/decorators/legacy';
import { BaseEntity } from './base.js';
import { Incident } from './incident.entity.js';
import { User } from './user.entity.js';

/**
 * A follow-up (remediation item) of an incident. Assignees are a JSON array of user ids, like
 * `Incident.responderIds`: an incident has few follow-ups, so "assigned to me" filters in memory after one indexed
 * query by incident, which reads the same on SQLite and PostgreSQL (no JSON operators, no pivot table).
 * `modifiedAt` is the last change by a person; `updatedAt` also moves when a tracker sync touches the row.
 */
@Entity({ tableName: 'follow_ups' })
@Index({ properties: ['incident', 'position'] })
export class FollowUp extends BaseEntity<
  | 'assigneeIds'
  | 'dueDate'
  | 'status'
  | 'completedAt'
  | 'completedBy'
  | 'createdBy'
  | 'modifiedAt'
  | 'modifiedBy'
  | 'position'
  | 'trackerKind'
  | 'trackerKey'
  | 'trackerUrl'
  | 'trackerState'
  | 'trackerError'
  | 'trackerAccountId'
> {
  @ManyToOne(() => Incident, { deleteRule: 'cascade' })
  incident!: Rel<Incident>;

  @Property({ type: 'text' })
  content!: string;

  /** Assigned user ids, in the order they were given (the first is the one a single-assignee tracker gets). */
  @Property({ type: 'json', defaultRaw: `'[]'` })
  assigneeIds: string[] = [];

  /** Calendar date `YYYY-MM-DD` (a string column, so no time zone ever shifts it). */
  @Property({ type: 'string', length: 10, nullable: true })
  dueDate: string | null = null;

  @Property({ type: 'string', length: 10 })
  status: FollowUpStatus = 'open';

  @Property({ type: 'datetime', nullable: true })
  completedAt: Date | null = null;

  @ManyToOne(() => User, { nullable: true, deleteRule: 'set null' })
  completedBy: Rel<User> | null = null;

  @ManyToOne(() => User, { nullable: true, deleteRule: 'set null' })
  createdBy: Rel<User> | null = null;

  @Property({ type: 'datetime' })
  modifiedAt: Date = new Date();

  @ManyToOne(() => User, { nullable: true, deleteRule: 'set null' })
  modifiedBy: Rel<User> | null = null;

  @Property({ type: 'integer' })
  position = 0;

  /** Outside issue this item was exported to (all tracker columns are null when never exported). */
  @Property({ type: 'string', length: 10, nullable: true })
  trackerKind: TrackerKind | null = null;

  @Property({ type: 'string', length: 200, nullable: true })
  trackerKey: string | null = null;

  @Property({ type: 'string', length: 2000, nullable: true })
  trackerUrl: string | null = null;

  @Property({ type: 'string', length: 20, nullable: true })
  trackerState: TrackerState | null = null;

  @Property({ type: 'text', nullable: true })
  trackerError: string | null = null;

  /**
   * The connected account the issue was created with: syncs keep using it when the incident type's settings later
   * change, and an inbound webhook (which names its account) finds the item by account + key.
   */
  @Property({ type: 'uuid', nullable: true })
  @Index()
  trackerAccountId: string | null = null;
}
