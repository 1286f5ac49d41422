import type { EntityManager } from '@mikro-orm/core';
import { Inject, Injectable } from '@nestjs/common';
import { parseSecretKeys, SecretBox } from '@pm/auth';
import type { ConnectedAccountCredentials } from '@pm/contracts';
import { FollowUp, IncidentType, openAccountCredentials, TrackerSettings } from '@pm/db';
import { createGuardedFetch } from '@pm/net-guard';
import { WORKER_CONFIG, type WorkerConfig } from '../config.js';
import { asGlobalFetch } from './guarded-fetch-adapter.js';
import { PermanentExportError } from './tracker-failure.js';
import { trackerClientFor, type TrackerTarget } from './tracker-clients.js';
import type { TrackerClient } from '@pm/integrations';

/** Test seam: the transport the tracker clients use (the SSRF-guarded fetch in production). */
export const TRACKER_FETCH = Symbol('TRACKER_FETCH');

/** Builds the guarded fetch; loopback only in tests (net-guard itself refuses it outside NODE_ENV=test). */
export function trackerFetch(cfg: WorkerConfig): typeof fetch {
  return asGlobalFetch(createGuardedFetch({ allowLoopbackForTests: cfg.OUTBOUND_ALLOW_LOOPBACK_FOR_TESTS }));
}

/** Loads what a tracker job needs: the follow-up with its incident, the type's settings and the account. */
@Injectable()
export class TrackerContext {
  private readonly box: SecretBox;

  constructor(
    @Inject(WORKER_CONFIG) cfg: WorkerConfig,
    @Inject(TRACKER_FETCH) private readonly fetchFn: typeof fetch,
  ) {
    this.box = new SecretBox(parseSecretKeys(cfg.SECRET_KEYS));
  }

  async followUp(em: EntityManager, id: string): Promise<FollowUp | null> {
    return em.findOne(FollowUp, { id }, { populate: ['incident'] });
  }

  /** The settings of the follow-up's incident type (an incident without a type uses the default type). */
  async settings(em: EntityManager, item: FollowUp): Promise<TrackerSettings | null> {
    const type =
      item.incident.incidentType ?? (await em.findOne(IncidentType, { isDefault: true }, { fields: ['id'] }));
    return type ? em.findOne(TrackerSettings, { incidentType: type.id }) : null;
  }

  async credentials(em: EntityManager, accountId: string): Promise<ConnectedAccountCredentials> {
    return (await openAccountCredentials(em, this.box, accountId)).credentials;
  }

  /** A client for the account and target, or a permanent failure when they do not fit. */
  client(credentials: ConnectedAccountCredentials, target: TrackerTarget): TrackerClient {
    try {
      return trackerClientFor(credentials, target, { fetch: this.fetchFn });
    } catch (e) {
      throw new PermanentExportError(e instanceof Error ? e.message : String(e));
    }
  }
}
