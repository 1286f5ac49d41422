import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { SwaggerModule } from '@nestjs/swagger';
import cookieParser from 'cookie-parser';
import { Logger } from 'nestjs-pino';
import type { DestinationStream } from 'pino';
import { appModule } from './app.module.js';
import { ErrorFilter } from './common/errors.js';
import { buildOpenApi } from './common/openapi-document.js';
import type { ApiConfig } from './config.js';
import { mountJobDashboard } from './infra/job-dashboard.js';

export { buildOpenApi };

/** Creates and configures the API app (not listening). Shared by main.ts and tests. */
export async function createApp(
  cfg: ApiConfig,
  opts: { logger?: boolean; logStream?: DestinationStream } = {},
): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(appModule(cfg, opts.logStream), {
    bufferLogs: true,
    abortOnError: false,
    bodyParser: false,
  });
  if (opts.logger !== false) app.useLogger(app.get(Logger));
  // Explicit body limit so oversized bodies get a 413 PAYLOAD_TOO_LARGE naming the limit.
  app.useBodyParser('json', { limit: cfg.BODY_LIMIT });
  app.useGlobalFilters(new ErrorFilter());
  app.enableCors({ origin: cfg.ALLOWED_ORIGINS, credentials: true, exposedHeaders: ['content-type'] });
  app.disable('x-powered-by');
  app.enableShutdownHooks();
  if (cfg.SWAGGER)
    SwaggerModule.setup('api/docs', app, () => buildOpenApi(app), { jsonDocumentUrl: 'api/docs-json' });
  // Before the job dashboard and the Nest routes: both read the session cookie from req.cookies (tokenFrom).
  app.use(cookieParser());
  mountJobDashboard(app, cfg);
  await app.init();
  return app;
}
