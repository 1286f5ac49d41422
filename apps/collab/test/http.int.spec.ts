import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CollabServer } from '../src/server.js';
import { createTestDb, startServer, type TestDb } from './helpers.js';

/** Sends a WebSocket upgrade request and reports whether the server switched protocols or answered with a status. */
function tryUpgrade(port: number, origin?: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request({
      host: '127.0.0.1',
      port,
      path: '/',
      headers: {
        Connection: 'Upgrade',
        Upgrade: 'websocket',
        'Sec-WebSocket-Version': '13',
        'Sec-WebSocket-Key': Buffer.from('0123456789abcdef').toString('base64'),
        ...(origin ? { Origin: origin } : {}),
      },
    });
    req.on('upgrade', (res, socket) => {
      socket.destroy();
      resolve(res.statusCode ?? 101);
    });
    req.on('response', (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end();
  });
}

describe('HTTP surface', () => {
  let db: TestDb;
  let open: CollabServer;
  let strict: CollabServer;

  beforeAll(async () => {
    db = await createTestDb('sqlite');
    open = await startServer(db);
    strict = await startServer(db, {
      COLLAB_ALLOW_MISSING_ORIGIN: 'off',
      ALLOWED_ORIGINS: 'https://pm.example.com',
    });
  });
  afterAll(async () => {
    await open?.stop();
    await strict?.stop();
    await db?.dispose();
  });

  it('answers GET /healthz and /readyz with 200 { ok: true } on the collab port', async () => {
    for (const path of ['/healthz', '/readyz']) {
      const res = await fetch(`http://127.0.0.1:${open.port}${path}`);
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ ok: true });
    }
    expect((await fetch(`http://127.0.0.1:${open.port}/nope`)).status).toBe(404);
  });

  it('accepts WebSocket upgrades from the configured web origins', async () => {
    expect(await tryUpgrade(open.port, 'http://127.0.0.1:4173')).toBe(101);
    expect(await tryUpgrade(open.port, 'http://localhost:4174')).toBe(101);
    expect(await tryUpgrade(strict.port, 'https://pm.example.com')).toBe(101);
  });

  it('refuses WebSocket upgrades from foreign origins', async () => {
    expect(await tryUpgrade(open.port, 'https://evil.example')).toBe(403);
    expect(await tryUpgrade(open.port, 'http://127.0.0.1:4173.evil.example')).toBe(403);
    expect(await tryUpgrade(strict.port, 'http://127.0.0.1:4173')).toBe(403);
  });

  it('allows a missing Origin (node clients) only when configured to', async () => {
    expect(await tryUpgrade(open.port)).toBe(101);
    expect(await tryUpgrade(strict.port)).toBe(403);
  });
});
