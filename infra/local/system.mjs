// Starts the whole system from built output: migrate + seed, then API, worker, collab, and static servers for
// the web shell and the Post-Incident tab. Used by the start command and by the end-to-end tests.
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serveStatic } from './static-server.mjs';
import { signalGroup, Supervisor } from './supervisor.mjs';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** A free TCP port on loopback. */
export function freePort() {
  return new Promise((res, rej) => {
    const s = createServer();
    s.once('error', rej);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => res(port));
    });
  });
}

// A slow start on a busy machine is not a failure: a crashed process is caught at once (exit code), so the limit
// only bounds a process that hangs. PM_READY_TIMEOUT_MS overrides it.
const READY_TIMEOUT_MS = Number(process.env.PM_READY_TIMEOUT_MS) || 120_000;

async function waitForHttp(url, { timeoutMs = READY_TIMEOUT_MS, proc } = {}) {
  const start = Date.now();
  let last = '';
  while (Date.now() - start < timeoutMs) {
    if (proc && proc.exitCode !== null)
      throw new Error(`${proc.label} exited with code ${proc.exitCode} before ${url} answered`);
    try {
      const r = await fetch(url, { signal: AbortSignal.timeout(1_000) });
      if (r.ok) return;
      last = `HTTP ${r.status} ${await r.text()}`;
    } catch (e) {
      last = e.message;
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${url} did not become ready within ${timeoutMs} ms (last: ${last})`);
}

async function answers(url) {
  try {
    return (await fetch(url, { signal: AbortSignal.timeout(1_000) })).ok;
  } catch {
    return false;
  }
}

/** `detached` makes the child a process-group leader, so the supervisor can stop it with everything it spawned. */
function launch(label, script, env, output, detached = false) {
  const child = spawn(process.execPath, [script], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached,
  });
  child.label = label;
  child.logs = []; // the last 500 lines
  child.logTotal = 0; // lines ever logged
  const onData = (buf) => {
    for (const line of buf.toString().split('\n')) {
      if (!line) continue;
      child.logs.push(line);
      child.logTotal++;
      if (child.logs.length > 500) child.logs.shift();
      if (output === 'inherit') process.stdout.write(`[${label}] ${line}\n`);
    }
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  return child;
}

/**
 * @param {object} o
 * @param {string} o.databaseUrl   `sqlite:<file>` or `postgresql://…`
 * @param {string} [o.databaseSchema]
 * @param {string} o.redisUrl
 * @param {string} [o.redisPrefix]
 * @param {{api?:number, collab?:number, worker?:number, web?:number, tab?:number}} [o.ports]  0/undefined = free port
 * @param {'inherit'|'quiet'} [o.output]
 * @param {boolean} [o.seed]
 * @param {Record<string,string>} [o.env]   extra environment for every process
 * @param {boolean|object} [o.supervise]  restart crashed services (start command); an object overrides
 *   supervisor.mjs DEFAULTS. Without it a crashed process stays down (tests kill processes on purpose).
 */
export async function startSystem(o) {
  const ports = {
    api: o.ports?.api || (await freePort()),
    collab: o.ports?.collab || (await freePort()),
    worker: o.ports?.worker || (await freePort()),
    web: o.ports?.web || (await freePort()),
    tab: o.ports?.tab || (await freePort()),
  };
  const host = '127.0.0.1';
  const urls = {
    api: `http://${host}:${ports.api}`,
    collab: `ws://${host}:${ports.collab}`,
    web: `http://${host}:${ports.web}`,
    tab: `http://${host}:${ports.tab}`,
  };
  const origins = [urls.web, urls.tab, `http://localhost:${ports.web}`, `http://localhost:${ports.tab}`].join(
    ',',
  );
  const env = {
    ...process.env,
    NODE_ENV: process.env.NODE_ENV === 'production' ? 'production' : 'development',
    DATABASE_URL: o.databaseUrl,
    ...(o.databaseSchema ? { DATABASE_SCHEMA: o.databaseSchema } : {}),
    REDIS_URL: o.redisUrl,
    REDIS_PREFIX: o.redisPrefix ?? 'pm',
    COLLAB_TOKEN_SECRET:
      o.collabSecret ?? process.env.COLLAB_TOKEN_SECRET ?? randomBytes(24).toString('base64url'),
    API_PORT: String(ports.api),
    COLLAB_PORT: String(ports.collab),
    WORKER_HEALTH_PORT: String(ports.worker),
    COLLAB_PUBLIC_URL: urls.collab,
    ALLOWED_ORIGINS: origins,
    DB_MIGRATE_ON_START: 'false',
    LOG_LEVEL: o.logLevel ?? process.env.LOG_LEVEL ?? 'info',
    ...o.env,
  };

  const seed = spawnSync(
    process.execPath,
    [join(ROOT, 'apps/api/dist/cli.js'), o.seed === false ? 'migrate' : 'seed'],
    {
      cwd: ROOT,
      env,
      encoding: 'utf8',
    },
  );
  if (seed.status !== 0) throw new Error(`migrate/seed failed:\n${seed.stdout}\n${seed.stderr}`);
  if (o.output === 'inherit') process.stdout.write(`${seed.stdout.trimEnd().replace(/^/gm, '[db] ')}\n`);

  const health = {
    api: `${urls.api}/readyz`,
    worker: `http://${host}:${ports.worker}/healthz`,
    collab: `http://${host}:${ports.collab}/healthz`,
  };
  const services = ['api', 'worker', 'collab'].map((label) => {
    const script = join(ROOT, `apps/${label}/dist/main.js`);
    if (!o.supervise) return { label, start: () => launch(label, script, env, o.output) };
    const log = (line) => (o.output === 'inherit' ? console.log(line) : undefined);
    return new Supervisor({
      label,
      start: () => launch(label, script, env, o.output, true),
      healthy: () => answers(health[label]),
      log,
      ...(typeof o.supervise === 'object' ? o.supervise : {}),
    });
  });
  const procs = services.map((s) => s.start());
  const supervisors = o.supervise ? services : [];
  // If this process dies without calling stop() (a crash, a killed test runner), take the children with it.
  const orphanGuard = () => {
    for (const p of supervisors.length ? supervisors.map((s) => s.child) : procs) {
      if (p.exitCode !== null || p.signalCode !== null) continue;
      if (supervisors.length) signalGroup(p.pid, 'SIGKILL');
      else p.kill('SIGKILL');
    }
  };
  process.once('exit', orphanGuard);
  const webConfig = `window.__PM_CONFIG__ = ${JSON.stringify({ apiUrl: urls.api, tabUrl: `${urls.tab}/mount.js` })};\n`;
  const statics = await Promise.all([
    serveStatic({
      root: join(ROOT, 'apps/web/dist'),
      port: ports.web,
      spa: true,
      virtual: { '/config.js': webConfig },
    }),
    serveStatic({ root: join(ROOT, 'apps/post-incident-tab/dist'), port: ports.tab, cors: true }),
  ]);

  const stop = async () => {
    process.off('exit', orphanGuard);
    await Promise.all(statics.map((s) => s.close()));
    if (supervisors.length) return void (await Promise.all(supervisors.map((s) => s.stop())));
    await Promise.all(
      procs.map(
        (p) =>
          new Promise((r) => {
            if (p.exitCode !== null) return r();
            const t = setTimeout(() => p.kill('SIGKILL'), 10_000);
            p.once('exit', () => {
              clearTimeout(t);
              r();
            });
            p.kill('SIGTERM');
          }),
      ),
    );
  };

  try {
    await Promise.all([
      waitForHttp(health.api, { proc: procs[0] }),
      waitForHttp(health.worker, { proc: procs[1] }),
      waitForHttp(health.collab, { proc: procs[2] }),
    ]);
  } catch (e) {
    const logs = procs.map((p) => `--- ${p.label} ---\n${p.logs.slice(-40).join('\n')}`).join('\n');
    await stop();
    throw new Error(`${e.message}\n${logs}`);
  }
  supervisors.forEach((s) => s.arm());
  return { urls, ports, env, procs, supervisors, stop };
}
