import type { Rel } from '@mikro-orm/core';
import { Entity, ManyToOne, OneToOne, Property } from '@mikro-orm/decorators/legacy';
import { BaseEntity } from './base.js';
import { Postmortem } from './postmortem.entity.js';
import { User } from './user.entity.js';

/** The review meeting of a postmortem (one; rescheduling updates it and bumps `sequence`, keeping the UID). */
@Entity({ tableName: 'review_meetings' })
export class ReviewMeeting extends BaseEntity<'location' | 'organizer' | 'sequence'> {
  @OneToOne(() => Postmortem, { owner: true, deleteRule: 'cascade' })
  postmortem!: Rel<Postmortem>;

  /** Stable per meeting: calendars match updates by it. */
  @Property({ type: 'string', length: 200 })
  uid!: string;

  @Property({ type: 'datetime' })
  startAt!: Date;

  @Property({ type: 'datetime' })
  endAt!: Date;

  @Property({ type: 'string', length: 500, nullable: true })
  location: string | null = null;

  @ManyToOne(() => User, { nullable: true, deleteRule: 'set null' })
  organizer: Rel<User> | null = null;

  @Property({ type: 'integer' })
  sequence = 0;
}
