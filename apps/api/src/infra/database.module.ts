import { MikroORM, RequestContext } from '@mikro-orm/core';
import {
  Global,
  Inject,
  Injectable,
  type MiddlewareConsumer,
  Module,
  type NestModule,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { migrateUp, openOrm } from '@pm/db';
import type { NextFunction, Request, Response } from 'express';
import { API_CONFIG, type ApiConfig } from '../config.js';

/** One ORM context per request: every request gets its own identity map (never the global EM). */
@Injectable()
class RequestContextMiddleware {
  constructor(private readonly orm: MikroORM) {}
  use(_req: Request, _res: Response, next: NextFunction) {
    RequestContext.create(this.orm.em, next);
  }
}

@Injectable()
class OrmCloser implements OnApplicationShutdown {
  constructor(private readonly orm: MikroORM) {}
  async onApplicationShutdown() {
    await this.orm.close();
  }
}

@Global()
@Module({
  providers: [
    {
      provide: MikroORM,
      inject: [API_CONFIG],
      useFactory: async (cfg: ApiConfig) => {
        const orm = await openOrm({ databaseUrl: cfg.DATABASE_URL, schema: cfg.DATABASE_SCHEMA });
        if (cfg.DB_MIGRATE_ON_START) await migrateUp(orm);
        return orm;
      },
    },
    RequestContextMiddleware,
    OrmCloser,
  ],
  exports: [MikroORM],
})
export class DatabaseModule implements NestModule {
  constructor(@Inject(MikroORM) private readonly _orm: MikroORM) {}
  configure(consumer: MiddlewareConsumer) {
    consumer.apply(RequestContextMiddleware).forRoutes('*path');
  }
}
