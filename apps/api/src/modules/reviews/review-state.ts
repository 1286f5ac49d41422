import type { EntityManager } from '@mikro-orm/core';
import {
  EMPTY_REVIEW_RULE,
  evaluateReview,
  ROLE_PERMISSIONS,
  type ReviewEvaluation,
  type ReviewRule,
  type ReviewState,
  type ReviewSummary,
} from '@pm/contracts';
import { Document, Incident, IncidentType, PostmortemReview, User, type Postmortem } from '@pm/db';
import { canSeeIncident } from '../incidents/incident-access.js';

/** Everything the review routes and the lifecycle need about one postmortem's review, read in a few queries. */
export interface LoadedReview {
  rule: ReviewRule;
  source: ReviewState['source'];
  /** The rule's reviewers who can still see the incident (a reviewer removed from it drops out). */
  effectiveRule: ReviewRule;
  rows: PostmortemReview[];
  docVersion: number | null;
  evaluation: ReviewEvaluation;
  names: Map<string, string>;
  state: ReviewState;
}

/** What the review reads of a postmortem (an entity, or a plain-SQL list row). */
export type PmLike = Pick<Postmortem, 'id' | 'reviewRule'> & {
  incident: Pick<Incident, 'id' | 'visibility' | 'responderIds'> & { incidentType?: unknown };
  document: Pick<Document, 'id'> | null;
};

/** The rule that applies: the postmortem's own, else its incident type's, else "no review required". */
async function ruleFor(em: EntityManager, pm: PmLike): Promise<Pick<LoadedReview, 'rule' | 'source'>> {
  if (pm.reviewRule) return { rule: pm.reviewRule, source: 'postmortem' };
  const incident = await em.findOne(Incident, { id: pm.incident.id }, { fields: ['incidentType'] });
  const typeId = (incident?.incidentType as { id?: string } | null)?.id;
  const type = typeId
    ? await em.findOne(IncidentType, { id: typeId }, { fields: ['reviewRule'] })
    : await em.findOne(IncidentType, { isDefault: true }, { fields: ['reviewRule'] });
  return { rule: type?.reviewRule ?? EMPTY_REVIEW_RULE, source: 'incident_type' };
}

/** The document's store counter, read fresh (collab moves it on every store). */
async function currentDocVersion(em: EntityManager, pm: PmLike): Promise<number | null> {
  if (!pm.document) return null;
  const doc = await em.findOne(
    Document,
    { id: pm.document.id },
    { fields: ['version'], disableIdentityMap: true },
  );
  return doc?.version ?? null;
}

export async function loadReview(
  em: EntityManager,
  pm: PmLike,
  known?: Pick<LoadedReview, 'rule' | 'source'>,
): Promise<LoadedReview> {
  const { rule, source } = known ?? (await ruleFor(em, pm));
  const users = rule.reviewerIds.length
    ? await em.find(User, { id: { $in: rule.reviewerIds } }, { fields: ['name', 'role'] })
    : [];
  const byId = new Map(users.map((u) => [u.id, u]));
  const canSee = (id: string) => {
    const u = byId.get(id);
    return !!u && canSeeIncident({ id, permissions: new Set(ROLE_PERMISSIONS[u.role]) }, pm.incident);
  };
  const effectiveRule: ReviewRule = { ...rule, reviewerIds: rule.reviewerIds.filter(canSee) };
  const rows = await em.find(PostmortemReview, { postmortem: pm.id }, { orderBy: { createdAt: 'asc' } });
  const docVersion = await currentDocVersion(em, pm);
  const evaluation = evaluateReview(
    effectiveRule,
    rows.map((r) => ({ reviewerId: r.reviewer.id, decision: r.decision, docVersion: r.docVersion })),
    docVersion,
  );
  const names = new Map(users.map((u) => [u.id, u.name]));
  const rowOf = new Map(rows.map((r) => [r.reviewer.id, r]));
  const stale = new Set(evaluation.stale);
  const state: ReviewState = {
    rule,
    source,
    reviewers: effectiveRule.reviewerIds.map((id) => {
      const r = rowOf.get(id);
      return {
        userId: id,
        name: names.get(id) ?? 'Unknown user',
        decision: r?.decision ?? 'pending',
        comment: r?.comment ?? '',
        decidedAt: r?.decidedAt ? r.decidedAt.toISOString() : null,
        stale: stale.has(id),
      };
    }),
    approvals: evaluation.approvals,
    needed: evaluation.needed,
    missing: evaluation.missing.map((id) => ({ userId: id, name: names.get(id) ?? 'Unknown user' })),
    met: evaluation.met,
  };
  return { rule, source, effectiveRule, rows, docVersion, evaluation, names, state };
}

/**
 * The list's compact summary; null when no reviewer is required (attached postmortems included). `rule`: the rule
 * that applies when the caller has read it already (a list reads its incident type's rule once).
 */
export async function reviewSummary(
  em: EntityManager,
  pm: PmLike,
  rule?: Pick<LoadedReview, 'rule' | 'source'>,
): Promise<ReviewSummary | null> {
  // A rule naming nobody (most postmortems) has no summary: skip the reviewer, review and version reads.
  const known = rule ?? (await ruleFor(em, pm));
  if (!known.rule.reviewerIds.length) return null;
  const { state, evaluation } = await loadReview(em, pm, known);
  if (!state.reviewers.length) return null;
  return {
    approvals: evaluation.approvals,
    needed: evaluation.needed,
    missing: state.missing.map((m) => m.name),
    stale: evaluation.stale.length,
    changesRequested: evaluation.changesRequested.length,
    met: evaluation.met,
  };
}
