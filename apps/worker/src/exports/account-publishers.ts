import type { EntityManager } from '@mikro-orm/core';
import { Inject, Injectable } from '@nestjs/common';
import { parseSecretKeys, SecretBox, SecretBoxError } from '@pm/auth';
import type { ExportTarget } from '@pm/contracts';
import { ConnectedAccountNotFoundError, openAccountCredentials } from '@pm/db';
import {
  AccountServiceMismatchError,
  confluenceAccountOf,
  ConfluenceClient,
  DestinationError,
  DriveClient,
  googleAccountOf,
} from '@pm/integrations';
import { WORKER_CONFIG, type WorkerConfig } from '../config.js';
import type { DestinationPublishers, Publisher } from './destinations.js';

/**
 * Publishers built from connected accounts. Credentials are opened here, per job, and go only into the client:
 * never into a job payload, a row or a log line. Each client makes one attempt per call; retries belong to the
 * queue (Retry-After → delayed job, 5xx → backoff), so a waiting export never holds a worker slot.
 */
@Injectable()
export class AccountPublishers implements DestinationPublishers {
  private readonly box: SecretBox;

  constructor(@Inject(WORKER_CONFIG) private readonly cfg: WorkerConfig) {
    this.box = new SecretBox(parseSecretKeys(cfg.SECRET_KEYS));
  }

  async forTarget(em: EntityManager, target: ExportTarget): Promise<Publisher> {
    const guard = { allowLoopbackForTests: this.cfg.OUTBOUND_ALLOW_LOOPBACK_FOR_TESTS };
    const retry = { maxAttempts: 1 };
    try {
      const { credentials } = await openAccountCredentials(em, this.box, target.accountId);
      if (target.kind === 'confluence')
        return new ConfluenceClient({
          account: confluenceAccountOf(credentials),
          spaceKey: target.spaceKey,
          parentPageId: target.parentPageId ?? undefined,
          guard,
          retry,
        });
      return new DriveClient({
        account: googleAccountOf(credentials),
        folderId: target.folderId,
        rootUrl: this.cfg.GOOGLE_API_ROOT_URL,
        guard,
        retry,
      });
    } catch (e) {
      // None of these changes by retrying: the account is gone, of the wrong kind, or sealed with a removed key.
      if (
        e instanceof ConnectedAccountNotFoundError ||
        e instanceof AccountServiceMismatchError ||
        e instanceof SecretBoxError
      )
        throw new DestinationError('DESTINATION_AUTH_FAILED', {
          target: target.kind,
          reason: e.message,
          attempts: 0,
        });
      throw e;
    }
  }
}
