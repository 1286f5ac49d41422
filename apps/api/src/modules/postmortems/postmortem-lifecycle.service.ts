import { MikroORM, type EntityManager } from '@mikro-orm/core';
import { Injectable, Logger } from '@nestjs/common';
import {
  EMPTY_REVIEW_RULE,
  isAttachableUrl,
  POSTMORTEM_OWNER_ROLE,
  type AttachPostmortemInput,
  type Postmortem as PostmortemDto,
  type PostmortemOwner,
  type PostmortemStatus,
  type ReviewSummary,
  type UpdatePostmortemInput,
} from '@pm/contracts';
import { incidentAccessRow, incidentTypeReviewRule, listPostmortemRows, Postmortem, User } from '@pm/db';
import { reviewSummary } from '../reviews/review-state.js';
import { frozen, ReviewsService } from '../reviews/reviews.service.js';
import { AppError, notFound } from '../../common/errors.js';
import type { AuthUser } from '../auth/auth.decorators.js';
import { canSeeIncident } from '../incidents/incident-access.js';
import { recordTimeline } from '../incidents/incident-activity.js';
import { IncidentAccessEvents } from '../incidents/incident-access-events.js';
import { IncidentsService } from '../incidents/incidents.service.js';
import { STATUS_LABELS, toPostmortemDtoCounted, type PostmortemRow } from './postmortem.mapper.js';
import { giveReviewSteps } from '../review-process/instantiate.js';
import { PostmortemChanges } from './postmortem-changes.js';
import { PostmortemsService } from './postmortems.service.js';
import { QualityService } from '../quality/quality.service.js';
import { recordEvent } from '../audit/record-event.js';

/**
 * Everything after generation: status and owner, attaching an existing document by URL, removing the link, and
 * the owners shown in the Response Team. Every change writes an incident timeline entry authored by the actor,
 * in the same flush as the change.
 */
/** The event's subject ids of a postmortem. */
const ids = (pm: Pick<Postmortem, 'id' | 'incident'>) => ({
  incidentId: pm.incident.id,
  postmortemId: pm.id,
});

@Injectable()
export class PostmortemLifecycleService {
  private readonly log = new Logger('PostmortemLifecycle');
  constructor(
    private readonly orm: MikroORM,
    private readonly incidents: IncidentsService,
    private readonly postmortems: PostmortemsService,
    private readonly changes: PostmortemChanges,
    private readonly quality: QualityService,
    private readonly reviews: ReviewsService,
    private readonly access: IncidentAccessEvents,
  ) {}

  /** Lists the incident's postmortems; removed ones too when an admin asks for them. */
  async list(user: AuthUser, incidentId: string, includeRemoved: boolean, em: EntityManager = this.orm.em) {
    if (includeRemoved && user.role !== 'admin') {
      throw new AppError('FORBIDDEN', 'Only admins can list removed postmortems');
    }
    // Plain SQL (@pm/db postmortem-reads.ts): the tab and the list stream read this on every change.
    const incident = await incidentAccessRow(em, incidentId);
    if (!incident || !canSeeIncident(user, incident)) throw notFound('INCIDENT', incidentId);
    const rows = await listPostmortemRows(em, incidentId, includeRemoved);
    // The incident type's rule, read once for the rows without their own (reviewSummary would read it per row).
    const typeRule = rows.some((r) => !r.reviewRule)
      ? ((await incidentTypeReviewRule(em, incident.incidentTypeId)) ?? EMPTY_REVIEW_RULE)
      : EMPTY_REVIEW_RULE;
    const reviews: (ReviewSummary | null)[] = [];
    for (const r of rows) {
      const pm = {
        id: r.dto.id,
        reviewRule: r.reviewRule,
        incident,
        document: r.dto.documentId ? { id: r.dto.documentId } : null,
      };
      const rule = r.reviewRule
        ? { rule: r.reviewRule, source: 'postmortem' as const }
        : { rule: typeRule, source: 'incident_type' as const };
      reviews.push(await reviewSummary(em, pm, rule));
    }
    return { items: rows.map((r, i) => ({ ...r.dto, review: reviews[i]! })) };
  }

  /** Renames and/or changes status and owner. The new owner must be a user of the organisation. */
  async update(user: AuthUser, id: string, input: UpdatePostmortemInput): Promise<PostmortemDto> {
    const em = this.orm.em;
    const pm = await this.linked(user, id);
    const reopening = pm.status === 'completed' && input.status !== undefined && input.status !== 'completed';
    const edits =
      (input.title !== undefined && input.title !== pm.title) ||
      (input.ownerId !== undefined && input.ownerId !== pm.owner?.id);
    // Completed freezes the postmortem: only a status change away from it (a reopen) is accepted.
    if (pm.status === 'completed' && edits && !reopening) throw frozen(pm.id);
    const changes: string[] = [];
    const wasCompleted = pm.status === 'completed';
    // The timeline entry names the postmortem as it was called before this change.
    const before = pm.title;
    if (input.title !== undefined && input.title !== pm.title) {
      changes.push(`renamed to "${input.title}"`);
      await recordEvent(em, user, {
        type: 'postmortem.title_changed',
        ...ids(pm),
        before: { title: pm.title },
        after: { title: input.title },
      });
      pm.title = input.title;
    }
    if (input.status !== undefined && input.status !== pm.status) {
      await this.changeStatus(em, user, pm, input.status, changes);
    }
    if (input.ownerId !== undefined && input.ownerId !== pm.owner?.id) {
      const owner = await em.findOne(User, { id: input.ownerId });
      if (!owner) throw new AppError('USER_NOT_FOUND', `User ${input.ownerId} was not found`);
      changes.push(`owner changed from ${pm.owner?.name ?? 'nobody'} to ${owner.name}`);
      await recordEvent(em, user, {
        type: 'postmortem.owner_changed',
        ...ids(pm),
        before: { ownerId: pm.owner?.id ?? null, ownerName: pm.owner?.name ?? null },
        after: { ownerId: owner.id, ownerName: owner.name },
        data: { title: pm.title },
      });
      pm.owner = owner;
    }
    if (changes.length) {
      recordTimeline(em, pm.incident, user, `Postmortem "${before}": ${changes.join('; ')}`);
      await em.flush();
      this.changes.changed(pm.incident.id, pm.id);
      // Collab re-checks the incident's open documents: a Completed one turns read-only for every connection.
      if (wasCompleted !== (pm.status === 'completed')) await this.access.publish(pm.incident.id);
    }
    return toPostmortemDtoCounted(em, pm);
  }

