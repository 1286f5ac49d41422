import { openOrm } from '@pm/db';
import { ConfigError, loadConfig } from './config.js';
import { createLogger, type Logger } from './logger.js';
import { createCollabServer, type CollabServer } from './server.js';

/** Process hooks, injectable so the whole start/stop path runs in tests without killing the test runner. */
export interface RunOptions {
  env?: Record<string, string | undefined>;
  exit?: (code: number) => void;
  /** Where SIGTERM/SIGINT handlers are installed (default: process). */
  signals?: Pick<NodeJS.Process, 'once'>;
  logger?: Logger;
  /** Where config problems are printed (default: stderr). */
  printError?: (message: string) => void;
}

/**
 * The collab process: config → ORM (already migrated by the API / start script) → listen → log the URL.
 * SIGTERM/SIGINT close every connection, store every changed document, then exit 0.
 * Returns null (after exit(1)) when the configuration is invalid.
 */
export async function run(options: RunOptions = {}): Promise<CollabServer | null> {
  const exit = options.exit ?? ((code: number) => process.exit(code));
  const printError = options.printError ?? ((m: string) => console.error(m));
  let config;
  try {
    config = loadConfig(options.env ?? process.env);
  } catch (err) {
    printError(err instanceof ConfigError ? err.message : String(err));
    exit(1);
    return null;
  }
  const logger = options.logger ?? createLogger(config.logLevel);
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
        () => exit(0),
        (err: unknown) => {
          logger.error({ err }, 'shutdown failed');
          exit(1);
        },
      );
  };
  const signals = options.signals ?? process;
  signals.once('SIGTERM', () => shutdown('SIGTERM'));
  signals.once('SIGINT', () => shutdown('SIGINT'));
  return collab;
}
