import { ConfigError, loadConfig, type CollabConfig } from './config.js';
import { createLogger } from './logger.js';
import { openOrm } from '@pm/db';
import { createCollabServer } from './server.js';

let config: CollabConfig;
try {
  config = loadConfig();
} catch (err) {
  console.error(err instanceof ConfigError ? err.message : err);
  process.exit(1);
}

const logger = createLogger(config.logLevel);
// The schema is migrated by the API / start script; collab only reads and writes document rows.
const orm = await openOrm({ databaseUrl: config.databaseUrl, schema: config.databaseSchema });
const collab = createCollabServer(config, { orm, logger });
const { url } = await collab.start();
logger.info({ url, healthz: `${url.replace(/^ws/, 'http')}/healthz` }, 'collab ready');

let shuttingDown = false;
const shutdown = (signal: string) => {
  if (shuttingDown) return;
  shuttingDown = true;
  logger.info({ signal }, 'shutting down: storing open documents');
  collab
    .stop()
    .then(() => orm.close(true))
    .then(
      () => process.exit(0),
      (err: unknown) => {
        logger.error({ err }, 'shutdown failed');
        process.exit(1);
      },
    );
};
process.on('SIGTERM', () => shutdown('SIGTERM'));
process.on('SIGINT', () => shutdown('SIGINT'));
