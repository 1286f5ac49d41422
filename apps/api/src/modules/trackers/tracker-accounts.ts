import type { EntityManager } from '@mikro-orm/core';
import { ConnectedAccount } from '@pm/db';

/** Account kinds that can serve each tracker. */
export const TRACKER_ACCOUNT_KINDS = {
  jira: ['jira_cloud', 'jira_dc'],
  github: ['github'],
} as const;

/** Whether `accountId` names an account of a kind that can serve `tracker`. */
export async function accountMatchesTracker(
  em: EntityManager,
  accountId: string,
  tracker: keyof typeof TRACKER_ACCOUNT_KINDS,
): Promise<boolean> {
  const account = await em.findOne(ConnectedAccount, { id: accountId }, { fields: ['kind'] });
  return !!account && (TRACKER_ACCOUNT_KINDS[tracker] as readonly string[]).includes(account.kind);
}

/** The tracker an account serves, or null for a destination account (Confluence, Google). */
export function trackerOfAccountKind(kind: string): keyof typeof TRACKER_ACCOUNT_KINDS | null {
  if (kind === 'github') return 'github';
  return kind === 'jira_cloud' || kind === 'jira_dc' ? 'jira' : null;
}
