// README command 1 (after install and build): runs the whole system with demo data and prints the URL to open.
import { join, resolve } from 'node:path';
import { ensureRedis } from './redis.mjs';
import { ROOT, startSystem } from './system.mjs';

const env = process.env;
const redisUrl = env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const databaseUrl = env.DATABASE_URL ?? `sqlite:${resolve(ROOT, '.data/postmortems.db')}`;
const num = (v, d) => (v ? Number(v) : d);

let stopRedis = null;
let system = null;
let stopping = false;
// Registered before anything starts: Ctrl-C during start-up exits, and the 'exit' guard of system.mjs kills the
// process groups started so far; once running, every service tree is stopped gracefully.
const shutdown = async () => {
  if (stopping) return;
  stopping = true;
  console.log('\nstopping…');
  await system?.stop();
  stopRedis?.();
  process.exit(system ? 0 : 130);
};
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);

try {
  stopRedis = await ensureRedis(redisUrl, join(ROOT, '.data/redis'));
} catch (e) {
  console.error(`\n${e.message}\n`);
  process.exit(1);
}

try {
  system = await startSystem({
    databaseUrl,
    databaseSchema: env.DATABASE_SCHEMA,
    redisUrl,
    redisPrefix: env.REDIS_PREFIX ?? 'pm',
    collabSecret: env.COLLAB_TOKEN_SECRET ?? 'dev-only-collab-secret-change-me',
    ports: {
      api: num(env.API_PORT, 3000),
      collab: num(env.COLLAB_PORT, 3001),
      worker: num(env.WORKER_HEALTH_PORT, 3002),
      web: num(env.WEB_PORT, 4173),
      tab: num(env.TAB_PORT, 4174),
    },
    output: 'inherit',
    logLevel: env.LOG_LEVEL ?? 'warn',
    // A crashed service is restarted with backoff (supervisor.mjs); Ctrl-C stops every process tree.
    supervise: true,
  });
} catch (e) {
  console.error(`\nThe system did not start: ${e.message}`);
  stopRedis?.();
  process.exit(1);
}

const { urls } = system;
console.log(`
  Postmortems is running.

    Open:          ${urls.web}
    API + docs:    ${urls.api}/api/docs
    Job dashboard: ${urls.api}/admin/queues   (sign in as the admin first)

  Demo users (password: postmortem-demo)
    admin@example.com      Admin      (all permissions, job dashboard)
    standard@example.com   Standard   (read + write incidents and notebooks)
    readonly@example.com   Read Only  (read only)
    marco@example.com      Standard   (responder on the private demo incident)
    priya@example.com, lena@example.com   Standard (commanders and responders of the demo incidents)

  Database: ${databaseUrl.replace(/\/\/[^@]*@/, '//***@')}
  Processes: ${system.supervisors.map((s) => `${s.label} pid ${s.child.pid}`).join(', ')} (restarted when they crash)
  Press Ctrl-C to stop.
`);

for (const s of system.supervisors) {
  s.on('gave-up', () => {
    if (system.supervisors.every((x) => x.gaveUp)) {
      console.error('every service was given up; stopping');
      void shutdown();
    }
  });
}
