/** What the access rule needs to know about a user: the permission names their role grants, and who they are. */
export interface AccessSubject {
  permissions: ReadonlySet<string> | readonly string[];
  userId?: string;
}

/** What the access rule needs to know about an incident. */
export interface AccessIncident {
  visibility: 'organization' | 'private' | string;
  /** User ids on the response team; they may see a private incident without global access. */
  responderIds?: readonly string[];
}

const has = (p: AccessSubject['permissions'], name: string): boolean =>
  p instanceof Set ? p.has(name) : (p as readonly string[]).includes(name);

/**
 * The ONE rule for who may see an incident (and everything under it: postmortems, documents, collab sessions).
 * Pure so the API and the collab server share it: private incidents are visible to holders of Private Incidents
 * Global Access and to the incident's responders; everyone else must get a 404 (never a 403), so nothing leaks.
 */
export function canSeeIncidentRule(subject: AccessSubject, incident: AccessIncident): boolean {
  if (!has(subject.permissions, 'incidents_read')) return false;
  if (incident.visibility !== 'private') return true;
  if (has(subject.permissions, 'private_incidents_global_access')) return true;
  return !!subject.userId && (incident.responderIds ?? []).includes(subject.userId);
}

/** Redis channel on which the API announces `{ incidentId }` whenever an incident's visibility or responders change. */
export const INCIDENT_ACCESS_CHANNEL = 'incident-access';

/** The full channel name for a Redis key prefix (`pm` → `pm:incident-access`). */
export const incidentAccessChannel = (prefix = 'pm'): string => `${prefix}:${INCIDENT_ACCESS_CHANNEL}`;
