// Writes openapi.json from the app's decorators (no DB or Redis traffic needed beyond boot).
import { writeFileSync } from 'node:fs';
import { createApp, buildOpenApi } from './bootstrap.js';
import { loadConfig } from './config.js';

const out = process.argv[2] ?? 'openapi.json';
const app = await createApp(
  loadConfig({ ...process.env, DATABASE_URL: 'sqlite::memory:', LOG_LEVEL: 'silent' }),
  { logger: false },
);
writeFileSync(out, JSON.stringify(buildOpenApi(app), null, 2) + '\n');
await app.close();
console.log(`wrote ${out}`);
