import type { Extension, onRequestPayload } from '@hocuspocus/server';
import type { CollabMetrics } from '../metrics.js';
import { handledByHook } from './handled.js';

/**
 * Plain HTTP on the collab port: `GET /healthz` and `GET /readyz` for load balancers and orchestrators, `GET /metrics`
 * for Prometheus (behind `METRICS_TOKEN`, or loopback only), 404 for anything else. Readiness needs nothing more
 * than liveness: while the database or Redis is down collab keeps documents in memory and retries stores, so taking
 * it out of rotation would only drop the editors.
 */
export class HealthExtension implements Extension {
  readonly extensionName = 'pm-health';

  constructor(private readonly metrics?: { registry: CollabMetrics; token?: string }) {}

  async onRequest({ request, response }: onRequestPayload): Promise<void> {
    const path = (request.url ?? '/').split('?')[0];
    if (request.method === 'GET' && (path === '/healthz' || path === '/readyz')) {
      response.writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
      response.end(JSON.stringify({ ok: true }));
    } else if (request.method === 'GET' && path === '/metrics' && this.metrics) {
      await this.metrics.registry.serve(request, response, this.metrics.token);
    } else {
      response.writeHead(404, { 'Content-Type': 'application/json' });
      response.end(JSON.stringify({ code: 'NOT_FOUND', message: 'Not found' }));
    }
    return handledByHook();
  }
}
