import type { ConnectedAccount as ConnectedAccountDto } from '@pm/contracts';
import type { ConnectedAccount } from '@pm/db';

/**
 * Entity → API shape. Built field by field from the non-secret columns only, so a new secret column cannot leak
 * into an answer by being spread along.
 */
export const toConnectedAccountDto = (a: ConnectedAccount): ConnectedAccountDto => ({
  id: a.id,
  kind: a.kind,
  name: a.name,
  publicConfig: a.publicConfig,
  createdAt: a.createdAt.toISOString(),
  createdBy: a.createdBy ? a.createdBy.id : null,
  modifiedAt: a.updatedAt.toISOString(),
  lastTest:
    a.lastTestAt && a.lastTestOk !== null
      ? { ok: a.lastTestOk, message: a.lastTestMessage ?? '', at: a.lastTestAt.toISOString() }
      : null,
});

/**
 * What a template editor without Integrations Manage sees: enough to pick an account (id, kind, name), not where
 * it points or who it logs in as.
 */
export const toAccountChoice = (a: ConnectedAccount): ConnectedAccountDto => ({
  ...toConnectedAccountDto(a),
  publicConfig: {},
  lastTest: null,
});
