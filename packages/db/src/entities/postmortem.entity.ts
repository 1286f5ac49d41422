import type { Destination, GenerationState, PostmortemStatus, ReviewRule } from '@pm/contracts';
import { Entity, ManyToOne, OneToOne, Property, Unique } from '@mikro-orm/decorators/legacy';
import { BaseEntity } from './base.js';
import { Document } from './document.entity.js';
import { Incident } from './incident.entity.js';
import { Template } from './template.entity.js';
import { User } from './user.entity.js';

/**
 * A postmortem linked to an incident. The row is the truth for generation: `generationState` moves
 * queued → rendering → storing → ready | failed, and the job only carries this row's id.
 */
@Entity({ tableName: 'postmortems' })
@Unique({ properties: ['requestedBy', 'idempotencyKey'] })
export class Postmortem extends BaseEntity<
  | 'generationState'
  | 'progress'
  | 'failureReason'
  | 'status'
  | 'document'
  | 'url'
  | 'removedAt'
  | 'attempts'
  | 'template'
  | 'owner'
  | 'idempotencyKey'
  | 'externalId'
  | 'templateName'
  | 'completedAt'
  | 'reviewRule'
> {
  @ManyToOne(() => Incident, { deleteRule: 'cascade' })
  incident!: Incident;

  @ManyToOne(() => Template, { nullable: true, deleteRule: 'set null' })
  template: Template | null = null;

  @Property({ type: 'string', length: 300 })
  title!: string;

  /**
   * The template's name, copied at generation: the list keeps naming it after the template is deleted
   * (`template` is then set to null by the foreign key).
   */
  @Property({ type: 'string', length: 200, nullable: true })
  templateName: string | null = null;

  /** The template's destination, or `link` for an attached postmortem (an existing document's URL). */
  @Property({ type: 'string', length: 20 })
  destination!: Destination | 'link';

  @Property({ type: 'string', length: 20 })
  generationState: GenerationState = 'queued';

  @Property({ type: 'integer' })
  progress = 0;

  @Property({ type: 'text', nullable: true })
  failureReason: string | null = null;

  @Property({ type: 'integer' })
  attempts = 0;

  @Property({ type: 'string', length: 20 })
  status: PostmortemStatus = 'draft';

  @ManyToOne(() => User, { nullable: true, deleteRule: 'set null' })
  owner: User | null = null;

  /** Who asked for it: the worker re-checks this user's access before rendering. */
  @ManyToOne(() => User)
  requestedBy!: User;

  /** Client-chosen key; unique per requester so a double click collapses into one row. */
  @Property({ type: 'string', length: 200, nullable: true })
  idempotencyKey: string | null = null;

  @OneToOne(() => Document, { nullable: true, owner: true, deleteRule: 'set null' })
  document: Document | null = null;

  @Property({ type: 'text', nullable: true })
  url: string | null = null;

  /** Page id (Confluence) or file id (Drive) of a postmortem generated to a destination. */
  @Property({ type: 'string', length: 200, nullable: true })
  externalId: string | null = null;

  /** When the postmortem last became Completed (null while not completed): the insights' resolution → Completed time. */
  @Property({ type: 'datetime', nullable: true })
  completedAt: Date | null = null;

  /** Set when the link is removed from the incident; the document itself is never deleted by that. */
  @Property({ type: 'datetime', nullable: true })
  removedAt: Date | null = null;

  /** This postmortem's own reviewer rule, overriding its incident type's (null = the type's rule). */
  @Property({ type: 'json', nullable: true })
  reviewRule: ReviewRule | null = null;
}
