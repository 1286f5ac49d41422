import { MikroORM } from '@mikro-orm/core';
import { Controller, Get, HttpCode, Res } from '@nestjs/common';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Redis } from 'ioredis';
import { z } from 'zod';
import { openApiSchema } from '../../common/zod.js';
import { Public } from '../auth/auth.decorators.js';
import { RedisStatus } from '../../infra/queue.module.js';

const LivenessSchema = z.object({ ok: z.literal(true), node: z.string() });
/** `db` / `redis` are `ok` or what failed. */
const ReadinessSchema = z.object({
  ok: z.boolean(),
  db: z.string(),
  redis: z.string(),
  redisEvictionWarning: z.string().nullable(),
});

@ApiTags('health')
@Public()
@Controller()
export class HealthController {
  constructor(
    private readonly orm: MikroORM,
    private readonly redis: Redis,
    private readonly redisStatus: RedisStatus,
  ) {}

  /** Liveness: the process answers. */
  @Get('healthz')
  @HttpCode(200)
  @ApiOkResponse({ schema: openApiSchema(LivenessSchema) })
  health() {
    return { ok: true, node: process.version };
  }

  /** Readiness: the database and Redis both answer (503 otherwise, with which one failed). */
  @Get('readyz')
  @ApiOkResponse({ schema: openApiSchema(ReadinessSchema) })
  @ApiServiceUnavailableResponse({ description: 'Not ready', schema: openApiSchema(ReadinessSchema) })
  async ready(@Res() res: Response) {
    const [db, redis] = await Promise.all([
      this.orm.em
        .fork()
        .getConnection()
        .execute('select 1')
        .then(() => 'ok' as const)
        .catch((e: Error) => e.message),
      Promise.race([
        this.redis.ping().then(() => 'ok' as const),
        new Promise<string>((r) => setTimeout(() => r('timeout'), 1_000)),
      ]).catch((e: Error) => e.message),
    ]);
    const ok = db === 'ok' && redis === 'ok';
    res
      .status(ok ? 200 : 503)
      .json({ ok, db, redis, redisEvictionWarning: this.redisStatus.evictionWarning });
  }
}
