import { MikroORM } from '@mikro-orm/core';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { isDownloadKind, type ExportError, type JobPayload } from '@pm/contracts';
import { Export, recordDomainEvent, withCurrentFollowUps } from '@pm/db';
import type { JSONContent } from '@pm/doc-model';
import { DelayedError, type Job, UnrecoverableError } from 'bullmq';
import { WORKER_CONFIG, type WorkerConfig } from '../config.js';
import { requesterMayExport } from '../generate/requester-access.js';
import type { JobHandler } from '../handler.js';
import { DESTINATION_PUBLISHERS, KeyedSemaphore, type DestinationPublishers } from './destinations.js';
import { classifyExportFailure } from './export-failure.js';
import { renderDownload } from './export-render.js';
import { publishDocument } from './publish-document.js';
import { PdfRenderer } from './pdf-renderer.js';
import { PmChangeAnnouncer } from '../pm-change-announcer.js';

type Em = ReturnType<MikroORM['em']['fork']>;

/**
 * Runs one export row: renders a download (Markdown, HTML, PDF) and stores its bytes on the row, or publishes to
 * Confluence / Google Drive. Publishing is idempotent: the marker (postmortem id + kind) is stored with the page so
 * a retry after a lost response finds it, and the external id of the last ready export to the same target is
 * updated instead of creating a second page. Retryable failures go back to BullMQ (429 → delayed by Retry-After
 * without using an attempt; 5xx / timeouts → the queue's jittered exponential backoff); permanent ones fail once
 * with the reason on the row.
 */
@Injectable()
export class ExportHandler implements JobHandler<'export.run'> {
  readonly jobName = 'export.run' as const;
  private readonly log = new Logger('ExportHandler');

  constructor(
    private readonly orm: MikroORM,
    private readonly pdf: PdfRenderer,
    @Inject(DESTINATION_PUBLISHERS) private readonly publishers: DestinationPublishers,
    private readonly perDestination: KeyedSemaphore,
    @Inject(WORKER_CONFIG) private readonly cfg: WorkerConfig,
    private readonly announcer: PmChangeAnnouncer,
  ) {}

  /** Every way out of a run wrote the row (ready, failed, queued with the retry's reason): announce it once. */
  async handle(payload: JobPayload<'export.run'>, job: Job, token?: string): Promise<{ state: string }> {
    try {
      return await this.run(payload, job, token);
    } finally {
      await this.announcer.changed({ exportId: payload.exportId });
    }
  }

  private async run(
    { exportId }: JobPayload<'export.run'>,
    job: Job,
    token?: string,
  ): Promise<{ state: string }> {
    const em = this.orm.em.fork();
    const ex = await em.findOne(
      Export,
      { id: exportId },
      { populate: ['postmortem', 'postmortem.incident', 'postmortem.document', 'requestedBy'] },
    );
    if (!ex) throw new UnrecoverableError(`export ${exportId} does not exist`);
    if (ex.state === 'ready' || ex.state === 'failed') return { state: ex.state };
    const pm = ex.postmortem;
    const publishes = !isDownloadKind(ex.kind);
    if (!requesterMayExport(ex.requestedBy, pm.incident, publishes))
      return this.fail(em, ex, {
        code: 'EXPORT_FORBIDDEN',
        message: 'the requesting user may no longer export this postmortem',
      });
    if (!pm.document)
      return this.fail(em, ex, {
        code: 'EXPORT_NOT_EXPORTABLE',
        message: 'only notebook postmortems with a document can be exported',
      });
    const firstRun = ex.attempts === 0;
    await this.progress(em, job, ex.id, 10, { state: 'running', attempts: ex.attempts + 1 });
    // A static export shows the follow-ups as they are now, not the snapshot stored when the block last synced.
    const json = await withCurrentFollowUps(em, pm.document.json as JSONContent);
    try {
      if (isDownloadKind(ex.kind)) {
        const file = await renderDownload(ex.kind, json, pm.title, this.pdf);
        await em.transactional(async (tem) => {
          await tem.nativeUpdate(
            Export,
            { id: ex.id },
            {
              content: file.bytes,
              size: file.bytes.length,
              contentType: file.contentType,
              fileName: file.fileName,
              ...done(),
            },
          );
          await recordDomainEvent(tem, exportEvent(ex, 'postmortem.exported', { fileName: file.fileName }));
        });
      } else {
        const target = ex.target;
        if (!target || target.kind !== ex.kind)
          return this.fail(em, ex, {
            code: 'EXPORT_DESTINATION_REQUIRED',
            message: 'the export has no target',
          });
        const earlier = await em.findOne(
          Export,
          { postmortem: pm.id, targetKey: ex.targetKey, state: 'ready', externalId: { $ne: null } },
          { orderBy: { finishedAt: 'desc' }, fields: ['externalId'] },
        );
        await this.progress(em, job, ex.id, 40);
        const result = await publishDocument(em, this.publishers, this.perDestination, {
          postmortemId: pm.id,
          title: pm.title,
          json,
          target,
          existingExternalId: earlier?.externalId ?? undefined,
          refreshFound: firstRun,
        });
        await em.transactional(async (tem) => {
          await tem.nativeUpdate(
            Export,
            { id: ex.id },
            { externalId: result.externalId, url: result.url, ...done() },
          );
          await recordDomainEvent(tem, exportEvent(ex, 'postmortem.exported', { url: result.url }));
        });
      }
      await job.updateProgress(100);
      return { state: 'ready' };
    } catch (e) {
      const failure = classifyExportFailure(e);
      if (!failure.retryable) return this.fail(em, ex, failure.error);
      // Show why it waits; the row stays queued until the next attempt picks it up.
      await em.nativeUpdate(
        Export,
        { id: ex.id },
        { state: 'queued', error: failure.error, updatedAt: new Date() },
      );
      if (
        failure.retryAfterMs !== undefined &&
        token &&
        ex.attempts < this.cfg.EXPORT_MAX_RATE_LIMITED_RUNS
      ) {
        this.log.warn(`export ${ex.id}: rate limited, retrying in ${failure.retryAfterMs} ms`);
        await job.moveToDelayed(Date.now() + failure.retryAfterMs, token);
        throw new DelayedError();
      }
      throw new ExportAttemptError(failure.error);
    }
  }

