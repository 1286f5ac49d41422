import {
  Agent,
  createServer,
  request,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import { connect, type Socket } from 'node:net';

/** One upstream server of the pool. */
export interface Backend {
  name: string;
  port: number;
}

/**
 * A round-robin reverse proxy for HTTP and WebSocket upgrades, standing in for the load balancer of a scaled-out
 * deployment. Written on node:http rather than `http-proxy` because the test needs what that library does not do:
 * when a backend refuses the connection (it was SIGKILLed) the same request or upgrade is retried on the next
 * backend, as a load balancer's health-checked pool would; and it counts the live WebSocket tunnels per backend,
 * so the test can check clients really are spread over (and later moved off) the collab nodes. (`http-proxy` 1.18
 * has also not been released since 2020 and warns about deprecated Node APIs.) Bodies are buffered before
 * forwarding so a refused attempt can be replayed; the test's bodies are small JSON.
 */
export class RoundRobinProxy {
  private readonly server: Server;
  private readonly agent = new Agent({ keepAlive: true, maxSockets: 64 });
  private next = 0;
  private readonly tunnels = new Map<string, Set<Socket>>();
  /** HTTP requests answered per backend (retries on a refused backend count where they landed). */
  readonly requests = new Map<string, number>();
  port = 0;

  constructor(private readonly backends: Backend[]) {
    for (const b of backends) {
      this.tunnels.set(b.name, new Set());
      this.requests.set(b.name, 0);
    }
    this.server = createServer((req, res) => void this.forward(req, res));
    this.server.on('upgrade', (req: IncomingMessage, socket: Socket, head: Buffer) => {
      socket.on('error', () => socket.destroy()); // a client going away mid-handshake is not the proxy's failure
      this.tunnel(req, socket, head, this.pick(), this.backends.length);
    });
  }

  async listen(): Promise<number> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as { port: number }).port;
    return this.port;
  }

  /** Live WebSocket tunnels to `name`. */
  openTunnels(name: string): number {
    return this.tunnels.get(name)?.size ?? 0;
  }

  async close(): Promise<void> {
    for (const set of this.tunnels.values()) for (const s of set) s.destroy();
    this.agent.destroy();
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server.close(resolve));
  }

  private pick(): number {
    const i = this.next;
    this.next = (this.next + 1) % this.backends.length;
    return i;
  }

  private async forward(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = Buffer.concat(chunks);
    const { 'transfer-encoding': _chunked, ...headers } = req.headers;
    let index = this.pick();
    for (let tries = 0; tries < this.backends.length + 3; tries++) {
      const backend = this.backends[index]!;
      const outcome = await new Promise<'done' | 'next' | 'again'>((resolve) => {
        const up = request(
          {
            host: '127.0.0.1',
            port: backend.port,
            method: req.method,
            path: req.url,
            headers,
            agent: this.agent,
          },
          (upRes) => {
            this.requests.set(backend.name, (this.requests.get(backend.name) ?? 0) + 1);
            res.writeHead(upRes.statusCode ?? 502, upRes.headers);
            upRes.pipe(res); // streams too (server-sent events)
            res.once('close', () => upRes.destroy());
            resolve('done');
          },
        );
        up.setHeader('content-length', body.length);
        up.once('error', (e: NodeJS.ErrnoException) => {
          if (!res.headersSent) {
            // Refused: the backend is down, try the next one. Reset on a reused keep-alive socket: the backend
            // closed it idle just as we wrote (the race Node's docs describe for `reusedSocket`), so the request
            // never reached it: send it again on a fresh connection (generate requests carry an Idempotency-Key,
            // so even replaying one that did arrive could not produce a second postmortem).
            if (e.code === 'ECONNREFUSED') return resolve('next');
            if (e.code === 'ECONNRESET' && up.reusedSocket) return resolve('again');
            res.writeHead(502).end(`proxy: ${e.message}`);
          } else res.destroy();
          resolve('done');
        });
        up.end(body);
      });
      if (outcome === 'done') return;
      if (outcome === 'next') index = (index + 1) % this.backends.length;
    }
    res.writeHead(502).end('proxy: no backend accepted the request');
  }

  /** Replays the upgrade request on a raw TCP connection to a backend, then pipes both ways. */
  private tunnel(req: IncomingMessage, client: Socket, head: Buffer, index: number, triesLeft: number): void {
    if (triesLeft === 0 || client.destroyed) return void client.destroy();
    const backend = this.backends[index]!;
    const up = connect(backend.port, '127.0.0.1');
    const refused = (e: NodeJS.ErrnoException) => {
      up.destroy();
      if (e.code === 'ECONNREFUSED')
        this.tunnel(req, client, head, (index + 1) % this.backends.length, triesLeft - 1);
      else client.destroy();
    };
    up.once('error', refused);
    up.once('connect', () => {
      up.off('error', refused);
      const set = this.tunnels.get(backend.name)!;
      set.add(up);
      const lines = [`${req.method} ${req.url} HTTP/${req.httpVersion}`];
      for (let i = 0; i < req.rawHeaders.length; i += 2)
        lines.push(`${req.rawHeaders[i]}: ${req.rawHeaders[i + 1]}`);
      up.write(`${lines.join('\r\n')}\r\n\r\n`);
      if (head.length > 0) up.write(head);
      up.pipe(client).pipe(up);
      const end = () => {
        set.delete(up);
        up.destroy();
        client.destroy();
      };
      up.once('close', end).once('error', end);
      client.once('close', end);
    });
  }
}
