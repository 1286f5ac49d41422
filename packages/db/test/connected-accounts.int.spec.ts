import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ConnectedAccountNotFoundError,
  openAccountCredentials,
  sealAccountCredentials,
  type AccountSecretBox,
} from '../src/connected-accounts.js';
import { ConnectedAccount } from '../src/entities/index.js';
import { KINDS, openTestDb, type TestDb } from './helpers.js';

/**
 * A stand-in for @pm/auth's SecretBox (@pm/db cannot depend on it without a build cycle through @pm/testing): it
 * hides the plaintext and, like the real box, refuses to open under other associated data.
 */
const box: AccountSecretBox = {
  seal: (plain, ad) => `test:${Buffer.from(`${ad}|${plain}`).toString('base64url')}`,
  open: (sealed, ad) => {
    const text = Buffer.from(sealed.slice(5), 'base64url').toString();
    if (!text.startsWith(`${ad}|`)) throw new Error('associated data mismatch');
    return text.slice(`${ad}|`.length);
  },
};

describe.each(KINDS)('connected account credentials on %s', (kind) => {
  let db: TestDb;
  beforeAll(async () => {
    db = await openTestDb(kind);
  });
  afterAll(() => db?.dispose());

  it('seals credentials, keeps only the public parts readable, and opens them again', async () => {
    const em = db.orm.em.fork();
    const account = em.create(ConnectedAccount, {
      name: 'Wiki',
      kind: 'confluence_cloud',
      publicConfig: {},
      secretSealed: '',
    });
    sealAccountCredentials(box, account, {
      kind: 'confluence_cloud',
      siteUrl: 'https://acme.atlassian.net',
      email: 'bot@acme.test',
      apiToken: 'ATATT-super-secret',
    });
    await em.flush();

    const rows = await em
      .getConnection()
      .execute<{ public_config: unknown; secret_sealed: string }[]>(
        `select public_config, secret_sealed from connected_accounts where id = '${account.id}'`,
      );
    expect(JSON.stringify(rows)).not.toContain('ATATT-super-secret');
    expect(JSON.stringify(rows[0]?.public_config)).toContain('acme.atlassian.net');

    const opened = await openAccountCredentials(db.orm.em.fork(), box, account.id);
    expect(opened.account.name).toBe('Wiki');
    expect(opened.credentials).toEqual({
      kind: 'confluence_cloud',
      siteUrl: 'https://acme.atlassian.net',
      email: 'bot@acme.test',
      apiToken: 'ATATT-super-secret',
    });
  });

  it('refuses a sealed secret copied into another row, and names a missing id', async () => {
    const em = db.orm.em.fork();
    const [a, b] = ['A', 'B'].map((name) =>
      em.create(ConnectedAccount, { name, kind: 'github', publicConfig: {}, secretSealed: '' }),
    );
    if (!a || !b) throw new Error('unreachable');
    sealAccountCredentials(box, a, { kind: 'github', token: 'ghp_a', apiUrl: 'https://api.github.com' });
    sealAccountCredentials(box, b, { kind: 'github', token: 'ghp_b', apiUrl: 'https://api.github.com' });
    b.secretSealed = a.secretSealed;
    await em.flush();
    await expect(openAccountCredentials(db.orm.em.fork(), box, b.id)).rejects.toThrow(/associated data/);
    await expect(
      openAccountCredentials(db.orm.em.fork(), box, '00000000-0000-4000-8000-000000000000'),
    ).rejects.toBeInstanceOf(ConnectedAccountNotFoundError);
  });
});
