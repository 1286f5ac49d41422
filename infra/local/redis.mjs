// Finds a Redis to use, or starts a local redis-server when one is installed and none answers.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';

/** Sends PING over a raw socket (no client library needed) and resolves true on +PONG. */
export function pingRedis(url, timeoutMs = 1_000) {
  const u = new URL(url);
  return new Promise((resolve) => {
    const sock = connect({ host: u.hostname, port: Number(u.port || 6379) });
    const done = (ok) => {
      sock.destroy();
      resolve(ok);
    };
    sock.setTimeout(timeoutMs, () => done(false));
    sock.once('error', () => done(false));
    sock.once('connect', () =>
      sock.write(u.password ? `AUTH ${decodeURIComponent(u.password)}\r\nPING\r\n` : 'PING\r\n'),
    );
    sock.on('data', (d) => done(d.toString().includes('PONG')));
  });
}

/**
 * Ensures `url` answers. Returns a stop function for a server we started (or null when one was already running).
 * Throws an Error whose message says exactly what to do when Redis is neither running nor installed.
 */
export async function ensureRedis(url, dataDir) {
  if (await pingRedis(url)) return null;
  const u = new URL(url);
  const local = ['127.0.0.1', 'localhost', '::1'].includes(u.hostname);
  const installed = spawnSync('redis-server', ['--version'], { encoding: 'utf8' }).status === 0;
  if (!local || !installed) {
    throw new Error(
      [
        `Redis does not answer at ${url}.`,
        local
          ? 'Install it and run this command again (it starts Redis for you):\n  Debian/Ubuntu: sudo apt-get install -y redis-server\n  macOS: brew install redis'
          : 'Start that Redis server, or point REDIS_URL at one that runs.',
        'Or set REDIS_URL=redis://host:port to use another Redis (it must use maxmemory-policy noeviction).',
      ].join('\n'),
    );
  }
  mkdirSync(dataDir, { recursive: true });
  const child = spawn(
    'redis-server',
    [
      '--bind',
      '127.0.0.1',
      '--port',
      String(u.port || 6379),
      '--dir',
      dataDir,
      '--appendonly',
      'yes',
      '--save',
      '',
      '--maxmemory-policy',
      'noeviction',
    ],
    { stdio: ['ignore', 'ignore', 'inherit'] },
  );
  for (let i = 0; i < 50; i++) {
    if (await pingRedis(url)) {
      console.log(`started redis-server on ${url} (data in ${join(dataDir)})`);
      return () => child.kill('SIGTERM');
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill('SIGKILL');
  throw new Error(`redis-server was started but does not answer at ${url}`);
}
