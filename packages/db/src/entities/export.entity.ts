import type { ExportError, ExportKind, ExportState, ExportTarget } from '@pm/contracts';
import { Entity, Index, ManyToOne, Property } from '@mikro-orm/decorators/legacy';
import { BaseEntity } from './base.js';
import { Postmortem } from './postmortem.entity.js';
import { User } from './user.entity.js';

/**
 * One export of a postmortem: a download (markdown, html, pdf — the rendered bytes are stored on the row, capped by
 * `EXPORT_MAX_FILE_BYTES`) or a publication to Confluence / Google Drive. The row is the truth: `state` moves
 * queued → running → ready | failed and the job only carries this row's id. A ready destination export's
 * `externalId` under the same `targetKey` is what a later export of the postmortem updates.
 */
@Entity({ tableName: 'exports' })
@Index({ properties: ['postmortem', 'createdAt'] })
@Index({ properties: ['postmortem', 'targetKey', 'state'] })
export class Export extends BaseEntity<
  | 'state'
  | 'progress'
  | 'target'
  | 'targetKey'
  | 'externalId'
  | 'url'
  | 'fileName'
  | 'contentType'
  | 'content'
  | 'size'
  | 'error'
  | 'attempts'
  | 'finishedAt'
> {
  @ManyToOne(() => Postmortem, { deleteRule: 'cascade' })
  postmortem!: Postmortem;

  @Property({ type: 'string', length: 20 })
  kind!: ExportKind;

  @Property({ type: 'string', length: 20 })
  state: ExportState = 'queued';

  @Property({ type: 'integer' })
  progress = 0;

  /** Who asked: the worker re-checks their access before rendering or publishing. */
  @ManyToOne(() => User, { deleteRule: 'cascade' })
  requestedBy!: User;

  /** Account and place of a destination export (ids only; credentials stay with the account). */
  @Property({ type: 'json', nullable: true })
  target: ExportTarget | null = null;

  /** `exportTargetKey(target)`, indexed so the worker finds the earlier export to update. */
  @Property({ type: 'string', length: 400, nullable: true })
  targetKey: string | null = null;

  @Property({ type: 'string', length: 200, nullable: true })
  externalId: string | null = null;

  @Property({ type: 'text', nullable: true })
  url: string | null = null;

  @Property({ type: 'string', length: 300, nullable: true })
  fileName: string | null = null;

  @Property({ type: 'string', length: 100, nullable: true })
  contentType: string | null = null;

  /** The rendered file of a download; lazy so listing exports never loads it. */
  @Property({ type: 'blob', nullable: true, lazy: true })
  content: Buffer | null = null;

  @Property({ type: 'integer', nullable: true })
  size: number | null = null;

  @Property({ type: 'json', nullable: true })
  error: ExportError | null = null;

  @Property({ type: 'integer' })
  attempts = 0;

  @Property({ type: 'datetime', nullable: true })
  finishedAt: Date | null = null;
}
