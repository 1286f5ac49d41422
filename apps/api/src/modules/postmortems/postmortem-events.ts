import { MikroORM } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';
import type { Postmortem as PostmortemDto } from '@pm/contracts';
import type { Request, Response } from 'express';
import type { AuthUser } from '../auth/auth.decorators.js';
import { toPostmortemDto } from './postmortem.mapper.js';
import { PostmortemsService } from './postmortems.service.js';

const POLL_MS = 250;
const MAX_STREAM_MS = 10 * 60_000;

/**
 * Server-sent events of a postmortem's generation state. The DB row is the truth, so the stream re-reads it
 * (a cheap primary-key lookup) and pushes every change; it ends once the row is ready or failed.
 */
@Injectable()
export class PostmortemEvents {
  constructor(
    private readonly orm: MikroORM,
    private readonly postmortems: PostmortemsService,
  ) {}

  async stream(user: AuthUser, id: string, req: Request, res: Response): Promise<void> {
    await this.postmortems.getVisible(user, id); // 404 before any header is sent
    res.status(200).set({
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    res.flushHeaders();
    let closed = false;
    req.on('close', () => (closed = true));
    let last = '';
    const started = Date.now();
    while (!closed && Date.now() - started < MAX_STREAM_MS) {
      const dto = await this.read(user, id);
      if (!dto) break;
      const json = JSON.stringify(dto);
      if (json !== last) {
        res.write(`event: postmortem\ndata: ${json}\n\n`);
        last = json;
      }
      if (dto.generationState === 'ready' || dto.generationState === 'failed') break;
      await new Promise((r) => setTimeout(r, POLL_MS));
    }
    res.end();
  }

  private async read(user: AuthUser, id: string): Promise<PostmortemDto | null> {
    try {
      return toPostmortemDto(await this.postmortems.getVisible(user, id, this.orm.em.fork()));
    } catch {
      return null;
    }
  }
}
