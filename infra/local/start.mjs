// README command 1 (after install and build): runs the whole system with demo data and prints the URL to open.
import { join, resolve } from 'node:path';
import { ensureRedis } from './redis.mjs';
import { ROOT, startSystem } from './system.mjs';

const env = process.env;
const redisUrl = env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const databaseUrl = env.DATABASE_URL ?? `sqlite:${resolve(ROOT, '.data/postmortems.db')}`;
const num = (v, d) => (v ? Number(v) : d);

let stopRedis = null;
try {
  stopRedis = await ensureRedis(redisUrl, join(ROOT, '.data/redis'));
} catch (e) {
  console.error(`\n${e.message}\n`);
  process.exit(1);
}

let system;
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
  Press Ctrl-C to stop.
`);

let stopping = false;
const shutdown = async () => {
  if (stopping) return;
  stopping = true;
  console.log('\nstopping…');
  await system.stop();
  stopRedis?.();
  process.exit(0);
};
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
for (const p of system.procs) {
  p.once('exit', (code) => {
    if (!stopping) {
      console.error(`${p.label} exited unexpectedly (code ${code}); stopping everything`);
      void shutdown();
    }
  });
}
