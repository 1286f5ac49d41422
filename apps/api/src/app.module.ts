import { type DynamicModule, Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import type { DestinationStream } from 'pino';
import type { Options } from 'pino-http';
import { API_CONFIG, type ApiConfig } from './config.js';
import { DatabaseModule } from './infra/database.module.js';
import { QueueModule } from './infra/queue.module.js';
import { AccountsModule } from './modules/accounts/accounts.module.js';
import { AuditModule } from './modules/audit/audit.module.js';
import { AuthModule } from './modules/auth/auth.module.js';
import { FollowUpsModule } from './modules/follow-ups/follow-ups.module.js';
import { HealthController } from './modules/health/health.controller.js';
import { IncidentsModule } from './modules/incidents/incidents.module.js';
import { ExportsModule } from './modules/exports/exports.module.js';
import { SearchModule } from './modules/search/search.module.js';
import { PostmortemsModule } from './modules/postmortems/postmortems.module.js';
import { ReviewProcessModule } from './modules/review-process/review-process.module.js';
import { TemplatesModule } from './modules/templates/templates.module.js';
import { TrackersModule } from './modules/trackers/trackers.module.js';
import { NotificationsModule } from './modules/notifications/notifications.module.js';
import { UsersModule } from './modules/users/users.controller.js';
import { VersionsModule } from './modules/versions/versions.module.js';
import { RefreshModule } from './modules/refresh/refresh.module.js';
import { LearningsModule } from './modules/learnings/learnings.module.js';
import { PublicPostmortemsModule } from './modules/public-postmortems/public-postmortems.module.js';
import { WebhookEndpointsModule } from './modules/webhook-endpoints/webhook-endpoints.module.js';

@Module({})
export class ConfigModule {
  static forRoot(cfg: ApiConfig): DynamicModule {
    return {
      module: ConfigModule,
      global: true,
      providers: [{ provide: API_CONFIG, useValue: cfg }],
      exports: [API_CONFIG],
    };
  }
}

/**
 * The API's root module; `cfg` is parsed once by the caller (main or a test). `logStream` replaces stdout as the
 * log destination (tests capture the log lines to prove no secret reaches them).
 */
export function appModule(cfg: ApiConfig, logStream?: DestinationStream): DynamicModule {
  const pinoHttp: Options = {
    level: cfg.LOG_LEVEL,
    redact: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]'],
    autoLogging: {
      ignore: (req) => req.url === '/healthz' || req.url === '/readyz' || req.url === '/metrics',
    },
    // req.id is the correlation id (set by assignRequestId, kept by pino-http); a top-level `requestId` on every
    // line of the request, the same field the worker's job lines carry.
    customProps: (req) => ({ requestId: (req as { id?: unknown }).id }),
  };
  return {
    module: AppModule,
    imports: [
      ConfigModule.forRoot(cfg),
      LoggerModule.forRoot({ pinoHttp: logStream ? [pinoHttp, logStream] : pinoHttp }),
      DatabaseModule,
      QueueModule,
      AuthModule,
      AuditModule,
      UsersModule,
      NotificationsModule,
      IncidentsModule,
      FollowUpsModule,
      TemplatesModule,
      PostmortemsModule,
      ReviewProcessModule,
      ExportsModule,
      VersionsModule,
      RefreshModule,
      PublicPostmortemsModule,
      AccountsModule,
      TrackersModule,
      SearchModule,
      WebhookEndpointsModule,
      LearningsModule,
    ],
    controllers: [HealthController],
  };
}

@Module({})
export class AppModule {}
