import { canSeeIncidentRule } from '@pm/auth';
import type { Incident } from '@pm/db';
import type { AuthUser } from '../auth/auth.decorators.js';

/**
 * Who may see an incident: with Incidents Read, every organization incident; a private one only as a responder
 * (`incident.responderIds`, kept in sync with the responders table) or with Private Incidents Global Access.
 * Everyone else gets a 404, never a 403, so nothing leaks. The rule itself lives in @pm/auth so the collab server
 * applies exactly the same one.
 */
export function canSeeIncident(
  user: Pick<AuthUser, 'permissions'> & { id?: string },
  incident: Pick<Incident, 'visibility'> & { responderIds?: readonly string[] },
): boolean {
  return canSeeIncidentRule(
    { permissions: user.permissions, userId: user.id },
    { visibility: incident.visibility, responderIds: incident.responderIds },
  );
}
