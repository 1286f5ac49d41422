import { randomUUID } from 'node:crypto';
import { MikroORM, UniqueConstraintViolationException } from '@mikro-orm/core';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { colorForUser, signCollabToken } from '@pm/auth';
import {
  documentNameFor,
  type CollabGrant,
  type GeneratePostmortemInput,
  type Postmortem as PostmortemDto,
} from '@pm/contracts';
import { Incident, Postmortem, ReviewStep, Template, User } from '@pm/db';
import { DOC_SCHEMA_VERSION } from '@pm/doc-model';
import { JobProducer } from '@pm/queue';
import { API_CONFIG, type ApiConfig } from '../../config.js';
import { AppError, notFound } from '../../common/errors.js';
import type { AuthUser } from '../auth/auth.decorators.js';
import { canSeeIncident } from '../incidents/incident-access.js';
import { recordTimeline } from '../incidents/incident-activity.js';
import { IncidentsService } from '../incidents/incidents.service.js';
import { TemplatesService } from '../templates/templates.service.js';
import { planReviewSteps } from '../review-process/instantiate.js';
import { PostmortemChanges } from './postmortem-changes.js';
import { recordEvent } from '../audit/record-event.js';
import {
  POSTMORTEM_EXCLUDE,
  POSTMORTEM_POPULATE,
  toPostmortemDtoCounted,
  type PostmortemRow,
} from './postmortem.mapper.js';

const TEMPLATE_FIELDS = ['id', 'name', 'destination'] as const;

@Injectable()
export class PostmortemsService {
  private readonly log = new Logger('Postmortems');

  constructor(
    private readonly orm: MikroORM,
    private readonly incidents: IncidentsService,
    private readonly templates: TemplatesService,
    private readonly producer: JobProducer,
    @Inject(API_CONFIG) private readonly cfg: ApiConfig,
    private readonly changes: PostmortemChanges,
  ) {}

  /** The request's entity manager (for mapping rows with their counts). */
  get em() {
    return this.orm.em;
  }

  /**
   * The one visibility-checked postmortem loader: a postmortem the user may see (its incident's access rules
   * apply), with what its DTO needs; 404 otherwise, also for postmortems that do not exist.
   */
  async getVisible(user: AuthUser, id: string, em = this.orm.em): Promise<PostmortemRow> {
    const pm = await em.findOne(
      Postmortem,
      { id },
      { populate: POSTMORTEM_POPULATE, exclude: POSTMORTEM_EXCLUDE },
    );
    if (!pm || !canSeeIncident(user, pm.incident)) throw notFound('POSTMORTEM', id);
    return pm;
  }

