import { ROLE_PERMISSIONS } from '@pm/contracts';
import type { Incident, User } from '@pm/db';

/**
 * Re-checks, from the stored requester, that they may still generate for this incident: a tampered job naming
 * another incident, or a requester who lost access since, fails as unrecoverable.
 */
export function requesterMayGenerate(
  user: Pick<User, 'role'>,
  incident: Pick<Incident, 'visibility'>,
): boolean {
  const perms = ROLE_PERMISSIONS[user.role] ?? [];
  if (!perms.includes('incidents_write')) return false;
  if (incident.visibility === 'private') return perms.includes('private_incidents_global_access');
  return true;
}
