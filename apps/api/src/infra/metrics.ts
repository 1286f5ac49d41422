import { answerMetrics } from '@pm/auth';
import type { NextFunction, Request, Response } from 'express';
import { collectDefaultMetrics, Histogram, Registry } from 'prom-client';

/** Every series of this process carries the `pm_` prefix; Grafana's dashboard (infra/grafana) relies on it. */
export const METRICS_PREFIX = 'pm_';

/**
 * The API's metrics. A registry per app instance (not prom-client's global one): tests run several APIs in one
 * process, and each must count only its own requests.
 */
export class ApiMetrics {
  readonly registry = new Registry();
  readonly httpDuration = new Histogram({
    name: `${METRICS_PREFIX}http_request_duration_seconds`,
    help: 'HTTP request duration by method, route pattern and status',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: METRICS_PREFIX });
  }

  /**
   * Times every request and labels it with its route PATTERN (`/incidents/:id/postmortems`), never the raw URL:
   * ids in URLs would create a series per row. Unrouted requests (404s, static files) share one label.
   */
  readonly middleware = (req: Request, res: Response, next: NextFunction): void => {
    const end = this.httpDuration.startTimer();
    res.once('close', () => end({ method: req.method, route: routeOf(req), status: res.statusCode }));
    next();
  };

  /** `GET /metrics`: Prometheus text, behind `METRICS_TOKEN` (or loopback only when none is set). */
  handler(token: string | undefined) {
    return (req: Request, res: Response, next: NextFunction): void => {
      // Exactly GET /metrics (mounted at /metrics, so the remaining path is '/'); anything else falls through.
      if ((req.method !== 'GET' && req.method !== 'HEAD') || req.path !== '/') return next();
      answerMetrics(req, res, this.registry, token).catch(next);
    };
  }
}

/**
 * Route pattern of a finished request: its matched route (below any mount point), else the mount point (the job
 * dashboard's static files), else "unmatched".
 */
export function routeOf(req: Request): string {
  const path: unknown = (req.route as { path?: unknown } | undefined)?.path;
  // Nest answers unknown URLs from a root catch-all route (`{/*splat}`): that is "unmatched", not a route.
  if (typeof path === 'string' && !(req.baseUrl === '' && path.includes('*')))
    return `${req.baseUrl}${path}` || '/';
  return req.baseUrl ? `${req.baseUrl}/*` : 'unmatched';
}
