import type { EntityManager } from '@mikro-orm/core';
import {
  DESTINATION_ACCOUNT_KINDS,
  type ConfluenceSettings,
  type Destination,
  type GoogleDocsSettings,
} from '@pm/contracts';
import { ConnectedAccount } from '@pm/db';
import { AppError } from '../../common/errors.js';

/**
 * A Confluence / Google Docs save location must name an existing connected account of a matching kind, so a
 * template cannot promise a destination that generating from it would then fail on. 422 TEMPLATE_ACCOUNT_INVALID
 * with the field, the account id and why (`missing` or `wrong_kind`).
 */
export async function assertDestinationAccount(
  em: EntityManager,
  destination: Destination,
  settings: { confluence: ConfluenceSettings | null; googleDocs: GoogleDocsSettings | null },
): Promise<void> {
  if (destination === 'notebook') return;
  const field = destination === 'confluence' ? 'confluence' : 'googleDocs';
  const accountId = (destination === 'confluence' ? settings.confluence : settings.googleDocs)?.accountId;
  if (!accountId) return; // "settings required" is reported by the caller's own check
  const allowed: readonly string[] = DESTINATION_ACCOUNT_KINDS[destination];
  const account = await em.findOne(ConnectedAccount, { id: accountId }, { fields: ['id', 'kind', 'name'] });
  const label = destination === 'confluence' ? 'Confluence' : 'Google';
  if (!account) {
    throw new AppError(
      'TEMPLATE_ACCOUNT_INVALID',
      `${field}.accountId: no connected account ${accountId}; connect a ${label} account in Settings → Connected accounts first`,
      { field: `${field}.accountId`, accountId, reason: 'missing' },
    );
  }
  if (!allowed.includes(account.kind)) {
    throw new AppError(
      'TEMPLATE_ACCOUNT_INVALID',
      `${field}.accountId: "${account.name}" is a ${account.kind} account; this destination needs a ${label} account`,
      { field: `${field}.accountId`, accountId, reason: 'wrong_kind', kind: account.kind },
    );
  }
}