  /** Out of attempts (or an error outside the handler's own handling): the row shows the last reason. */
  async onFinalFailure({ exportId }: JobPayload<'export.run'>, reason: string): Promise<void> {
    const em = this.orm.em.fork();
    const ex = await em.findOne(
      Export,
      { id: exportId },
      {
        populate: ['postmortem', 'requestedBy'],
        fields: ['error', 'state', 'kind', 'postmortem.incident', 'postmortem.title', 'requestedBy'],
      },
    );
    if (!ex || ex.state === 'ready' || ex.state === 'failed') return;
    const error = ex.error ?? { code: 'EXPORT_FAILED', message: reason.slice(0, 2000) };
    await em.transactional(async (tem) => {
      await tem.nativeUpdate(Export, { id: exportId }, { state: 'failed', error, ...finished() });
      await recordDomainEvent(tem, exportEvent(ex, 'postmortem.export_failed', { error: error.code }));
    });
    await this.announcer.changed({ exportId });
  }

  private async fail(em: Em, ex: Export, error: ExportError): Promise<never> {
    await em.transactional(async (tem) => {
      await tem.nativeUpdate(Export, { id: ex.id }, { state: 'failed', error, ...finished() });
      await recordDomainEvent(tem, exportEvent(ex, 'postmortem.export_failed', { error: error.code }));
    });
    throw new UnrecoverableError(`${error.code}: ${error.message}`);
  }

  private async progress(em: Em, job: Job, id: string, progress: number, extra: Partial<Export> = {}) {
    await em.nativeUpdate(Export, { id }, { progress, updatedAt: new Date(), ...extra });
    await this.announcer.changed({ exportId: id });
    await job.updateProgress(progress);
  }
}

/** A retryable failure; its message is the row's reason so the job dashboard shows the same text. */
class ExportAttemptError extends Error {
  constructor(readonly error: ExportError) {
    super(`${error.code}: ${error.message}`);
  }
}

/** An export's outcome as a system event (no actor); who asked is in data.requestedBy. */
const exportEvent = (
  // Structural, so a partially loaded export (fields: [...]) fits as well as a whole one.
  ex: {
    id: string;
    kind: Export['kind'];
    postmortem: { id: string; title: string; incident: { id: string } };
    requestedBy: { id: string };
  },
  type: 'postmortem.exported' | 'postmortem.export_failed',
  outcome: Record<string, string>,
) =>
  ({
    type,
    incidentId: ex.postmortem.incident.id,
    postmortemId: ex.postmortem.id,
    after: { kind: ex.kind, ...outcome },
    data: { exportId: ex.id, requestedBy: ex.requestedBy.id, title: ex.postmortem.title },
  }) as const;

const finished = () => ({ finishedAt: new Date(), updatedAt: new Date() });
const done = () => ({ state: 'ready' as const, progress: 100, error: null, ...finished() });
