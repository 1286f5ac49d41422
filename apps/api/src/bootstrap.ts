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
import { ApiMetrics } from './infra/metrics.js';
import { assignRequestId, requestIdContext } from './infra/request-id.js';
import { parseByteSize, rawBody } from './modules/trackers/raw-body.js';

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
  // First: the correlation id (header in, header out, req.id for pino-http) and the request timer see everything.
  const metrics = new ApiMetrics();
  app.use(assignRequestId);
  app.use(metrics.middleware);
  // Outside Nest's router (like the job dashboard): Prometheus text, not part of the REST contract or its auth.
  app.use('/metrics', metrics.handler(cfg.METRICS_TOKEN));
  // Webhook routes get their exact bytes (signatures are HMACs over them); mounted before the JSON parser.
  app.use('/webhooks', rawBody(parseByteSize(cfg.BODY_LIMIT)));
  // Explicit body limit so oversized bodies get a 413 PAYLOAD_TOO_LARGE naming the limit.
  app.useBodyParser('json', { limit: cfg.BODY_LIMIT });
  app.useGlobalFilters(new ErrorFilter());
  app.enableCors({
    origin: cfg.ALLOWED_ORIGINS,
    credentials: true,
    // content-disposition: downloads fetched with the bearer token keep the server's file name.
    exposedHeaders: ['content-type', 'x-request-id', 'content-disposition'],
  });
  app.disable('x-powered-by');
  app.enableShutdownHooks();
  if (cfg.SWAGGER)
    SwaggerModule.setup('api/docs', app, () => buildOpenApi(app), { jsonDocumentUrl: 'api/docs-json' });
  // Before the job dashboard and the Nest routes: both read the session cookie from req.cookies (tokenFrom).
  app.use(cookieParser());
  app.use(requestIdContext);
  mountJobDashboard(app, cfg);
  await app.init();
  return app;
}
