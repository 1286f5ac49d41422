import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import { MikroORM, RequestContext } from '@mikro-orm/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { JobProducer } from '@pm/queue';
import type { NextFunction, Request, Response } from 'express';
import type { ApiConfig } from '../config.js';
import { tokenFrom } from '../modules/auth/auth.guard.js';
import { AuthService } from '../modules/auth/auth.service.js';

export const JOB_DASHBOARD_PATH = '/admin/queues';

/**
 * Bull Board (the field's job dashboard) behind the Jobs Admin permission. Browsers reach it with the HttpOnly
 * SameSite=Strict session cookie set at login; state-changing calls (retry, clean) must also come from an allowed
 * Origin, so a cross-site form cannot drive them.
 */
export function mountJobDashboard(app: NestExpressApplication, cfg: ApiConfig): void {
  const producer = app.get(JobProducer);
  const auth = app.get(AuthService);
  const orm = app.get(MikroORM);
  const serverAdapter = new ExpressAdapter();
  serverAdapter.setBasePath(JOB_DASHBOARD_PATH);
  createBullBoard({ queues: producer.allQueues().map((q) => new BullMQAdapter(q)), serverAdapter });

  // Mounted outside Nest's router, so it opens its own ORM request context.
  const guard = (req: Request, res: Response, next: NextFunction) =>
    RequestContext.create(orm.em, () => guardInContext(req, res, next));
  const guardInContext = (req: Request, res: Response, next: NextFunction) => {
    void (async () => {
      const token = tokenFrom(req);
      const user = token ? await auth.authenticate(token) : null;
      if (!user)
        return res.status(401).json({ code: 'UNAUTHENTICATED', message: 'Sign in as a Jobs Admin first' });
      if (!user.permissions.has('jobs_admin')) {
        return res.status(403).json({ code: 'FORBIDDEN', message: 'Missing permission: jobs_admin' });
      }
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        const origin = req.headers.origin;
        const self = `${req.protocol}://${req.headers.host}`;
        if (origin && origin !== self && !cfg.ALLOWED_ORIGINS.includes(origin)) {
          return res.status(403).json({ code: 'FORBIDDEN', message: 'Cross-origin request refused' });
        }
      }
      next();
    })().catch(next);
  };
  app.use(JOB_DASHBOARD_PATH, guard, serverAdapter.getRouter());
}
