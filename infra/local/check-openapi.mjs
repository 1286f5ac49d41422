// Fails when the committed apps/api/openapi.json differs from what the built API generates (contract drift), or when
// packages/api-client/src/openapi.gen.ts differs from what openapi-typescript generates from that spec (stale client).
import { spawnSync } from 'node:child_process';
import { readFileSync, mkdtempSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { ROOT } from './system.mjs';

const tmp = mkdtempSync(join(tmpdir(), 'openapi-'));
const FIX = 'run `pnpm openapi` (after `pnpm build`) and commit the result.';

/** Runs a node script; exits with its output when it fails. */
function run(args) {
  const r = spawnSync(process.execPath, args, { cwd: ROOT, encoding: 'utf8' });
  if (r.status !== 0) {
    console.error(r.stdout, r.stderr);
    process.exit(1);
  }
}

/** Exits non-zero when `generated` differs from the committed `file`. */
function compare(generated, file) {
  if (readFileSync(generated, 'utf8') !== readFileSync(join(ROOT, file), 'utf8')) {
    console.error(`${file} is out of date: ${FIX}`);
    process.exit(1);
  }
  console.log(`${file} is up to date`);
}

const spec = join(tmp, 'openapi.json');
run([join(ROOT, 'apps/api/dist/openapi.js'), spec]);
compare(spec, 'apps/api/openapi.json');

// The client types are generated from the committed spec (just proven current) with the client's own pinned tool.
const clientRequire = createRequire(join(ROOT, 'packages/api-client/package.json'));
const cli = join(dirname(clientRequire.resolve('openapi-typescript/package.json')), 'bin/cli.js');
const types = join(tmp, 'openapi.gen.ts');
run([cli, join(ROOT, 'apps/api/openapi.json'), '-o', types]);
compare(types, 'packages/api-client/src/openapi.gen.ts');
