import type { ReviewDecision } from '@pm/contracts';
import type { Rel } from '@mikro-orm/core';
import { Entity, ManyToOne, Property, Unique } from '@mikro-orm/decorators/legacy';
import { BaseEntity } from './base.js';
import { Postmortem } from './postmortem.entity.js';
import { User } from './user.entity.js';

/**
 * One reviewer's request and latest decision on a postmortem. `docVersion` is the document's `version` (moved by
 * collab on every store) when the reviewer decided, so a later edit makes an approval stale without any hook in
 * the edit path. `staleRecorded` makes the `postmortem.approvals_stale` event happen once per approval.
 */
@Entity({ tableName: 'postmortem_reviews' })
@Unique({ properties: ['postmortem', 'reviewer'] })
export class PostmortemReview extends BaseEntity<
  'decision' | 'comment' | 'decidedAt' | 'docVersion' | 'staleRecorded' | 'requestedAt'
> {
  @ManyToOne(() => Postmortem, { deleteRule: 'cascade' })
  postmortem!: Rel<Postmortem>;

  @ManyToOne(() => User, { deleteRule: 'cascade' })
  reviewer!: Rel<User>;

  @Property({ type: 'string', length: 20 })
  decision: ReviewDecision = 'pending';

  @Property({ type: 'text' })
  comment = '';

  /** When the review was last asked for (moving to In Review). */
  @Property({ type: 'datetime', nullable: true })
  requestedAt: Date | null = null;

  @Property({ type: 'datetime', nullable: true })
  decidedAt: Date | null = null;

  @Property({ type: 'integer', nullable: true })
  docVersion: number | null = null;

  @Property({ type: 'boolean', default: false })
  staleRecorded = false;
}
