import { MikroORM } from '@mikro-orm/core';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type { JobPayload } from '@pm/contracts';
import { createDocument, Postmortem, recordDomainEvent, renderIncidentTemplate } from '@pm/db';
import { jsonToText, jsonToYState } from '@pm/doc-model';
import { type Job, UnrecoverableError } from 'bullmq';
import { WORKER_CONFIG, type WorkerConfig } from '../config.js';
import type { JobHandler } from '../handler.js';
import {
  DESTINATION_PUBLISHERS,
  KeyedSemaphore,
  type DestinationPublishers,
} from '../exports/destinations.js';
import { PmChangeAnnouncer } from '../pm-change-announcer.js';
import { AiDrafts } from '../ai/ai-drafts.service.js';
import { publishGenerated } from './publish-generated.js';
import { requesterMayGenerate } from './requester-access.js';

/**
 * Renders a postmortem's template against its incident and stores the result as a notebook document, or publishes
 * it to the template's Confluence space / Google Drive folder and stores the page's URL on the row.
 * Idempotent: a row that already has its document is simply marked ready, and the document is attached with a
 * conditional update so two deliveries of one job can never create two postmortem documents.
 */
@Injectable()
export class GenerateHandler implements JobHandler<'postmortem.generate'> {
  readonly jobName = 'postmortem.generate' as const;
  private readonly log = new Logger('GenerateHandler');

  constructor(
    private readonly orm: MikroORM,
    @Inject(WORKER_CONFIG) private readonly cfg: WorkerConfig,
    @Inject(DESTINATION_PUBLISHERS) readonly publishers: DestinationPublishers,
    readonly perDestination: KeyedSemaphore,
    private readonly announcer: PmChangeAnnouncer,
    private readonly aiDrafts: AiDrafts,
  ) {}

  /** Tells the API's open progress streams (the row's and the incident's list) to re-read. */
  private announce(pm: Pick<Postmortem, 'id' | 'incident'>): Promise<void> {
    return this.announcer.changed({ postmortemId: pm.id, incidentId: pm.incident.id });
  }

