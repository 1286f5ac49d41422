import 'reflect-metadata';
import { createServer, type Server } from 'node:http';
import { NestFactory } from '@nestjs/core';
import type { INestApplicationContext } from '@nestjs/common';
import { Logger } from 'nestjs-pino';
import type { WorkerConfig } from './config.js';
import { workerModule } from './worker.module.js';

export interface RunningWorker {
  app: INestApplicationContext;
  health: Server | null;
  healthPort: number | null;
  close(): Promise<void>;
}

/** Boots the worker (no public HTTP except the health endpoint). */
export async function startWorker(cfg: WorkerConfig): Promise<RunningWorker> {
  const app = await NestFactory.createApplicationContext(workerModule(cfg), {
    bufferLogs: true,
    abortOnError: false,
  });
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks();
  await app.init();
  let health: Server | null = null;
  let healthPort: number | null = null;
  if (cfg.WORKER_HEALTH_PORT >= 0) {
    health = createServer((req, res) => {
      res.writeHead(req.url === '/healthz' ? 200 : 404, { 'content-type': 'application/json' });
      res.end(JSON.stringify(req.url === '/healthz' ? { ok: true } : { code: 'NOT_FOUND' }));
    });
    await new Promise<void>((r) => health!.listen(cfg.WORKER_HEALTH_PORT, '127.0.0.1', r));
    const addr = health.address();
    healthPort = typeof addr === 'object' && addr ? addr.port : null;
  }
  return {
    app,
    health,
    healthPort,
    async close() {
      health?.close();
      await app.close();
    },
  };
}
