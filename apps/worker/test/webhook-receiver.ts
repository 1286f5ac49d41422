import { createServer, type Server } from 'node:http';
import { Webhook } from 'standardwebhooks';

/** One request as a receiver saw it, verified with the Standard Webhooks reference library. */
export interface Received {
  headers: Record<string, string>;
  body: string;
  /** Parsed payload when the signature verified with `secret`, else null. */
  verified: unknown;
}

/**
 * A local webhook receiver: verifies every delivery with the reference implementation (`standardwebhooks`) and
 * answers with `mode`: 200, 500, or `hang` (never answers).
 */
export class WebhookReceiver {
  received: Received[] = [];
  mode: 200 | 500 | 'hang' = 200;
  private server: Server | null = null;
  url = '';

  constructor(public secret: string) {}

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        const headers = Object.fromEntries(
          Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(',') : (v ?? '')]),
        );
        let verified: unknown;
        try {
          verified = new Webhook(this.secret).verify(body, headers);
        } catch {
          verified = null;
        }
        this.received.push({ headers, body, verified });
        if (this.mode === 'hang') return; // keep the socket open, never answer
        res.writeHead(this.mode, { 'content-type': 'text/plain' });
        res.end(this.mode === 200 ? 'ok' : 'receiver exploded');
      });
    });
    await new Promise<void>((r) => this.server!.listen(0, '127.0.0.1', r));
    const addr = this.server.address();
    this.url = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}/hook`;
  }

  async close(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((r) => (this.server ? this.server.close(() => r()) : r()));
  }
}