  async handle(
    { postmortemId }: JobPayload<'postmortem.generate'>,
    job: Job,
    token?: string,
  ): Promise<{ documentId: string } | { externalId: string; url: string }> {
    const em = this.orm.em.fork();
    const pm = await em.findOne(
      Postmortem,
      { id: postmortemId },
      { populate: ['incident', 'template', 'requestedBy', 'document'] },
    );
    if (!pm) throw new UnrecoverableError(`postmortem ${postmortemId} does not exist`);
    if (pm.document || (pm.destination !== 'notebook' && pm.generationState === 'ready' && pm.url)) {
      if (pm.generationState !== 'ready')
        await em.nativeUpdate(
          Postmortem,
          { id: pm.id },
          { generationState: 'ready', progress: 100, updatedAt: new Date() },
        );
      await this.announce(pm);
      return pm.document
        ? { documentId: pm.document.id }
        : { externalId: pm.externalId ?? '', url: pm.url ?? '' };
    }
    if (!requesterMayGenerate(pm.requestedBy, pm.incident)) {
      throw new UnrecoverableError('the requesting user may not generate postmortems for this incident');
    }
    if (!pm.template) throw new UnrecoverableError('the template was deleted before generation started');
    if (pm.destination === 'link') throw new UnrecoverableError('an attached postmortem is not generated');

    await this.step(em, job, pm, 'rendering', 10, { attempts: pm.attempts + 1, failureReason: null });
    // Test-only pause (refused in production by the config) so fault tests can hit a worker mid-render.
    if (this.cfg.WORKER_TEST_RENDER_DELAY_MS > 0)
      await new Promise((r) => setTimeout(r, this.cfg.WORKER_TEST_RENDER_DELAY_MS));
    // The API's preview runs the same pipeline, so the document matches what the user previewed.
    const rendered = await renderIncidentTemplate(em, pm.incident.id, pm.template.content, {
      destination: pm.destination,
    });
    const { warnings } = rendered;
    if (warnings.length) this.log.warn(`postmortem ${pm.id}: ${warnings.join('; ')}`);
    // `{% ai %}` sections: drafted by the configured provider, or removed when none is configured.
    const doc = await this.aiDrafts.fill(em, pm.incident.id, rendered.doc);

    if (pm.destination !== 'notebook') {
      // Publishing to Confluence / Drive takes seconds: the user sees "storing" meanwhile. A notebook's store is a
      // few milliseconds of local work in the final transaction below, so it gets no state write of its own (one
      // write, one announcement and one Redis round trip fewer per postmortem; G1/G2 in bench/RESULTS.md).
      await this.step(em, job, pm, 'storing', 60);
      const published = await publishGenerated(em, this, job, token, pm, doc);
      await em.transactional(async (tem) => {
        await tem.nativeUpdate(
          Postmortem,
          { id: pm.id },
          {
            ...published,
            generationState: 'ready',
            progress: 100,
            failureReason: null,
            updatedAt: new Date(),
          },
        );
        await recordDomainEvent(tem, generatedEvent(pm, { url: published.url }));
      });
      await this.announce(pm);
      await job.updateProgress(100);
      return published;
    }
    const yState = jsonToYState(doc);
    const text = jsonToText(doc);
    // A fresh unit of work with one flush: the job's entity manager holds the postmortem, its incident and
    // template, and every flush compares each managed entity (JSON columns serialised) — profiled as the worker's
    // largest ORM cost per job (issue 12, G1). Document and event are inserted together, then the row is attached;
    // a lost race rolls both back.
    const documentId = await this.orm.em
      .fork()
      .transactional(async (tem) => {
        const document = createDocument(tem, { yState, json: doc as Record<string, unknown>, text });
        await recordDomainEvent(tem, generatedEvent(pm, { documentId: document.id }));
        await tem.flush();
        const attached = await tem.nativeUpdate(
          Postmortem,
          { id: pm.id, document: null },
          { document: document.id, generationState: 'ready', progress: 100, updatedAt: new Date() },
        );
        if (attached !== 1) throw new AlreadyAttached();
        return document.id;
      })
      .catch(async (e) => {
        if (!(e instanceof AlreadyAttached)) throw e;
        // Another delivery of this job won the race; its document stands.
        const winner = await this.orm.em.fork().findOneOrFail(Postmortem, { id: pm.id });
        return winner.document!.id;
      });
    await this.announce(pm);
    await job.updateProgress(100);
    return { documentId };
  }

  async onFinalFailure({ postmortemId }: JobPayload<'postmortem.generate'>, reason: string): Promise<void> {
    const em = this.orm.em.fork();
    const pm = await em.transactional(async (tem) => {
      const failed = await tem.nativeUpdate(
        Postmortem,
        { id: postmortemId, generationState: { $ne: 'ready' } },
        { generationState: 'failed', failureReason: reason.slice(0, 2000), updatedAt: new Date() },
      );
      if (failed === 0) return null;
      const row = await tem.findOne(
        Postmortem,
        { id: postmortemId },
        { fields: ['incident', 'requestedBy', 'title'] },
      );
      // System event (no actor); who asked is in data.requestedBy.
      if (row)
        await recordDomainEvent(tem, {
          type: 'postmortem.failed',
          incidentId: row.incident.id,
          postmortemId,
          after: { generationState: 'failed', reason: reason.slice(0, 500) },
          data: { requestedBy: row.requestedBy.id, title: row.title },
        });
      return row;
    });
    if (pm) await this.announce(pm);
  }

  private async step(
    em: ReturnType<MikroORM['em']['fork']>,
    job: Job,
    pm: Postmortem,
    state: Postmortem['generationState'],
    progress: number,
    extra: Partial<Postmortem> = {},
  ) {
    await em.nativeUpdate(
      Postmortem,
      { id: pm.id },
      { generationState: state, progress, updatedAt: new Date(), ...extra },
    );
    await this.announce(pm);
    await job.updateProgress(progress);
  }
}

class AlreadyAttached extends Error {}

/** `postmortem.generated`, by the system (no actor); who asked is in data.requestedBy. */
const generatedEvent = (pm: Postmortem, where: Record<string, string>) =>
  ({
    type: 'postmortem.generated',
    incidentId: pm.incident.id,
    postmortemId: pm.id,
    templateId: pm.template?.id ?? null,
    after: { generationState: 'ready', ...where },
    data: { requestedBy: pm.requestedBy.id, title: pm.title, destination: pm.destination },
  }) as const;
