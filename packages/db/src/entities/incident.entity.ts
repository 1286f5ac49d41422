import type { IncidentStatus, Severity, Visibility } from '@pm/contracts';
import { Collection, type Rel } from '@mikro-orm/core';
import { Entity, ManyToOne, OneToMany, Property } from '@mikro-orm/decorators/legacy';
import { BaseEntity } from './base.js';
import { Impact } from './impact.entity.js';
import { IncidentType } from './incident-type.entity.js';
import { Responder } from './responder.entity.js';
import { TimelineEntry } from './timeline-entry.entity.js';
import { User } from './user.entity.js';

/**
 * An incident. `createdAt` is the declaration time; `resolvedAt` is the last move into resolved/completed.
 * `responderIds` mirrors the responders table (written by the same service call) so the private-incident
 * access check stays synchronous and needs no join wherever an incident is already loaded.
 */
@Entity({ tableName: 'incidents' })
export class Incident extends BaseEntity<
  | 'summary'
  | 'detectedAt'
  | 'resolvedAt'
  | 'timeline'
  | 'visibility'
  | 'commander'
  | 'createdBy'
  | 'incidentType'
  | 'chatChannelUrl'
  | 'meetingUrl'
  | 'customFields'
  | 'responderIds'
  | 'impacts'
  | 'responders'
> {
  /** Human-facing number (`#42`), unique per installation. */
  @Property({ type: 'integer', unique: true })
  publicId!: number;

  @Property({ type: 'string', length: 300 })
  title!: string;

  @Property({ type: 'string', length: 20 })
  severity!: Severity;

  @Property({ type: 'string', length: 20 })
  status!: IncidentStatus;

  @Property({ type: 'string', length: 20 })
  visibility: Visibility = 'organization';

  @Property({ type: 'text', nullable: true })
  summary: string | null = null;

  @ManyToOne(() => User, { nullable: true, deleteRule: 'set null' })
  commander: Rel<User> | null = null;

  @ManyToOne(() => User, { nullable: true, deleteRule: 'set null' })
  createdBy: Rel<User> | null = null;

  @ManyToOne(() => IncidentType, { nullable: true, deleteRule: 'set null' })
  incidentType: Rel<IncidentType> | null = null;

  @Property({ type: 'string', length: 2000, nullable: true })
  chatChannelUrl: string | null = null;

  @Property({ type: 'string', length: 2000, nullable: true })
  meetingUrl: string | null = null;

  /** Custom property field values by field name. */
  @Property({ type: 'json', defaultRaw: `'{}'` })
  customFields: Record<string, unknown> = {};

  /** User ids of the response team (see class comment). */
  @Property({ type: 'json', defaultRaw: `'[]'` })
  responderIds: string[] = [];

  @Property({ type: 'datetime', nullable: true })
  detectedAt: Date | null = null;

  @Property({ type: 'datetime', nullable: true })
  resolvedAt: Date | null = null;

  @OneToMany(() => TimelineEntry, (t) => t.incident, { orderBy: { occurredAt: 'asc' } })
  timeline = new Collection<TimelineEntry>(this);

  @OneToMany(() => Impact, (t) => t.incident, { orderBy: { startAt: 'asc' } })
  impacts = new Collection<Impact>(this);

  @OneToMany(() => Responder, (t) => t.incident)
  responders = new Collection<Responder>(this);
}
