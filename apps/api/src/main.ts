import { createApp } from './bootstrap.js';
import { loadConfig } from './config.js';

let cfg;
try {
  cfg = loadConfig();
} catch (e) {
  console.error((e as Error).message);
  process.exit(1);
}
const app = await createApp(cfg);
await app.listen(cfg.API_PORT, cfg.API_HOST);
console.log(`API listening on http://${cfg.API_HOST}:${cfg.API_PORT} (docs at /api/docs)`);
