import type { IncidentStatus, Severity, Visibility } from '@pm/contracts';
import { Collection } from '@mikro-orm/core';
import { Entity, OneToMany, Property } from '@mikro-orm/decorators/legacy';
import { BaseEntity } from './base.js';
import { TimelineEntry } from './timeline-entry.entity.js';

@Entity({ tableName: 'incidents' })
export class Incident extends BaseEntity<
  'summary' | 'commanderName' | 'detectedAt' | 'resolvedAt' | 'timeline' | 'visibility'
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

  @Property({ type: 'string', length: 200, nullable: true })
  commanderName: string | null = null;

  @Property({ type: 'datetime', nullable: true })
  detectedAt: Date | null = null;

  @Property({ type: 'datetime', nullable: true })
  resolvedAt: Date | null = null;

  @OneToMany(() => TimelineEntry, (t) => t.incident, { orderBy: { occurredAt: 'asc' } })
  timeline = new Collection<TimelineEntry>(this);
}
