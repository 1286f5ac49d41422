import { MikroORM } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';
import type { Request, Response } from 'express';
import { orNull, streamStateEvents } from '../../common/state-events.js';
import type { AuthUser } from '../auth/auth.decorators.js';
import { toPostmortemDto } from './postmortem.mapper.js';
import { PostmortemsService } from './postmortems.service.js';

/** Server-sent events of a postmortem's generation state, until it is ready or failed. */
@Injectable()
export class PostmortemEvents {
  constructor(
    private readonly orm: MikroORM,
    private readonly postmortems: PostmortemsService,
  ) {}

  async stream(user: AuthUser, id: string, req: Request, res: Response): Promise<void> {
    await this.postmortems.getVisible(user, id); // 404 before any header is sent
    await streamStateEvents(
      {
        event: 'postmortem',
        // A fresh fork per read: the request's identity map would keep answering the first state.
        read: () =>
          orNull(async () =>
            toPostmortemDto(await this.postmortems.getVisible(user, id, this.orm.em.fork())),
          ),
        isTerminal: (dto) => dto.generationState === 'ready' || dto.generationState === 'failed',
      },
      req,
      res,
    );
  }
}
