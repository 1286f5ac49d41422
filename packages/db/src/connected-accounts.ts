import type { EntityManager } from '@mikro-orm/core';
import {
  ConnectedAccountCredentialsSchema,
  publicConfigOf,
  type ConnectedAccountCredentials,
} from '@pm/contracts';
import { ConnectedAccount } from './entities/connected-account.entity.js';

/**
 * What sealing needs from `SecretBox` (@pm/auth): written structurally so the database layer does not depend on the
 * crypto package; a `SecretBox` fits as is.
 */
export interface AccountSecretBox {
  seal(plaintext: string, associatedData?: string): string;
  open(sealed: string, associatedData?: string): string;
}

/** Thrown by {@link openAccountCredentials} when no account has the id. */
export class ConnectedAccountNotFoundError extends Error {
  override readonly name = 'ConnectedAccountNotFoundError';
  readonly code = 'CONNECTED_ACCOUNT_NOT_FOUND';
  constructor(readonly accountId: string) {
    super(`connected account ${accountId} not found`);
  }
}

/**
 * Associated data binding a ciphertext to its row: a sealed secret copied into another account's row does not
 * open there.
 */
export const accountSecretAad = (accountId: string): string => `connected-account:${accountId}`;

/**
 * Stores credentials on the account (not flushed): seals them, and sets `kind` and the non-secret
 * `publicConfig` from the same value so the three never disagree.
 */
export function sealAccountCredentials(
  box: AccountSecretBox,
  account: ConnectedAccount,
  credentials: ConnectedAccountCredentials,
): void {
  account.kind = credentials.kind;
  account.publicConfig = publicConfigOf(credentials);
  account.secretSealed = box.seal(JSON.stringify(credentials), accountSecretAad(account.id));
}

/**
 * Loads an account and opens its credentials. Throws {@link ConnectedAccountNotFoundError}, or `SecretBoxError`
 * when the keys in effect cannot open it (key removed, row tampered with).
 */
export async function openAccountCredentials(
  em: EntityManager,
  box: AccountSecretBox,
  accountId: string,
): Promise<{ account: ConnectedAccount; credentials: ConnectedAccountCredentials }> {
  const account = await em.findOne(ConnectedAccount, { id: accountId }, { populate: ['secretSealed'] });
  if (!account) throw new ConnectedAccountNotFoundError(accountId);
  const plain = box.open(account.secretSealed, accountSecretAad(account.id));
  const credentials = ConnectedAccountCredentialsSchema.parse(JSON.parse(plain));
  return { account, credentials };
}
