// Real sockets on loopback: the guarded fetch refuses private targets (directly, via DNS, via redirects and via
// DNS rebinding between check and connect) before any connection to them is opened.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGuardedFetch, type Resolver } from '../src/index.js';

interface Probe {
  server: Server;
  base: string;
  connections: number;
  auth: (string | undefined)[];
}

async function probe(handler: (url: string) => { status: number; location?: string }): Promise<Probe> {
  const p: Probe = { server: createServer(), base: '', connections: 0, auth: [] };
  p.server.on('connection', () => p.connections++);
  p.server.on('request', (req, res) => {
    p.auth.push(req.headers.authorization);
    const r = handler(req.url ?? '/');
    res.writeHead(r.status, r.location ? { location: r.location } : {});
    res.end('ok');
  });
  await new Promise<void>((resolve) => p.server.listen(0, '127.0.0.1', resolve));
  p.base = `http://127.0.0.1:${(p.server.address() as AddressInfo).port}`;
  return p;
}

const resolveTo =
  (...ips: string[]): Resolver =>
  () =>
    Promise.resolve(ips.map((address) => ({ address, family: 4 as const })));

let target: Probe;
let redirector: Probe;
let redirectTo = '';

beforeAll(async () => {
  target = await probe(() => ({ status: 200 }));
  redirector = await probe((url) => {
    const m = /^\/hops\/(\d+)$/.exec(url);
    if (m) {
      const n = Number(m[1]);
      return n > 0 ? { status: 302, location: `/hops/${n - 1}` } : { status: 200 };
    }
    return { status: 307, location: redirectTo };
  });
});
afterAll(() => {
  target.server.close();
  redirector.server.close();
});

describe('createGuardedFetch', () => {
  it('without the test allowance refuses loopback and never connects', async () => {
    const before = target.connections;
    await expect(createGuardedFetch()(`${target.base}/`)).rejects.toMatchObject({
      code: 'URL_ADDRESS_FORBIDDEN',
    });
    expect(target.connections).toBe(before);
  });

  it('with the allowance reaches a loopback fake', async () => {
    const res = await createGuardedFetch({ allowLoopbackForTests: true })(`${target.base}/`);
    expect(res.status).toBe(200);
  });

  it('refuses a redirect to 169.254.169.254 and to a name resolving privately, before connecting', async () => {
    const guarded = createGuardedFetch({
      allowLoopbackForTests: true,
      resolve: resolveTo('127.0.0.1', '10.0.0.7'),
    });
    redirectTo = 'http://169.254.169.254/latest/meta-data/';
    await expect(guarded(`${redirector.base}/go`)).rejects.toMatchObject({ code: 'URL_ADDRESS_FORBIDDEN' });
    const port = new URL(target.base).port;
    redirectTo = `http://internal.example:${port}/`;
    const before = target.connections;
    await expect(guarded(`${redirector.base}/go`)).rejects.toMatchObject({ code: 'URL_ADDRESS_FORBIDDEN' });
    expect(target.connections).toBe(before);
  });

  it('refuses an IPv4-mapped link-local address (::ffff:a9fe:a9fe) in a redirect', async () => {
    redirectTo = 'http://[::ffff:a9fe:a9fe]/';
    const guarded = createGuardedFetch({ allowLoopbackForTests: true });
    await expect(guarded(`${redirector.base}/go`)).rejects.toMatchObject({ code: 'URL_ADDRESS_FORBIDDEN' });
  });

  it('follows at most 5 redirects', async () => {
    const guarded = createGuardedFetch({ allowLoopbackForTests: true });
    expect((await guarded(`${redirector.base}/hops/5`)).status).toBe(200);
    await expect(guarded(`${redirector.base}/hops/6`)).rejects.toMatchObject({
      code: 'URL_TOO_MANY_REDIRECTS',
    });
  });

  it('drops the Authorization header when a redirect changes origin', async () => {
    redirectTo = `${target.base}/landed`;
    const guarded = createGuardedFetch({ allowLoopbackForTests: true });
    const res = await guarded(`${redirector.base}/go`, { headers: { authorization: 'Bearer secret' } });
    expect(res.status).toBe(200);
    expect(redirector.auth.at(-1)).toBe('Bearer secret');
    expect(target.auth.at(-1)).toBeUndefined();
  });

  it('refuses at connect time when the name re-resolves to a private address (DNS rebinding)', async () => {
    let calls = 0;
    const rebinding: Resolver = () =>
      Promise.resolve([{ address: calls++ === 0 ? '93.184.215.14' : '10.0.0.1', family: 4 as const }]);
    const guarded = createGuardedFetch({ resolve: rebinding });
    const err: unknown = await guarded('http://rebind.example/').catch((e: unknown) => e);
    expect(calls).toBe(2);
    expect((err as { cause?: { code?: string } }).cause?.code).toBe('URL_ADDRESS_FORBIDDEN');
  });
});
