import { Entity, Index, ManyToOne, Property } from '@mikro-orm/decorators/legacy';
import { BaseEntity } from './base.js';
import { Document } from './document.entity.js';

/** Why a version exists: taken automatically on store, named by a person, or written by a restore. */
export type DocumentVersionKind = 'auto' | 'named' | 'restore';

/**
 * An immutable snapshot of a document (Yjs state + Tiptap JSON + text). History is append-only: a restore writes
 * the old content into the live document and records a NEW `restore` version; no version is ever changed or removed.
 */
@Entity({ tableName: 'document_versions' })
@Index({ properties: ['document', 'createdAt'] })
export class DocumentVersion extends BaseEntity<'name' | 'createdById' | 'createdByName' | 'restoredFromId'> {
  @ManyToOne(() => Document, { deleteRule: 'cascade' })
  document!: Document;

  @Property({ type: 'string', length: 20 })
  kind!: DocumentVersionKind;

  @Property({ type: 'string', length: 200, nullable: true })
  name: string | null = null;

  /** The document's `version` counter when the snapshot was taken. */
  @Property({ type: 'integer' })
  documentVersion!: number;

  @Property({ type: 'blob', lazy: true })
  yState!: Buffer;

  @Property({ type: 'json', lazy: true })
  json!: Record<string, unknown>;

  @Property({ type: 'text', lazy: true })
  text!: string;

  @Property({ type: 'uuid', nullable: true })
  createdById: string | null = null;

  @Property({ type: 'string', length: 200, nullable: true })
  createdByName: string | null = null;

  /** For `restore` versions: the version whose content was brought back. */
  @Property({ type: 'uuid', nullable: true })
  restoredFromId: string | null = null;
}
