// README command 1's launcher (infra/local/start.mjs, on the built output): a SIGKILLed worker is restarted and the
// demo keeps working (a generation completes after the restart); SIGINT stops everything, no process survives.
import { spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, expect, it } from 'vitest';
import { freePort, ROOT } from '../local/system.mjs';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const prefix = `launcher-${Date.now().toString(36)}`;
let dir;
let launcher;

/** Every process below `pid` (children, grandchildren…), from /proc; zombies count as gone. */
async function descendants(pid) {
  const parents = new Map();
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = await readFile(`/proc/${entry}/stat`, 'utf8').catch(() => '');
    const m = /^\d+ \(.*\) (\S) (\d+)/s.exec(stat);
    if (m && m[1] !== 'Z') parents.set(Number(entry), Number(m[2]));
  }
  const out = [];
  const walk = (p) => {
    for (const [child, parent] of parents) if (parent === p) (out.push(child), walk(child));
  };
  walk(pid);
  return out;
}

const alive = async (pid) => {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => null);
  return stat !== null && !/^\d+ \(.*\) Z/s.test(stat);
};

afterAll(async () => {
  if (launcher && launcher.exitCode === null) launcher.kill('SIGKILL');
  if (dir) await rm(dir, { recursive: true, force: true });
  const redis = new Redis(REDIS_URL);
  const keys = await redis.keys(`*${prefix}*`);
  if (keys.length) await redis.del(...keys);
  redis.disconnect();
});

it('restarts a SIGKILLed worker, keeps the demo working, and Ctrl-C leaves no process behind', async () => {
  dir = await mkdtemp(join(tmpdir(), 'pm-launcher-'));
  const ports = Object.fromEntries(
    await Promise.all(
      ['API_PORT', 'COLLAB_PORT', 'WORKER_HEALTH_PORT', 'WEB_PORT', 'TAB_PORT'].map(async (k) => [
        k,
        String(await freePort()),
      ]),
    ),
  );
  let out = '';
  launcher = spawn(process.execPath, [join(ROOT, 'infra/local/start.mjs')], {
    cwd: ROOT,
    env: {
      ...process.env,
      ...ports,
      DATABASE_URL: `sqlite:${join(dir, 'pm.db')}`,
      REDIS_URL,
      REDIS_PREFIX: prefix,
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  launcher.stdout.on('data', (d) => (out += d));
  launcher.stderr.on('data', (d) => (out += d));
  const waitFor = (re) =>
    expect
      .poll(
        () => {
          if (launcher.exitCode !== null) throw new Error(`launcher exited (${launcher.exitCode}):\n${out}`);
          return re.exec(out);
        },
        { timeout: 180_000, interval: 200 },
      )
      .toBeTruthy()
      .then(() => re.exec(out));

  const [, apiPid, workerPid, collabPid] = await waitFor(
    /Processes: api pid (\d+), worker pid (\d+), collab pid (\d+)/,
  );
  const api = `http://127.0.0.1:${ports.API_PORT}`;
  const workerHealth = `http://127.0.0.1:${ports.WORKER_HEALTH_PORT}/healthz`;

  process.kill(Number(workerPid), 'SIGKILL');
  await waitFor(/worker exited \(signal SIGKILL\); restarting in 0\.5 s \(restart 1\)/);
  const [, newWorkerPid] = await waitFor(/worker is healthy again \(pid (\d+)\)/);
  expect(newWorkerPid).not.toBe(workerPid);
  expect(await alive(Number(newWorkerPid))).toBe(true);
  expect((await fetch(workerHealth)).status).toBe(200);

  // The rest kept running and the demo works: sign in and generate a postmortem, done by the new worker.
  const children = await descendants(launcher.pid);
  expect(children).toEqual(expect.arrayContaining([Number(apiPid), Number(collabPid), Number(newWorkerPid)]));
  const login = await (
    await fetch(`${api}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'standard@example.com', password: 'postmortem-demo' }),
    })
  ).json();
  const auth = { authorization: `Bearer ${login.token}` };
  const incidents = await (await fetch(`${api}/incidents`, { headers: auth })).json();
  const incident = incidents.items.find((i) => i.status === 'resolved') ?? incidents.items[0];
  const templates = await (await fetch(`${api}/templates`, { headers: auth })).json();
  const template = templates.items.find((t) => t.isDefault) ?? templates.items[0];
  const created = await fetch(`${api}/incidents/${incident.id}/postmortems`, {
    method: 'POST',
    headers: { ...auth, 'content-type': 'application/json', 'idempotency-key': crypto.randomUUID() },
    body: JSON.stringify({ templateId: template.id }),
  });
  expect(created.status).toBe(202);
  const { id } = await created.json();
  await expect
    .poll(
      async () => (await (await fetch(`${api}/postmortems/${id}`, { headers: auth })).json()).generationState,
      {
        timeout: 120_000,
        interval: 250,
      },
    )
    .toBe('ready');

  // Ctrl-C: the launcher stops every service tree and exits 0; nothing it started survives.
  const all = await descendants(launcher.pid);
  expect(all.length).toBeGreaterThanOrEqual(3);
  const exited = new Promise((r) => launcher.once('exit', (code) => r(code)));
  launcher.kill('SIGINT');
  expect(await exited).toBe(0);
  expect(out).toContain('stopping…');
  await expect.poll(async () => (await Promise.all(all.map(alive))).filter(Boolean).length).toBe(0);
});
