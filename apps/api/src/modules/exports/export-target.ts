import type { EntityManager } from '@mikro-orm/core';
import {
  DESTINATION_ACCOUNT_KINDS,
  type CreateExportInput,
  type ExportKind,
  type ExportTarget,
} from '@pm/contracts';
import { ConnectedAccount, type Template } from '@pm/db';
import { AppError } from '../../common/errors.js';

/**
 * Where a Confluence / Drive export goes: the request's account and place, else the postmortem's template
 * destination of the same kind. The account must exist and be of the destination's service. Downloads have none.
 */
export async function resolveExportTarget(
  em: EntityManager,
  input: CreateExportInput,
  template: Pick<Template, 'destination' | 'confluenceSettings' | 'googleDocsSettings'> | null,
): Promise<ExportTarget | null> {
  const kind: ExportKind = input.kind;
  if (kind !== 'confluence' && kind !== 'google_docs') return null;
  let target: ExportTarget | null = null;
  if (kind === 'confluence') {
    const fallback = template?.destination === 'confluence' ? template.confluenceSettings : null;
    const accountId = input.accountId ?? fallback?.accountId;
    const spaceKey = input.spaceKey ?? fallback?.spaceKey;
    if (accountId && spaceKey)
      target = {
        kind,
        accountId,
        spaceKey,
        parentPageId:
          input.parentPageId !== undefined
            ? input.parentPageId
            : input.spaceKey === undefined
              ? (fallback?.parentPageId ?? null)
              : null,
      };
  } else {
    const fallback = template?.destination === 'google_docs' ? template.googleDocsSettings : null;
    const accountId = input.accountId ?? fallback?.accountId;
    const folderId = input.folderId ?? fallback?.folderId;
    if (accountId && folderId) target = { kind, accountId, folderId };
  }
  if (!target)
    throw new AppError(
      'EXPORT_DESTINATION_REQUIRED',
      kind === 'confluence'
        ? 'Choose a connected Confluence account and a space key'
        : 'Choose a connected Google account and a Drive folder',
    );
  const account = await em.findOne(ConnectedAccount, { id: target.accountId }, { fields: ['kind'] });
  const allowed: readonly string[] = DESTINATION_ACCOUNT_KINDS[kind];
  if (!account || !allowed.includes(account.kind))
    throw new AppError(
      'EXPORT_DESTINATION_REQUIRED',
      `No connected ${kind === 'confluence' ? 'Confluence' : 'Google'} account ${target.accountId}`,
    );
  return target;
}
