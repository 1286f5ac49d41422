import type { Extension, Hocuspocus, onConfigurePayload } from '@hocuspocus/server';
import { documentNameFor, followUpsChannel, type FollowUpsStateless } from '@pm/contracts';
import { loadFollowUps, type Orm } from '@pm/db';
import type { Redis as IORedis } from 'ioredis';
import { documentIdsOfIncident } from '../access.js';
import type { Logger } from '../logger.js';
import { subscribeIncidentChannel } from './incident-channel.js';

export interface FollowUpsExtensionOptions {
  orm: { readonly orm: Orm };
  logger: Logger;
  /** Subscribe to follow-up changes here; without it nothing is pushed (clients still load through the API). */
  redisUrl?: string;
  redisPrefix: string;
}

/**
 * Live follow-ups. The API announces `{ incidentId }` on `<prefix>:follow-ups` after a change; this extension
 * reads the incident's current follow-ups and sends them as one stateless message to every connection of that
 * incident's documents open on THIS instance (each collab instance subscribes, so every node serves its own
 * sockets). Reading the list here, rather than shipping it in the event, means a burst of changes can only ever
 * deliver the newest list last. Connections were access-checked at connect and re-checked on access changes, so
 * everyone reached may see the incident.
 */
export class FollowUpsExtension implements Extension {
  readonly extensionName = 'pm-follow-ups';
  private subscriber?: IORedis;
  private instance?: Pick<Hocuspocus, 'documents'>;

  constructor(private readonly options: FollowUpsExtensionOptions) {}

  async onConfigure({ instance }: onConfigurePayload): Promise<void> {
    this.instance = instance;
  }

  async onListen(): Promise<void> {
    if (!this.options.redisUrl) return;
    this.subscriber = await subscribeIncidentChannel({
      redisUrl: this.options.redisUrl,
      channel: followUpsChannel(this.options.redisPrefix),
      label: 'follow-ups',
      logger: this.options.logger,
      onIncident: (incidentId) => this.push(incidentId),
    });
  }

  /** Sends the incident's current follow-ups to its open documents; returns how many documents were reached. */
  async push(incidentId: string): Promise<number> {
    const instance = this.instance;
    if (!instance) return 0;
    const em = this.options.orm.orm.em.fork();
    const open = (await documentIdsOfIncident(em, incidentId))
      .map((id) => instance.documents.get(documentNameFor(id)))
      .filter((d) => d !== undefined);
    if (open.length === 0) return 0;
    const message: FollowUpsStateless = {
      type: 'follow-ups',
      incidentId,
      items: await loadFollowUps(em, incidentId),
    };
    const payload = JSON.stringify(message);
    // Local sockets only: every instance got the announcement itself, so `broadcastStateless` (which the Redis
    // extension also relays to the other instances) would deliver the list once per instance.
    for (const document of open) document.relayStateless(payload);
    return open.length;
  }

  async onDestroy(): Promise<void> {
    this.subscriber?.disconnect();
  }
}
