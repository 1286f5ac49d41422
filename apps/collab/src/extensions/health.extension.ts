import type { Extension, onRequestPayload } from '@hocuspocus/server';
import type { CollabMetrics } from '../metrics.js';
import { handledByHook } from './handled.js';

/**
 * Plain HTTP on the collab port: `GET /healthz` for load balancers, `GET /metrics` for Prometheus (behind
 * `METRICS_TOKEN`, or loopback only), 404 for anything else.
 */
export class HealthExtension implements Extension {
  readonly extensionName = 'pm-health';

  constructor(private readonly metrics?: { registry: CollabMetrics; token?: string }) {}

  async onRequest({ request, response }: onRequestPayload): Promise<void> {
    const path = (request.url ?? '/').split('?')[0];
    if (request.method === 'GET' && path === '/healthz') {
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