  /**
   * The one place the editorial status changes: Completed needs the review rule met (409 REVIEW_INCOMPLETE),
   * In Review asks the reviewers, leaving Completed is a recorded reopen. Persisted with the caller's flush.
   */
  private async changeStatus(
    em: EntityManager,
    user: AuthUser,
    pm: PostmortemRow,
    status: PostmortemStatus,
    changes: string[],
  ): Promise<void> {
    const from = pm.status;
    // Blocking quality checks refuse In Review / Completed (409 QUALITY_CHECKS_FAILED); warnings never do.
    await this.quality.assertStatusAllowed(em, pm, status);
    if (status === 'completed') await this.reviews.assertComplete(em, pm);
    changes.push(`status changed from ${STATUS_LABELS[from]} to ${STATUS_LABELS[status]}`);
    await recordEvent(em, user, {
      type: 'postmortem.status_changed',
      ...ids(pm),
      before: { status: from },
      after: { status },
      data: { title: pm.title },
    });
    pm.status = status;
    pm.completedAt = status === 'completed' ? new Date() : null; // insights: resolution → Completed time
    if (status === 'in_review') await this.reviews.requestReviews(em, user, pm);
    if (from === 'completed') {
      await recordEvent(em, user, {
        type: 'postmortem.reopened',
        ...ids(pm),
        before: { status: from },
        after: { status },
      });
    }
  }

  /**
   * Attaches an existing postmortem by URL. Only http(s) with a host is accepted; the URL is stored as given and
   * never fetched by the server (so no request to internal addresses can be triggered through it).
   */
  async attach(user: AuthUser, incidentId: string, input: AttachPostmortemInput): Promise<PostmortemDto> {
    if (!isAttachableUrl(input.url)) {
      throw new AppError('URL_NOT_ALLOWED', 'Only http:// and https:// URLs can be attached', {
        issues: [{ path: 'url', message: 'only http(s) URLs are allowed', code: 'URL_NOT_ALLOWED' }],
      });
    }
    const em = this.orm.em;
    const incident = await this.incidents.getVisible(user, incidentId);
    const actor = em.getReference(User, user.id);
    const pm = em.create(Postmortem, {
      incident,
      title: input.title,
      destination: 'link',
      generationState: 'ready',
      progress: 100,
      url: input.url,
      requestedBy: actor,
      owner: actor,
    });
    recordTimeline(em, incident, user, `Postmortem "${input.title}" attached: ${input.url}`);
    await recordEvent(em, user, {
      type: 'postmortem.attached',
      ...ids(pm),
      after: { title: input.title, url: input.url },
    });
    await em.flush();
    await giveReviewSteps(em, pm.id, this.log);
    this.changes.changed(incident.id);
    return toPostmortemDtoCounted(em, await this.postmortems.getVisible(user, pm.id));
  }

  /** Removes the link from the incident only: the row keeps its document, which stays reachable by id. */
  async remove(user: AuthUser, incidentId: string, id: string): Promise<void> {
    const em = this.orm.em;
    const pm = await this.linked(user, id);
    if (pm.incident.id !== incidentId) throw notFound('POSTMORTEM', id);
    pm.removedAt = new Date();
    recordTimeline(em, pm.incident, user, `Postmortem "${pm.title}" removed from the incident`);
    await recordEvent(em, user, {
      type: 'postmortem.removed',
      ...ids(pm),
      before: { title: pm.title, url: pm.url ?? null },
      data: { title: pm.title, url: pm.url ?? null },
    });
    await em.flush();
    this.changes.changed(pm.incident.id, pm.id);
  }

  /** Owners of the incident's (linked) postmortems, as Response Team members with the system role. */
  async owners(user: AuthUser, incidentId: string): Promise<{ items: PostmortemOwner[] }> {
    const incident = await this.incidents.getVisible(user, incidentId);
    const rows = await this.orm.em.find(
      Postmortem,
      { incident, removedAt: null, owner: { $ne: null } },
      { populate: ['owner'], orderBy: { createdAt: 'asc' } },
    );
    const byUser = new Map<string, PostmortemOwner>();
    for (const p of rows) {
      const o = p.owner!;
      const entry = byUser.get(o.id) ?? {
        userId: o.id,
        name: o.name,
        email: o.email,
        role: POSTMORTEM_OWNER_ROLE,
        postmortemIds: [],
      };
      entry.postmortemIds.push(p.id);
      byUser.set(o.id, entry);
    }
    return { items: [...byUser.values()] };
  }

  /** A visible postmortem still linked to its incident; removed ones cannot be changed (404). */
  private async linked(user: AuthUser, id: string): Promise<PostmortemRow> {
    const pm = await this.postmortems.getVisible(user, id);
    if (pm.removedAt) throw notFound('POSTMORTEM', id);
    return pm;
  }
}
