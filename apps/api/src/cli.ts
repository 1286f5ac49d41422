// Operational commands: `node dist/cli.js migrate` and `node dist/cli.js seed`.
import { migrateUp, openOrm, seedDemo } from '@pm/db';
import { loadConfig } from './config.js';

const cmd = process.argv[2];
const cfg = loadConfig();
const orm = await openOrm({ databaseUrl: cfg.DATABASE_URL, schema: cfg.DATABASE_SCHEMA });
try {
  if (cmd === 'migrate' || cmd === 'seed') {
    const ran = await migrateUp(orm);
    console.log(ran.length ? `migrations applied: ${ran.join(', ')}` : 'database schema is up to date');
  }
  if (cmd === 'seed') {
    const summary = await seedDemo(orm.em.fork());
    console.log(
      summary.created
        ? `demo data seeded: ${summary.users} users, ${summary.incidents} incidents, ${summary.templates} templates`
        : 'demo data already present',
    );
  }
  if (cmd !== 'migrate' && cmd !== 'seed') {
    console.error('usage: cli.js migrate|seed');
    process.exitCode = 2;
  }
} finally {
  await orm.close();
}