  /**
   * Writes the row (state `queued`) and enqueues a job carrying its id, after the commit. The same idempotency key
   * from the same user returns the same postmortem. If Redis is down the row stays and the worker's sweeper
   * enqueues it later; the caller gets a fast 503 naming the postmortem.
   */
  async generate(
    user: AuthUser,
    incidentId: string,
    input: GeneratePostmortemInput,
    idempotencyKey?: string,
  ): Promise<PostmortemDto> {
    const em = this.orm.em;
    // The incident with what the access rule and the review steps need (commander, type); no template body.
    const incident = await em.findOne(
      Incident,
      { id: incidentId },
      { populate: ['commander', 'incidentType'] },
    );
    if (!incident || !canSeeIncident(user, incident)) throw notFound('INCIDENT', incidentId);
    const template = await em.findOne(Template, { id: input.templateId }, { fields: TEMPLATE_FIELDS });
    if (!template) throw notFound('TEMPLATE', input.templateId);
    const key = idempotencyKey ?? randomUUID();
    // Insert first: the unique (requested_by, idempotency_key) index detects a replay, so a new request (the usual
    // case) does not pay a lookup of its key.
    const requester = em.getReference(User, user.id);
    const row = em.create(Postmortem, {
      incident: em.getReference(Incident, incident.id),
      template: em.getReference(Template, template.id),
      // Kept on the row so the list still names the template after it is deleted.
      templateName: template.name,
      title: input.title ?? `Postmortem: ${incident.title}`,
      destination: template.destination,
      requestedBy: requester,
      owner: requester,
      idempotencyKey: key,
    });
    // The incident's timeline records the generation (same flush: no entry without its postmortem).
    recordTimeline(
      em,
      em.getReference(Incident, incident.id),
      user,
      `Postmortem "${row.title}" generation requested from template "${template.name}"`,
    );
    // Review steps in the same transaction (one write, not two). Planning only reads, so a broken process
    // definition is logged and the postmortem is still written without steps ("Apply process" retries).
    const steps = await planReviewSteps(em, row, incident).catch((e: Error) => {
      this.log.warn(`review steps of ${row.id} not given out: ${e.message}`);
      return [];
    });
    for (const step of steps) em.create(ReviewStep, { postmortem: row, ...step });
    await recordEvent(em, user, {
      type: 'postmortem.generation_requested',
      incidentId: incident.id,
      postmortemId: row.id,
      templateId: template.id,
      after: { title: row.title, templateName: template.name, destination: row.destination },
    });
    try {
      await em.flush();
    } catch (e) {
      if (!(e instanceof UniqueConstraintViolationException)) throw e;
      // This key was used before (a retry, or a concurrent request that won the insert): answer with its row.
      em.clear();
      const pm = await this.findByKey(user.id, key);
      if (!pm) throw e;
      if (pm.incident.id !== incident.id || pm.template?.id !== template.id) {
        throw new AppError('CONFLICT', 'This Idempotency-Key was already used for a different request');
      }
      if (pm.generationState === 'queued') await this.enqueue(pm.id);
      return toPostmortemDtoCounted(this.orm.em, await this.getVisible(user, pm.id));
    }
    // The row just written, as the DTO shows it, without reading it back (the requester owns it).
    await this.enqueue(row.id);
    this.changes.changed(incident.id, row.id);
    const dto = await toPostmortemDtoCounted(em, row as PostmortemRow);
    return { ...dto, ownerName: user.name, templateName: template.name };
  }

  private findByKey(userId: string, key: string) {
    return this.orm.em.findOne(
      Postmortem,
      { requestedBy: userId, idempotencyKey: key },
      { populate: POSTMORTEM_POPULATE, exclude: POSTMORTEM_EXCLUDE },
    );
  }

  private async enqueue(postmortemId: string) {
    try {
      await this.producer.enqueue('postmortem.generate', { postmortemId });
    } catch (e) {
      this.log.warn(`enqueue of ${postmortemId} failed, the sweeper will retry: ${(e as Error).message}`);
      throw new AppError(
        'QUEUE_UNAVAILABLE',
        'The job queue is unavailable right now; your postmortem is saved and will be generated when it is back',
        // Why (e.g. "Redis is unreachable"), for the operator reading the response; it names no address.
        { postmortemId, reason: (e as Error).message },
      );
    }
  }

  /** Issues a short-lived token to open this postmortem's notebook in the collab server. */
  async collabGrant(user: AuthUser, id: string): Promise<CollabGrant> {
    const pm = await this.getVisible(user, id);
    if (!pm.document)
      throw new AppError('DOCUMENT_NOT_FOUND', 'This postmortem has no notebook document (yet)');
    // A Completed postmortem is frozen: read-only for everyone (collab enforces the token's flag).
    const readOnly = !user.permissions.has('notebooks_write') || pm.status === 'completed';
    const { token, expiresAt } = await signCollabToken(
      { sub: user.id, name: user.name, doc: pm.document.id, ro: readOnly, sv: DOC_SCHEMA_VERSION },
      this.cfg.COLLAB_TOKEN_SECRET,
      this.cfg.COLLAB_TOKEN_TTL_SECONDS,
    );
    return {
      token,
      documentName: documentNameFor(pm.document.id),
      collabUrl: this.cfg.COLLAB_PUBLIC_URL,
      expiresAt: expiresAt.toISOString(),
      readOnly,
      user: { id: user.id, name: user.name, color: colorForUser(user.id) },
    };
  }
}
