import type { Rel } from '@mikro-orm/core';
import { Entity, Index, ManyToOne, Property } from '@mikro-orm/decorators/legacy';
import { BaseEntity } from './base.js';
import { Postmortem } from './postmortem.entity.js';
import { User } from './user.entity.js';

/**
 * A published (public, read-only) snapshot of a postmortem. The link's token is never stored: only its SHA-256
 * (`tokenHash`), so a database reader cannot open the pages. One live row per postmortem (`revokedAt` null);
 * publishing again revokes the previous row, unpublishing revokes the live one.
 */
@Entity({ tableName: 'public_postmortems' })
@Index({ properties: ['postmortem', 'revokedAt'] })
export class PublicPostmortem extends BaseEntity<'publishedBy' | 'revokedAt' | 'revokedBy'> {
  @ManyToOne(() => Postmortem, { deleteRule: 'cascade' })
  postmortem!: Rel<Postmortem>;

  /** Hex SHA-256 of the link's token. */
  @Property({ type: 'string', length: 64, unique: true })
  tokenHash!: string;

  /** The complete static page as published (redacted at publish time; later edits never leak into it). */
  @Property({ type: 'text' })
  html!: string;

  /** Section ids the author chose. */
  @Property({ type: 'json' })
  sections: string[] = [];

  /** What the redaction rules changed (counts). */
  @Property({ type: 'json' })
  redaction: Record<string, number> = {};

  @ManyToOne(() => User, { nullable: true, deleteRule: 'set null' })
  publishedBy: Rel<User> | null = null;

  @Property({ type: 'datetime', nullable: true })
  revokedAt: Date | null = null;

  @ManyToOne(() => User, { nullable: true, deleteRule: 'set null' })
  revokedBy: Rel<User> | null = null;
}
