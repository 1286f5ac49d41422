import { canSeeIncidentRule } from '@pm/auth';
import { ROLE_PERMISSIONS } from '@pm/contracts';
import type { Incident, User } from '@pm/db';

/**
 * Re-checks, from the stored requester, that they may still generate for this incident: a tampered job naming
 * another incident, or a requester who lost access since, fails as unrecoverable. Same visibility rule as the API
 * and the collab server (`canSeeIncidentRule`): private incidents admit global-access holders and responders.
 */
export function requesterMayGenerate(
  user: Pick<User, 'id' | 'role'>,
  incident: Pick<Incident, 'visibility' | 'responderIds'>,
): boolean {
  const permissions = ROLE_PERMISSIONS[user.role] ?? [];
  if (!permissions.includes('incidents_write')) return false;
  return canSeeIncidentRule({ permissions, userId: user.id }, incident);
}

/**
 * Re-checks, from the stored requester, that they may still export this postmortem: downloads need only to see the
 * incident (the same rule as reading the postmortem); publishing to a destination needs `incidents_write` too.
 */
export function requesterMayExport(
  user: Pick<User, 'id' | 'role'>,
  incident: Pick<Incident, 'visibility' | 'responderIds'>,
  publishes: boolean,
): boolean {
  const permissions = ROLE_PERMISSIONS[user.role] ?? [];
  if (publishes && !permissions.includes('incidents_write')) return false;
  return canSeeIncidentRule({ permissions, userId: user.id }, incident);
}
