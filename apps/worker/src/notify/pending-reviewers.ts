import type { EntityManager } from '@mikro-orm/core';
import { canSeeIncidentRule } from '@pm/auth';
import {
  EMPTY_REVIEW_RULE,
  evaluateReview,
  ROLE_PERMISSIONS,
  type ReviewRecord,
  type ReviewRule,
} from '@pm/contracts';
import { Document, IncidentType, PostmortemReview, User, type Postmortem } from '@pm/db';

/**
 * For each In Review postmortem of `pms` (incident loaded), the required reviewers who have no fresh approval yet,
 * computed like the API's review state (`evaluateReview`: stale approvals and requested changes still count as
 * missing) and dropping reviewers who can no longer see the incident, as the API's rule does. Four queries
 * whatever the number of postmortems (types, reviews, document versions, users): no query per postmortem.
 * Drafts get none: their reviewers have not been asked yet.
 */
export async function pendingReviewers(
  em: EntityManager,
  pms: readonly Postmortem[],
): Promise<Map<string, string[]>> {
  const inReview = pms.filter((pm) => pm.status === 'in_review');
  const out = new Map<string, string[]>();
  if (!inReview.length) return out;

  // Incident types are few; the default type's rule applies to incidents without a type.
  const types = await em.find(IncidentType, {}, { fields: ['reviewRule', 'isDefault'] });
  const typeRule = new Map(types.map((t) => [t.id, t.reviewRule]));
  const defaultRule = types.find((t) => t.isDefault)?.reviewRule ?? null;
  const ruleOf = (pm: Postmortem): ReviewRule => {
    if (pm.reviewRule) return pm.reviewRule;
    const typeId = pm.incident.incidentType?.id;
    return (typeId ? typeRule.get(typeId) : defaultRule) ?? EMPTY_REVIEW_RULE;
  };
  const rules = new Map(inReview.map((pm) => [pm.id, ruleOf(pm)]));
  const withReviewers = inReview.filter((pm) => rules.get(pm.id)!.reviewerIds.length);
  if (!withReviewers.length) return out;

  const rows = await em.find(
    PostmortemReview,
    { postmortem: { $in: withReviewers.map((pm) => pm.id) } },
    { fields: ['postmortem', 'reviewer', 'decision', 'docVersion'] },
  );
  const docIds = withReviewers.flatMap((pm) => (pm.document ? [pm.document.id] : []));
  // Read fresh: collab moves the version on every store.
  const docs = docIds.length
    ? await em.find(Document, { id: { $in: docIds } }, { fields: ['version'], disableIdentityMap: true })
    : [];
  const versionOf = new Map(docs.map((d) => [d.id, d.version]));
  const reviewerIds = [...new Set(withReviewers.flatMap((pm) => rules.get(pm.id)!.reviewerIds))];
  const users = await em.find(User, { id: { $in: reviewerIds } }, { fields: ['role'] });
  const roleOf = new Map(users.map((u) => [u.id, u.role]));
  const recordsOf = new Map<string, ReviewRecord[]>();
  for (const r of rows) {
    const list = recordsOf.get(r.postmortem.id) ?? [];
    list.push({ reviewerId: r.reviewer.id, decision: r.decision, docVersion: r.docVersion });
    recordsOf.set(r.postmortem.id, list);
  }

  for (const pm of withReviewers) {
    const rule = rules.get(pm.id)!;
    const canSee = (id: string) =>
      roleOf.has(id) &&
      canSeeIncidentRule({ permissions: ROLE_PERMISSIONS[roleOf.get(id)!] ?? [], userId: id }, pm.incident);
    const effective = { ...rule, reviewerIds: rule.reviewerIds.filter(canSee) };
    const docVersion = pm.document ? (versionOf.get(pm.document.id) ?? null) : null;
    out.set(pm.id, evaluateReview(effective, recordsOf.get(pm.id) ?? [], docVersion).missing);
  }
  return out;
}
