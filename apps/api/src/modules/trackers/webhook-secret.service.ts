import { randomBytes } from 'node:crypto';
import { MikroORM } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';
import { ConnectedAccount, TrackerWebhookSecret, webhookSecretAad } from '@pm/db';
import { AppError } from '../../common/errors.js';
import { trackerOfAccountKind } from './tracker-accounts.js';
import { TrackerSecretBox } from './tracker-secrets.js';

/** Creates and reads the per-account secret that tracker webhooks are signed with. */
@Injectable()
export class WebhookSecretService {
  constructor(
    private readonly orm: MikroORM,
    private readonly box: TrackerSecretBox,
  ) {}

  /**
   * Generates a new secret for a Jira or GitHub account, replacing the previous one, and returns it once together
   * with the path to register on the tracker. The plain secret is never readable again.
   */
  async rotate(accountId: string): Promise<{ secret: string; path: string }> {
    const em = this.orm.em;
    const account = await em.findOne(ConnectedAccount, { id: accountId }, { fields: ['kind'] });
    const tracker = account ? trackerOfAccountKind(account.kind) : null;
    if (!account || !tracker) {
      throw new AppError('CONNECTED_ACCOUNT_NOT_FOUND', `No Jira or GitHub account ${accountId}`);
    }
    const secret = randomBytes(32).toString('base64url');
    const sealedSecret = this.box.seal(secret, webhookSecretAad(accountId));
    const row = await em.findOne(TrackerWebhookSecret, { accountId });
    if (row) row.sealedSecret = sealedSecret;
    else em.create(TrackerWebhookSecret, { accountId, sealedSecret });
    await em.flush();
    return { secret, path: `/webhooks/${tracker}/${accountId}` };
  }

  /** The plain secret of an account, or null when none was generated (every delivery is then refused). */
  async secretOf(accountId: string): Promise<string | null> {
    const row = await this.orm.em.fork().findOne(TrackerWebhookSecret, { accountId });
    return row ? this.box.open(row.sealedSecret, webhookSecretAad(accountId)) : null;
  }
}
