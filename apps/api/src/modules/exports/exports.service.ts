import { MikroORM } from '@mikro-orm/core';
import { Injectable, Logger } from '@nestjs/common';
import {
  exportTargetKey,
  isDownloadKind,
  type CreateExportInput,
  type Export as ExportDto,
} from '@pm/contracts';
import { Export, Postmortem, User } from '@pm/db';
import { JobProducer } from '@pm/queue';
import { AppError } from '../../common/errors.js';
import type { AuthUser } from '../auth/auth.decorators.js';
import { canSeeIncident } from '../incidents/incident-access.js';
import { PostmortemsService } from '../postmortems/postmortems.service.js';
import { resolveExportTarget } from './export-target.js';
import { recordEvent } from '../audit/record-event.js';
import { EXPORT_POPULATE, toExportDto } from './export.mapper.js';

/** A ready download's bytes and how to serve them. */
export interface ExportFile {
  bytes: Buffer;
  contentType: string;
  fileName: string;
}

/**
 * Exports of a postmortem: rows are written here and run by the worker (`export.run`); everything is visible
 * exactly when the postmortem is (its incident's access rules; 404 otherwise).
 */
@Injectable()
export class ExportsService {
  private readonly log = new Logger('Exports');

  constructor(
    private readonly orm: MikroORM,
    private readonly postmortems: PostmortemsService,
    private readonly producer: JobProducer,
  ) {}

  /**
   * Writes a queued export and enqueues its job. Downloads need only to see the postmortem; publishing to a
   * destination needs Incidents Write. Only notebook postmortems (with a document) can be exported.
   */
  async create(user: AuthUser, postmortemId: string, input: CreateExportInput): Promise<ExportDto> {
    const pm = await this.postmortems.getVisible(user, postmortemId);
    if (!isDownloadKind(input.kind) && !user.permissions.has('incidents_write'))
      throw new AppError('FORBIDDEN', 'Publishing to a destination needs the Incidents Write permission');
    if (!pm.document)
      throw new AppError(
        'EXPORT_NOT_EXPORTABLE',
        'Only notebook postmortems with a document can be exported',
      );
    const em = this.orm.em.fork();
    const target = await resolveExportTarget(em, input, pm.template);
    const row = em.create(Export, {
      postmortem: em.getReference(Postmortem, pm.id),
      kind: input.kind,
      requestedBy: em.getReference(User, user.id),
      target,
      targetKey: target ? exportTargetKey(target) : null,
    });
    const subject = { incidentId: pm.incident.id, postmortemId: pm.id };
    await recordEvent(em, user, {
      type: 'postmortem.export_requested',
      ...subject,
      after: { kind: input.kind },
      data: { exportId: row.id, title: pm.title },
    });
    await em.flush();
    try {
      await this.producer.enqueue('export.run', { exportId: row.id });
    } catch (e) {
      this.log.warn(`enqueue of export ${row.id} failed: ${(e as Error).message}`);
      await em.nativeUpdate(
        Export,
        { id: row.id },
        {
          state: 'failed',
          error: { code: 'QUEUE_UNAVAILABLE', message: 'The job queue is unavailable; try again shortly' },
          finishedAt: new Date(),
        },
      );
      await recordEvent(em, user, {
        type: 'postmortem.export_failed',
        ...subject,
        after: { kind: input.kind, error: 'QUEUE_UNAVAILABLE' },
        data: { exportId: row.id, title: pm.title },
      });
      await em.flush();
      throw new AppError(
        'QUEUE_UNAVAILABLE',
        'The job queue is unavailable right now; try the export again shortly',
        {
          exportId: row.id,
        },
      );
    }
    return this.get(user, row.id);
  }

  /** The postmortem's exports, newest first. */
  async list(user: AuthUser, postmortemId: string): Promise<{ items: ExportDto[] }> {
    await this.postmortems.getVisible(user, postmortemId);
    const rows = await this.orm.em
      .fork()
      .find(
        Export,
        { postmortem: postmortemId },
        { populate: EXPORT_POPULATE, orderBy: { createdAt: 'desc', id: 'desc' }, limit: 100 },
      );
    return { items: rows.map(toExportDto) };
  }

  async get(user: AuthUser, id: string): Promise<ExportDto> {
    return toExportDto(await this.getVisible(user, id));
  }

  /** The file of a ready download; EXPORT_NOT_READY while it runs, after a failure, or for a destination export. */
  async file(user: AuthUser, id: string): Promise<ExportFile> {
    const row = await this.getVisible(user, id, true);
    if (row.state !== 'ready' || !row.content || !row.contentType || !row.fileName)
      throw new AppError('EXPORT_NOT_READY', `Export ${id} has no file to download (state: ${row.state})`);
    return { bytes: Buffer.from(row.content), contentType: row.contentType, fileName: row.fileName };
  }

  private async getVisible(user: AuthUser, id: string, withContent = false): Promise<Export> {
    const row = await this.orm.em.fork().findOne(
      Export,
      { id },
      {
        populate: withContent
          ? [...EXPORT_POPULATE, 'postmortem.incident', 'content']
          : [...EXPORT_POPULATE, 'postmortem.incident'],
      },
    );
    if (!row || !canSeeIncident(user, row.postmortem.incident))
      throw new AppError('EXPORT_NOT_FOUND', `Export ${id} was not found`);
    return row;
  }
}
