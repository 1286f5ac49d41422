import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { uniqueRedisPrefix } from '@pm/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  connect,
  createTestDb,
  readRow,
  REDIS_URL,
  SECRET,
  seedDocument,
  tokenFor,
  waitFor,
  type TestClient,
  type TestDb,
} from './helpers.js';

/** Quick reconnect attempts, so the test does not wait out the provider's default backoff. */
const fast = { delay: 100, minDelay: 50, maxDelay: 300 };

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** The child runs the built server; rebuild when any source file is newer than dist/main.js. */
function ensureBuilt(): void {
  const newest = (dir: string): number =>
    Math.max(
      ...readdirSync(dir, { withFileTypes: true }).map((e) =>
        e.isDirectory() ? newest(join(dir, e.name)) : statSync(join(dir, e.name)).mtimeMs,
      ),
    );
  let built = 0;
  try {
    built = statSync(join(root, 'dist/main.js')).mtimeMs;
  } catch {
    /* not built yet */
  }
  if (built < newest(join(root, 'src')))
    execFileSync('pnpm', ['exec', 'tsc', '-p', 'tsconfig.build.json'], { cwd: root });
}

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });

/** Types into the first paragraph's text, one token at a time, as a person would. */
function typist(client: TestClient, who: string) {
  const typed: string[] = [];
  let n = 0;
  const timer = setInterval(() => {
    const token = `${who}${n++};`;
    const text = (client.fragment.get(1) as Y.XmlElement).get(0) as Y.XmlText;
    text.insert(text.length, token);
    typed.push(token);
  }, 25);
  return { typed, stop: () => clearInterval(timer) };
}

// Fault scenario 26: collab SIGKILLed mid-typing and restarted; clients stay open and converge, nothing is lost.
describe('collab killed with SIGKILL during active editing', () => {
  let db: TestDb;
  let child: ChildProcess | undefined;
  let port: number;

  const start = async () => {
    child = spawn(process.execPath, ['dist/main.js'], {
      cwd: root,
      stdio: 'ignore',
      env: {
        ...process.env,
        NODE_ENV: 'test',
        COLLAB_PORT: String(port),
        COLLAB_HOST: '127.0.0.1',
        DATABASE_URL: db.databaseUrl,
        COLLAB_REDIS: 'off',
        REDIS_URL,
        REDIS_PREFIX: uniqueRedisPrefix('collab-kill'),
        COLLAB_TOKEN_SECRET: SECRET,
        STORE_DEBOUNCE_MS: '1000', // a real debounce window, so the kill loses unsaved server state
        STORE_MAX_DEBOUNCE_MS: '5000',
        LOG_LEVEL: 'silent',
      },
    });
    await waitFor(
      () =>
        fetch(`http://127.0.0.1:${port}/healthz`).then(
          (r) => r.ok,
          () => false,
        ),
      'collab child up',
      15_000,
    );
  };

  beforeAll(async () => {
    ensureBuilt();
    db = await createTestDb('sqlite');
    port = await freePort();
  }, 60_000);
  afterAll(async () => {
    child?.kill('SIGKILL');
    await db?.dispose();
  });

  it('reconnects both editors after a restart and loses 0 characters', async () => {
    await start();
    const { id, name } = await seedDocument(db.orm);
    const url = `ws://127.0.0.1:${port}`;
    const a = connect(url, name, await tokenFor(id, { name: 'Ada' }), fast);
    const b = connect(url, name, await tokenFor(id, { name: 'Bob' }), fast);
    await waitFor(() => a.synced && b.synced, 'both synced', 10_000);
    const ta = typist(a, 'A');
    const tb = typist(b, 'B');
    // Conditions, not durations: a loaded machine may run the 25 ms typing timers far less often.
    await waitFor(() => ta.typed.length >= 8 && tb.typed.length >= 8, 'both typing');

    child!.kill('SIGKILL'); // mid-typing, inside the store debounce window
    await new Promise((r) => child!.once('exit', r));
    const atKill = ta.typed.length + tb.typed.length;
    // both keep typing while the server is gone
    await waitFor(() => ta.typed.length + tb.typed.length >= atKill + 10, 'typing while the server is gone');
    await start();

    await waitFor(() => a.provider.isSynced && b.provider.isSynced, 'both resynced after restart', 20_000);
    const atResync = ta.typed.length + tb.typed.length;
    await waitFor(() => ta.typed.length + tb.typed.length >= atResync + 6, 'typing after the restart');
    ta.stop();
    tb.stop();
    await waitFor(() => a.fragment.toString() === b.fragment.toString(), 'editors converge', 10_000);

    const all = [...ta.typed, ...tb.typed];
    const text = a.fragment.toString();
    const lost = all.filter((t) => !text.includes(t));
    expect(all.length).toBeGreaterThan(20);
    expect(lost).toEqual([]);
    // and the restarted server stores the converged document
    await waitFor(
      async () => {
        const row = await readRow(db.orm, id);
        return row && all.every((t) => row.text.includes(t));
      },
      'every token stored',
      10_000,
    );
    a.destroy();
    b.destroy();
  }, 240_000);
});
