import { MikroORM } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';
import type { Request, Response } from 'express';
import { orNull, STATE_POLL_MS, streamStateEvents } from '../../common/state-events.js';
import type { AuthUser } from '../auth/auth.decorators.js';
import { IncidentsService } from '../incidents/incidents.service.js';
import { PostmortemChanges } from './postmortem-changes.js';
import { toPostmortemDtoCounted } from './postmortem.mapper.js';
import { PostmortemLifecycleService } from './postmortem-lifecycle.service.js';
import { PostmortemsService } from './postmortems.service.js';

/**
 * How often an incident's list stream re-reads the list anyway. Not lengthened while hints are pushed: collab's
 * changes (comment count, last editor) are not announced yet, only the API's and the worker's.
 */
export const LIST_EVENTS_INTERVAL_MS = 2_000;

/** Server-sent events of postmortems: one row's generation state, and an incident's whole list. */
@Injectable()
export class PostmortemEvents {
  constructor(
    private readonly orm: MikroORM,
    private readonly postmortems: PostmortemsService,
    private readonly incidents: IncidentsService,
    private readonly changes: PostmortemChanges,
    private readonly lifecycle: PostmortemLifecycleService,
  ) {}

  async stream(user: AuthUser, id: string, req: Request, res: Response): Promise<void> {
    await this.postmortems.getVisible(user, id); // 404 before any header is sent
    await streamStateEvents(
      {
        event: 'postmortem',
        // A fresh fork per read: the request's identity map would keep answering the first state.
        read: () =>
          orNull(async () => {
            const em = this.orm.em.fork();
            return toPostmortemDtoCounted(em, await this.postmortems.getVisible(user, id, em));
          }),
        isTerminal: (dto) => dto.generationState === 'ready' || dto.generationState === 'failed',
        intervalMs: () => this.changes.intervalMs(STATE_POLL_MS),
        wake: (notify) => this.changes.subscribePostmortem(id, notify),
      },
      req,
      res,
    );
  }

  /**
   * The incident's linked postmortems as `{ items }`, pushed whenever anything in the list changed (status,
   * owner, title, comment count, last editor, generation…), until the client leaves or ten minutes pass.
   */
  async streamList(user: AuthUser, incidentId: string, req: Request, res: Response): Promise<void> {
    await this.incidents.getVisible(user, incidentId); // 404 before any header is sent
    await streamStateEvents(
      {
        event: 'postmortems',
        // Re-checks access on every read: a revoked user's stream ends.
        read: () => orNull(() => this.lifecycle.list(user, incidentId, false, this.orm.em.fork())),
        isTerminal: () => false,
        intervalMs: LIST_EVENTS_INTERVAL_MS,
        wake: (notify) => this.changes.subscribe(incidentId, notify),
      },
      req,
      res,
    );
  }
}
