import type { Rel } from '@mikro-orm/core';
import { Entity, ManyToOne, Property } from '@mikro-orm/decorators/legacy';
import { BaseEntity } from './base.js';
import { Incident } from './incident.entity.js';

/** A customer impact of an incident; no end = ongoing. */
@Entity({ tableName: 'incident_impacts' })
export class Impact extends BaseEntity<'endAt'> {
  @ManyToOne(() => Incident, { deleteRule: 'cascade' })
  incident!: Rel<Incident>;

  @Property({ type: 'text' })
  description!: string;

  @Property({ type: 'datetime' })
  startAt!: Date;

  @Property({ type: 'datetime', nullable: true })
  endAt: Date | null = null;
}
