import type { Rel } from '@mikro-orm/core';
import { Entity, ManyToOne, Property, Unique } from '@mikro-orm/decorators/legacy';
import { BaseEntity } from './base.js';
import { Incident } from './incident.entity.js';
import { ResponderType } from './responder-type.entity.js';
import { User } from './user.entity.js';

/** A user on an incident's response team; `createdAt` is when they were added. */
@Entity({ tableName: 'incident_responders' })
@Unique({ properties: ['incident', 'user'] })
export class Responder extends BaseEntity<'role' | 'customType' | 'lastActivityAt'> {
  @ManyToOne(() => Incident, { deleteRule: 'cascade' })
  incident!: Rel<Incident>;

  @ManyToOne(() => User, { deleteRule: 'cascade' })
  user!: Rel<User>;

  @Property({ type: 'string', length: 30 })
  role: 'incident_commander' | 'responder' | 'custom' = 'responder';

  @ManyToOne(() => ResponderType, { nullable: true, deleteRule: 'set null' })
  customType: Rel<ResponderType> | null = null;

  /** Last write this user made to the incident (a responder with activity cannot be removed). */
  @Property({ type: 'datetime', nullable: true })
  lastActivityAt: Date | null = null;
}
