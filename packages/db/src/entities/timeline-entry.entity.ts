import type { Rel } from '@mikro-orm/core';
import { Entity, Index, ManyToOne, Property } from '@mikro-orm/decorators/legacy';
import { BaseEntity } from './base.js';
import { Incident } from './incident.entity.js';
import { User } from './user.entity.js';

@Entity({ tableName: 'timeline_entries' })
@Index({ properties: ['incident', 'occurredAt'] })
export class TimelineEntry extends BaseEntity<'important' | 'authorName' | 'kind' | 'author' | 'tags'> {
  @ManyToOne(() => Incident, { deleteRule: 'cascade' })
  // Rel<> keeps decorator metadata from touching Incident at load time (Incident ⇄ TimelineEntry import cycle in ESM).
  incident!: Rel<Incident>;

  @Property({ type: 'string', length: 20 })
  kind: 'note' | 'update' = 'note';

  @Property({ type: 'text' })
  content!: string;

  @Property({ type: 'boolean' })
  important = false;

  /** Display name at write time (also covers authors that are not users, e.g. a monitor). */
  @Property({ type: 'string', length: 200, nullable: true })
  authorName: string | null = null;

  /** The user who wrote it; only they may edit or delete a note. */
  @ManyToOne(() => User, { nullable: true, deleteRule: 'set null' })
  author: Rel<User> | null = null;

  @Property({ type: 'datetime' })
  occurredAt!: Date;

  /**
   * Curation tags (built-in `detection`, `diagnosis`, `repair`, `key_moment`, or custom slugs), so templates can
   * render only the entries that tell the story. A JSON array like `FollowUp.assigneeIds`: few per entry, read
   * with the entry, never queried by tag.
   */
  @Property({ type: 'json', defaultRaw: `'[]'` })
  tags: string[] = [];
}
