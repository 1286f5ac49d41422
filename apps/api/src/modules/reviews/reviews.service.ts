import { MikroORM, type EntityManager } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';
import {
  ReviewRuleInputSchema,
  type ReviewDecisionInput,
  type ReviewRule,
  type ReviewRuleInput,
  type ReviewState,
} from '@pm/contracts';
import { IncidentType, Postmortem, PostmortemReview, User } from '@pm/db';
import { AppError } from '../../common/errors.js';
import { recordEvent } from '../audit/record-event.js';
import type { AuthUser } from '../auth/auth.decorators.js';
import { recordTimeline } from '../incidents/incident-activity.js';
import { PostmortemChanges } from '../postmortems/postmortem-changes.js';
import type { PostmortemRow } from '../postmortems/postmortem.mapper.js';
import { loadReview, type LoadedReview } from './review-state.js';

/** Path of a postmortem in the web app, for notifications. */
export const postmortemLink = (pm: PostmortemRow) => `/incidents/${pm.incident.id}/post-incident/${pm.id}`;

/**
 * Required reviewers and approvals. Every decision writes an incident timeline entry and a domain event in the
 * caller's flush. The lifecycle calls {@link requestReviews} (→ In Review), {@link assertComplete} (→ Completed).
 */
@Injectable()
export class ReviewsService {
  constructor(
    private readonly orm: MikroORM,
    private readonly changes: PostmortemChanges,
  ) {}

  async state(pm: PostmortemRow, em: EntityManager = this.orm.em): Promise<ReviewState> {
    const loaded = await loadReview(em, pm);
    await this.recordStale(em, pm, loaded);
    await em.flush();
    return loaded.state;
  }

  /** Sets (or with null clears) the postmortem's own rule; frozen once Completed. */
  async setPostmortemRule(user: AuthUser, pm: PostmortemRow, input: ReviewRuleInput | null) {
    const em = this.orm.em;
    if (pm.status === 'completed') throw frozen(pm.id);
    const before = (await loadReview(em, pm)).rule;
    const rule = input ? await this.validRule(em, input) : null;
    pm.reviewRule = rule;
    const after = rule ?? (await loadReview(em, pm)).rule;
    const names = await this.namesOf(em, after.reviewerIds);
    recordTimeline(
      em,
      pm.incident,
      user,
      `Postmortem "${pm.title}": reviewers set to ${names.length ? names.join(', ') : 'nobody'}` +
        (after.minApprovals
          ? ` (${after.minApprovals} approval${after.minApprovals > 1 ? 's' : ''} needed)`
          : ''),
    );
    await recordEvent(em, user, {
      type: 'postmortem.reviewers_changed',
      incidentId: pm.incident.id,
      postmortemId: pm.id,
      before: { ...before },
      after: { ...after },
    });
    // Reviewers asked while In Review are asked again under the new rule.
    if (pm.status === 'in_review') await this.requestReviews(em, user, pm);
    await em.flush();
    this.changes.changed(pm.incident.id, pm.id);
    return this.state(pm, em);
  }

  /** The incident type's rule (incident settings). */
  async setTypeRule(typeId: string, input: ReviewRuleInput) {
    const em = this.orm.em;
    const type = await em.findOne(IncidentType, { id: typeId });
    if (!type) throw new AppError('INCIDENT_TYPE_NOT_FOUND', `Incident type ${typeId} was not found`);
    type.reviewRule = await this.validRule(em, input);
    await em.flush();
    return type.reviewRule;
  }

  async typeRule(typeId: string) {
    const type = await this.orm.em.findOne(IncidentType, { id: typeId });
    if (!type) throw new AppError('INCIDENT_TYPE_NOT_FOUND', `Incident type ${typeId} was not found`);
    return type.reviewRule ?? null;
  }

  /**
   * Moving to In Review asks every reviewer without a fresh approval: their row becomes pending and they are
   * told (domain event `notify`). Persisted with the caller's flush.
   */
  async requestReviews(em: EntityManager, user: AuthUser, pm: PostmortemRow): Promise<void> {
    const loaded = await loadReview(em, pm);
    const ask = loaded.evaluation.missing;
    if (!ask.length) return;
    const rowOf = new Map(loaded.rows.map((r) => [r.reviewer.id, r]));
    const now = new Date();
    for (const id of ask) {
      const row =
        rowOf.get(id) ??
        em.create(PostmortemReview, {
          postmortem: em.getReference(Postmortem, pm.id),
          reviewer: em.getReference(User, id),
        });
      row.decision = 'pending';
      row.comment = '';
      row.decidedAt = null;
      row.docVersion = null;
      row.staleRecorded = false;
      row.requestedAt = now;
    }
    const names = ask.map((id) => loaded.names.get(id) ?? id);
    recordTimeline(
      em,
      pm.incident,
      user,
      `Postmortem "${pm.title}": review requested from ${names.join(', ')}`,
    );
    await recordEvent(em, user, {
      type: 'postmortem.review_requested',
      incidentId: pm.incident.id,
      postmortemId: pm.id,
      data: { reviewerIds: ask, needed: loaded.evaluation.needed },
      notify: {
        userIds: ask,
        title: `Review requested: ${pm.title}`,
        body: `${user.name} asks you to review the postmortem "${pm.title}".`,
        link: postmortemLink(pm),
      },
    });
  }

