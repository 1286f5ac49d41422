import type { Extension, Hocuspocus, onConfigurePayload } from '@hocuspocus/server';
import { incidentAccessChannel } from '@pm/auth';
import { CLOSE_REASON, COLLAB_CLOSE_CODE, documentNameFor } from '@pm/contracts';
import type { Orm } from '@pm/db';
import type { Redis as IORedis } from 'ioredis';
import { documentIdsOfIncident, incidentOfDocument, userCanSeeIncident } from '../access.js';
import type { Logger } from '../logger.js';
import { Refusal, REFUSAL } from '../refusals.js';
import type { CollabContext } from './auth.extension.js';
import { subscribeIncidentChannel } from './incident-channel.js';

export interface AccessExtensionOptions {
  orm: { readonly orm: Orm };
  logger: Logger;
  /** Subscribe to access changes here; without it only connect-time checks run. */
  redisUrl?: string;
  redisPrefix: string;
  /** Counts a connection closed because it lost access (metrics). */
  refused?: (reason: string) => void;
}

/**
 * Incident access inside collab. A valid token is not enough: at connect the user's access to the document's
 * incident is re-checked against the database (a token issued before a revocation is refused). While documents are
 * open, the API's `{ incidentId }` messages on `<prefix>:incident-access` trigger a re-check of every connection
 * to that incident's documents, and connections that lost access are closed (well within the 5 s bar). The same
 * re-check makes every connection of a Completed postmortem's document read-only (the API announces completion).
 */
export class AccessExtension implements Extension {
  readonly extensionName = 'pm-access';
  private subscriber?: IORedis;

  constructor(private readonly options: AccessExtensionOptions) {}

  /**
   * Connect-time check, called by the auth extension once the token is verified (Hocuspocus hands each
   * extension's onAuthenticate a copy of the payload, so a separate hook would not see the authenticated user).
   */
  async authorize(context: CollabContext, documentName: string): Promise<void> {
    const { user, documentId } = context;
    let allowed: boolean;
    try {
      const em = this.options.orm.orm.em.fork();
      const incident = await incidentOfDocument(em, documentId);
      // A Completed postmortem is frozen: even a writable token (issued before completion) connects read-only.
      if (incident?.frozen) context.readOnly = true;
      // A document no postmortem links has no incident to guard; the token was issued for it by the API.
      allowed = !incident || (await userCanSeeIncident(em, user.id, incident));
    } catch (err) {
      this.options.logger.error({ err, documentName }, 'access check failed');
      throw new Refusal(REFUSAL.DATABASE_UNAVAILABLE);
    }
    if (!allowed) {
      this.options.logger.info({ documentName, userId: user.id }, 'refused: no access to the incident');
      throw new Refusal(REFUSAL.ACCESS_DENIED);
    }
  }

  async onListen(): Promise<void> {
    if (!this.options.redisUrl) return;
    this.subscriber = await subscribeIncidentChannel({
      redisUrl: this.options.redisUrl,
      channel: incidentAccessChannel(this.options.redisPrefix),
      label: 'access',
      logger: this.options.logger,
      onIncident: (incidentId) => this.recheckIncident(incidentId),
    });
  }

  /** Checks every open connection to the incident's documents and closes those that lost access. */
  async recheckIncident(incidentId: string, instance = this.instance): Promise<number> {
    if (!instance) return 0;
    const em = this.options.orm.orm.em.fork();
    const ids = await documentIdsOfIncident(em, incidentId);
    let closed = 0;
    for (const id of ids) {
      const document = instance.documents.get(documentNameFor(id));
      if (!document) continue;
      const incident = await incidentOfDocument(em, id);
      if (!incident) continue;
      const verdicts = new Map<string, boolean>();
      for (const connection of document.getConnections()) {
        const context = connection.context as CollabContext | undefined;
        const userId = context?.user?.id;
        if (!userId) continue;
        // Completed while open: Hocuspocus reads `readOnly` per message, so later edits are dropped at once.
        if (incident.frozen && context) {
          connection.readOnly = true;
          context.readOnly = true;
        }
        if (!verdicts.has(userId)) verdicts.set(userId, await userCanSeeIncident(em, userId, incident));
        if (verdicts.get(userId)) continue;
        connection.close({ code: COLLAB_CLOSE_CODE.ACCESS_REVOKED, reason: CLOSE_REASON.ACCESS_REVOKED });
        this.options.refused?.(CLOSE_REASON.ACCESS_REVOKED);
        closed++;
      }
    }
    if (closed) this.options.logger.info({ incidentId, closed }, 'closed connections that lost access');
    return closed;
  }

  private instance?: Pick<Hocuspocus, 'documents'>;

  async onConfigure({ instance }: onConfigurePayload): Promise<void> {
    this.instance = instance;
  }

  async onDestroy(): Promise<void> {
    this.subscriber?.disconnect();
  }
}
