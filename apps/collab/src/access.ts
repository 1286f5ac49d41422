import type { EntityManager } from '@mikro-orm/core';
import { canSeeIncidentRule } from '@pm/auth';
import { ROLE_PERMISSIONS } from '@pm/contracts';
import { Postmortem, User } from '@pm/db';

/** Which responders an incident has; injectable until responders are stored (issue 3), then read from the DB. */
export type ResponderLookup = (em: EntityManager, incidentId: string) => Promise<readonly string[]>;

/** No responders are stored yet: private incidents are visible to global-access holders only. */
export const noResponders: ResponderLookup = async () => [];

/** The incident guarding a document, or null when no postmortem links the document (nothing to guard). */
export async function incidentOfDocument(
  em: EntityManager,
  documentId: string,
): Promise<{ id: string; visibility: string } | null> {
  const pm = await em.findOne(Postmortem, { document: documentId }, { populate: ['incident'] });
  return pm ? { id: pm.incident.id, visibility: pm.incident.visibility } : null;
}

/**
 * Re-checks, against the database, whether `userId` may still see `incident`. Uses the same pure rule as the API
 * (`canSeeIncidentRule` from @pm/auth); a user who no longer exists sees nothing.
 */
export async function userCanSeeIncident(
  em: EntityManager,
  userId: string,
  incident: { id: string; visibility: string },
  responders: ResponderLookup,
): Promise<boolean> {
  const user = await em.findOne(User, { id: userId }, { fields: ['role'] });
  if (!user) return false;
  return canSeeIncidentRule(
    { permissions: ROLE_PERMISSIONS[user.role], userId },
    { visibility: incident.visibility, responderIds: await responders(em, incident.id) },
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