  /** Completed is refused until the rule is met: 409 naming who is missing. */
  async assertComplete(em: EntityManager, pm: PostmortemRow): Promise<void> {
    const loaded = await loadReview(em, pm);
    // No flush here: the caller's pending change must not be written by a refusal.
    if (loaded.evaluation.met) return;
    const { state, evaluation } = loaded;
    const who = state.missing.map((m) => m.name).join(', ');
    throw new AppError(
      'REVIEW_INCOMPLETE',
      `Completing needs ${evaluation.needed} approval${evaluation.needed === 1 ? '' : 's'} (${evaluation.approvals} so far)` +
        (who ? `; waiting for ${who}` : ''),
      {
        missing: state.missing,
        approvalsNeeded: evaluation.needed,
        approvalsHave: evaluation.approvals,
        changesRequested: evaluation.changesRequested,
        stale: evaluation.stale,
      },
    );
  }

  /** A reviewer approves or requests changes (with a comment). */
  async decide(user: AuthUser, pm: PostmortemRow, input: ReviewDecisionInput): Promise<ReviewState> {
    const em = this.orm.em;
    if (pm.status === 'completed') throw frozen(pm.id);
    const loaded = await loadReview(em, pm);
    if (!loaded.effectiveRule.reviewerIds.includes(user.id))
      throw new AppError('NOT_A_REVIEWER', 'You are not a reviewer of this postmortem');
    if (pm.status !== 'in_review')
      throw new AppError('REVIEW_NOT_OPEN', 'Reviews are decided while the postmortem is In Review');
    const decision = input.decision;
    if (decision === 'approved' && pm.owner?.id === user.id && !loaded.rule.allowSelfApproval)
      throw new AppError('REVIEW_SELF_APPROVAL', 'The owner cannot approve their own postmortem');
    const row = loaded.rows.find((r) => r.reviewer.id === user.id);
    const stale = loaded.evaluation.stale.includes(user.id);
    if (row && row.decision === decision && decision === 'approved' && !stale)
      throw new AppError('REVIEW_ALREADY_DECIDED', 'You already approved this version of the postmortem');
    const r =
      row ??
      em.create(PostmortemReview, {
        postmortem: em.getReference(Postmortem, pm.id),
        reviewer: em.getReference(User, user.id),
      });
    r.decision = decision;
    r.comment = input.comment ?? '';
    r.decidedAt = new Date();
    r.docVersion = loaded.docVersion;
    r.staleRecorded = false;
    const approved = decision === 'approved';
    recordTimeline(
      em,
      pm.incident,
      user,
      `Postmortem "${pm.title}": ${approved ? 'approved' : 'changes requested'}` +
        (r.comment ? ` — ${r.comment}` : ''),
    );
    const ownerId = pm.owner?.id;
    await recordEvent(em, user, {
      type: approved ? 'postmortem.approved' : 'postmortem.changes_requested',
      incidentId: pm.incident.id,
      postmortemId: pm.id,
      data: { comment: r.comment, docVersion: loaded.docVersion },
      notify:
        ownerId && ownerId !== user.id
          ? {
              userIds: [ownerId],
              title: `${approved ? 'Approved' : 'Changes requested'}: ${pm.title}`,
              body: r.comment ? `${user.name}: ${r.comment}` : `${user.name} approved the postmortem.`,
              link: postmortemLink(pm),
            }
          : null,
    });
    await em.flush();
    // Open lists (the owner's badge) learn about the decision at once.
    this.changes.changed(pm.incident.id, pm.id);
    return (await loadReview(em, pm)).state;
  }

  /** Records `postmortem.approvals_stale` once for approvals the document has outgrown. */
  private async recordStale(em: EntityManager, pm: PostmortemRow, loaded: LoadedReview): Promise<void> {
    const fresh = loaded.rows.filter(
      (r) => loaded.evaluation.stale.includes(r.reviewer.id) && !r.staleRecorded,
    );
    if (!fresh.length) return;
    for (const r of fresh) r.staleRecorded = true;
    const names = fresh.map((r) => loaded.names.get(r.reviewer.id) ?? r.reviewer.id);
    recordTimeline(
      em,
      pm.incident,
      { system: true, name: 'Postmortems' },
      `Postmortem "${pm.title}": approval by ${names.join(', ')} is stale (the document changed since)`,
    );
    await recordEvent(em, null, {
      type: 'postmortem.approvals_stale',
      incidentId: pm.incident.id,
      postmortemId: pm.id,
      data: { reviewerIds: fresh.map((r) => r.reviewer.id), docVersion: loaded.docVersion },
    });
  }

  private async validRule(em: EntityManager, input: ReviewRuleInput): Promise<ReviewRule> {
    const rule = ReviewRuleInputSchema.parse(input);
    const found = rule.reviewerIds.length ? await em.count(User, { id: { $in: rule.reviewerIds } }) : 0;
    if (found !== rule.reviewerIds.length)
      throw new AppError('USER_NOT_FOUND', 'reviewerIds: a reviewer is not a user of the organisation', {
        issues: [{ path: 'reviewerIds', message: 'unknown user', code: 'USER_NOT_FOUND' }],
      });
    if (rule.minApprovals !== null && rule.minApprovals > rule.reviewerIds.length)
      throw new AppError('VALIDATION_FAILED', 'minApprovals: more approvals than reviewers', {
        issues: [{ in: 'body', path: 'minApprovals', message: 'more than the reviewers', code: 'too_big' }],
      });
    return rule;
  }

  private async namesOf(em: EntityManager, ids: string[]): Promise<string[]> {
    if (!ids.length) return [];
    const users = await em.find(User, { id: { $in: ids } }, { fields: ['name'] });
    const byId = new Map(users.map((u) => [u.id, u.name]));
    return ids.map((id) => byId.get(id) ?? id);
  }
}

export const frozen = (id: string) =>
  new AppError('POSTMORTEM_FROZEN', 'This postmortem is Completed and read-only; reopen it to change it', {
    postmortemId: id,
  });
