import { canSeeIncidentRule } from '@pm/auth';
import type { Incident } from '@pm/db';
import type { AuthUser } from '../auth/auth.decorators.js';

/**
 * Who may see an incident. Private incidents are visible to holders of Private Incidents Global Access only
 * (responder-based access arrives with the response team); everyone else gets a 404, never a 403, so nothing leaks.
 */
export function canSeeIncident(
  user: Pick<AuthUser, 'permissions'> & { id?: string },
  incident: Pick<Incident, 'visibility'> & { responderIds?: readonly string[] },
): boolean {
  // The rule itself lives in @pm/auth so the collab server applies exactly the same one.
  return canSeeIncidentRule(
    { permissions: user.permissions, userId: user.id },
    { visibility: incident.visibility, responderIds: incident.responderIds },
  );
}

/** A filter fragment restricting queries to incidents the user can see. */
export function visibleIncidentsFilter(user: Pick<AuthUser, 'permissions'>) {
  return user.permissions.has('private_incidents_global_access')
    ? {}
    : { visibility: 'organization' as const };
}
