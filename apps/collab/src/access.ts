import type { EntityManager } from '@mikro-orm/core';
import { canSeeIncidentRule } from '@pm/auth';
import { ROLE_PERMISSIONS } from '@pm/contracts';
import { Postmortem, User } from '@pm/db';

/** What the rule needs of an incident; `responderIds` mirrors the responders table (kept in sync by the API). */
export interface GuardedIncident {
  id: string;
  visibility: string;
  responderIds: readonly string[];
  /** The postmortem is Completed: its document is read-only for everyone until reopened. */
  frozen?: boolean;
}

/** The incident guarding a document, or null when no postmortem links the document (nothing to guard). */
export async function incidentOfDocument(
  em: EntityManager,
  documentId: string,
): Promise<GuardedIncident | null> {
  const pm = await em.findOne(Postmortem, { document: documentId }, { populate: ['incident'] });
  if (!pm) return null;
  const { id, visibility, responderIds } = pm.incident;
  return { id, visibility, responderIds: responderIds ?? [], frozen: pm.status === 'completed' };
}

/**
 * Re-checks, against the database, whether `userId` may still see `incident`. Uses the same pure rule as the API
 * (`canSeeIncidentRule` from @pm/auth); a user who no longer exists sees nothing.
 */
export async function userCanSeeIncident(
  em: EntityManager,
  userId: string,
  incident: GuardedIncident,
): Promise<boolean> {
  const user = await em.findOne(User, { id: userId }, { fields: ['role'] });
  if (!user) return false;
  return canSeeIncidentRule(
    { permissions: ROLE_PERMISSIONS[user.role], userId },
    { visibility: incident.visibility, responderIds: incident.responderIds },
  );
}

/** Collab document names of every postmortem document under an incident. */
export async function documentIdsOfIncident(em: EntityManager, incidentId: string): Promise<string[]> {
  const rows = await em.find(
    Postmortem,
    { incident: incidentId, document: { $ne: null } },
    { fields: ['document'] },
  );
  return rows.map((r) => r.document?.id).filter((id): id is string => !!id);
}
