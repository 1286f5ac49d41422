import { Entity, Property } from '@mikro-orm/decorators/legacy';
import { BaseEntity } from './base.js';

/**
 * A collaborative notebook document. The Yjs state is the source of truth; the Tiptap JSON and plain text are
 * derived copies stored in the same write so exports, search and previews never need a Y.Doc.
 */
@Entity({ tableName: 'documents' })
export class Document extends BaseEntity<'version' | 'commentCount' | 'lastEditorId' | 'lastEditorName'> {
  @Property({ type: 'blob', lazy: true })
  yState!: Buffer;

  @Property({ type: 'json' })
  json!: Record<string, unknown>;

  @Property({ type: 'text' })
  text!: string;

  /** Incremented on every store; lets readers detect changes cheaply. */
  @Property({ type: 'integer' })
  version = 1;

  /** Open (unresolved) comment threads, counted by collab at store time so lists never need a Y.Doc. */
  @Property({ type: 'integer', default: 0 })
  commentCount = 0;

  /** Who made the last stored change (collab's last connection context); null before anyone edited. */
  @Property({ type: 'uuid', nullable: true })
  lastEditorId: string | null = null;

  /** Their name at that time, so the list needs no join and keeps it after the user is gone. */
  @Property({ type: 'string', length: 200, nullable: true })
  lastEditorName: string | null = null;
}
