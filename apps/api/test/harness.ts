import type { NestExpressApplication } from '@nestjs/platform-express';
import { createTestDatabase, testConfig, uniqueRedisPrefix, type TestDatabase } from '@pm/testing';
import { seedDemo, type DatabaseKind } from '@pm/db';
import type { DestinationStream } from 'pino';
import request from 'supertest';
import { createApp } from '../src/bootstrap.js';
import { loadConfig } from '../src/config.js';

export const SECRET = 'test-collab-secret-0123456789';

export interface Harness {
  app: NestExpressApplication;
  db: TestDatabase;
  prefix: string;
  http: () => ReturnType<typeof request>;
  login(email: string): Promise<string>;
  close(): Promise<void>;
}

/** A real API on a fresh migrated + seeded database and a unique Redis prefix. */
export async function startApi(
  kind: DatabaseKind,
  env: Record<string, string> = {},
  opts: { logStream?: DestinationStream } = {},
): Promise<Harness> {
  const db = await createTestDatabase(kind);
  await seedDemo(db.orm.em.fork());
  const prefix = uniqueRedisPrefix('api');
  const cfg = loadConfig({
    DATABASE_URL: db.databaseUrl,
    REDIS_URL: testConfig().redisUrl,
    REDIS_PREFIX: prefix,
    COLLAB_TOKEN_SECRET: SECRET,
    LOG_LEVEL: 'silent',
    BODY_LIMIT: '64kb',
    DB_MIGRATE_ON_START: 'false',
    ...env,
  });
  const app = await createApp(cfg, { logger: !!opts.logStream, logStream: opts.logStream });
  await app.listen(0, '127.0.0.1');
  const http = () => request(app.getHttpServer());
  return {
    app,
    db,
    prefix,
    http,
    async login(email: string) {
      const res = await http().post('/auth/login').send({ email, password: 'postmortem-demo' }).expect(200);
      return res.body.token as string;
    },
    async close() {
      await app.close();
      await db.dispose();
    },
  };
}
