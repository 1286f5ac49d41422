import type { ReviewStepStatus } from '@pm/contracts';
import type { Rel } from '@mikro-orm/core';
import { Entity, ManyToOne, Property, Unique } from '@mikro-orm/decorators/legacy';
import { BaseEntity } from './base.js';
import { Postmortem } from './postmortem.entity.js';
import { User } from './user.entity.js';

/**
 * One step of a postmortem's review process, instantiated from its incident type's definition. Name, role and
 * required flag are copied so later edits of the definition do not rewrite steps already given out; `dueDate` is a
 * calendar day in `timeZone` (the owner's at instantiation) and `dueAt` the instant that day ends there.
 */
@Entity({ tableName: 'review_steps' })
@Unique({ properties: ['postmortem', 'key'] })
export class ReviewStep extends BaseEntity<'owner' | 'status' | 'changedAt' | 'changedBy' | 'position'> {
  @ManyToOne(() => Postmortem, { deleteRule: 'cascade' })
  postmortem!: Rel<Postmortem>;

  @Property({ type: 'string', length: 40 })
  key!: string;

  @Property({ type: 'string', length: 200 })
  name!: string;

  @Property({ type: 'string', length: 60 })
  ownerRole!: string;

  @ManyToOne(() => User, { nullable: true, deleteRule: 'set null' })
  owner: Rel<User> | null = null;

  @Property({ type: 'boolean' })
  required!: boolean;

  @Property({ type: 'string', length: 10 })
  dueDate!: string;

  @Property({ type: 'string', length: 64 })
  timeZone!: string;

  @Property({ type: 'datetime' })
  dueAt!: Date;

  @Property({ type: 'string', length: 10 })
  status: ReviewStepStatus = 'open';

  @Property({ type: 'datetime', nullable: true })
  changedAt: Date | null = null;

  @ManyToOne(() => User, { nullable: true, deleteRule: 'set null' })
  changedBy: Rel<User> | null = null;

  @Property({ type: 'integer' })
  position = 0;
}
