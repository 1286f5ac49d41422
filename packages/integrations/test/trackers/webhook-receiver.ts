import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { verifyWebhook, type DeliveryStore, type WebhookProvider, type WebhookVerification } from '@pm/auth';

/** What the receiver saw for one request. */
export interface Received {
  verdict: WebhookVerification;
  /** The parsed body, only for accepted deliveries (a refused one is never acted on). */
  payload?: unknown;
}

/**
 * A minimal webhook endpoint as the API will have it: raw body → verifyWebhook → 204 or 401. Stands in for the
 * API route until it exists, so the tests exercise the same verification over real HTTP.
 */
export async function startWebhookReceiver(provider: WebhookProvider, secret: string, store: DeliveryStore) {
  const received: Received[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const rawBody = Buffer.concat(chunks);
      void verifyWebhook({ provider, secret, rawBody, headers: req.headers, store }).then((verdict) => {
        received.push({
          verdict,
          ...(verdict.ok && { payload: JSON.parse(rawBody.toString('utf8')) as unknown }),
        });
        res.writeHead(verdict.ok ? 204 : 401).end();
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks/${provider}`;
  return {
    url,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
