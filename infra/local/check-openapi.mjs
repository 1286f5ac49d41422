// Fails when the committed apps/api/openapi.json differs from what the built API generates (contract drift).
import { spawnSync } from 'node:child_process';
import { readFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from './system.mjs';

const out = join(mkdtempSync(join(tmpdir(), 'openapi-')), 'openapi.json');
const r = spawnSync(process.execPath, [join(ROOT, 'apps/api/dist/openapi.js'), out], {
  cwd: ROOT,
  encoding: 'utf8',
});
if (r.status !== 0) {
  console.error(r.stdout, r.stderr);
  process.exit(1);
}
const committed = readFileSync(join(ROOT, 'apps/api/openapi.json'), 'utf8');
if (readFileSync(out, 'utf8') !== committed) {
  console.error('apps/api/openapi.json is out of date: run `pnpm openapi` and commit the result.');
  process.exit(1);
}
console.log('openapi.json is up to date');
