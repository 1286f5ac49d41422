// What the code says about each deployable process: the environment variables its config schema reads (from the
// source, with the shared fragments resolved from the built @pm/contracts), a validator built from the app's own
// built loadConfig, the health paths it serves, and which variables set its port and bind address.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** Deployable process → its app, config module + loader, port/host variables and health-path sources. */
export const SERVICES = {
  api: {
    app: 'apps/api',
    config: ['src/config.ts', 'loadConfig'],
    ports: { http: 'API_PORT' },
    host: 'API_HOST',
    health: ['apps/api/src/modules/health/health.controller.ts'],
  },
  worker: {
    app: 'apps/worker',
    config: ['src/config.ts', 'loadWorkerConfig'],
    ports: { http: 'WORKER_HEALTH_PORT' },
    host: 'WORKER_HEALTH_HOST',
    health: ['apps/worker/src/bootstrap.ts'],
  },
  collab: {
    app: 'apps/collab',
    config: ['src/config.ts', 'loadConfig'],
    ports: { http: 'COLLAB_PORT' },
    host: 'COLLAB_HOST',
    health: ['apps/collab/src/extensions/health.extension.ts'],
  },
  // The one-shot migration runs the API's CLI, which parses the API's configuration.
  migrate: { app: 'apps/api', config: ['src/config.ts', 'loadConfig'], ports: {}, health: [] },
  web: {
    script: 'infra/local/web-server.mjs',
    ports: { http: 'WEB_PORT', tab: 'TAB_PORT' },
    host: 'WEB_HOST',
  },
};

const importDist = (file) => import(pathToFileURL(file).href);

/** `src/x.ts` of an app → its built `dist/x.js`. */
const distOf = (app, srcFile) => join(app, srcFile.replace(/^src\//, 'dist/').replace(/\.ts$/, '.js'));

/**
 * Variable names an app's config schema reads: its own keys (`  NAME: z…` lines of config.ts) plus every spread
 * fragment (`...DATABASE_ENV`), resolved by importing the module config.ts imports it from (built output).
 */
async function schemaNames(root, app, configFile) {
  const src = readFileSync(join(root, app, configFile), 'utf8');
  const names = new Set([...src.matchAll(/^\s+([A-Z][A-Z0-9_]+): (?:z\b|env)/gm)].map((m) => m[1]));
  for (const [, fragment] of src.matchAll(/\.\.\.([A-Z][A-Z0-9_]*_ENV)\b/g)) {
    const imp = new RegExp(`import\\s*\\{[^}]*\\b${fragment}\\b[^}]*\\}\\s*from\\s*'([^']+)'`).exec(src);
    if (!imp) throw new Error(`${app}/${configFile}: cannot find where ${fragment} is imported from`);
    const file = imp[1].startsWith('.')
      ? distOf(join(root, app), join(dirname(configFile), imp[1]).replace(/\.js$/, '.ts'))
      : join(root, 'packages', imp[1].replace('@pm/', ''), 'dist/index.js');
    if (!existsSync(file)) throw new Error(`${file} is missing: run \`pnpm build\` first`);
    const mod = await importDist(file);
    if (!mod[fragment]) throw new Error(`${file} does not export ${fragment}`);
    for (const k of Object.keys(mod[fragment])) names.add(k);
  }
  return names;
}

/** Health paths a service serves, read from its source (`'/healthz'`, `'readyz'`, …). */
function healthPaths(root, files) {
  const paths = new Set();
  for (const f of files) {
    for (const [, p] of readFileSync(join(root, f), 'utf8').matchAll(/['"]\/?(healthz|readyz)['"]/g))
      paths.add(`/${p}`);
  }
  return paths;
}

/**
 * Everything the checks need per service: `names` (Set), `validate(env)` → problems (the app's own loadConfig,
 * so values are checked too), `defaults` (values of the port variables when unset), `health` (Set of paths).
 */
export async function describeServices(root) {
  const out = {};
  for (const [name, s] of Object.entries(SERVICES)) {
    if (s.script) {
      const mod = await importDist(join(root, s.script));
      out[name] = {
        ...s,
        names: new Set(mod.WEB_SERVER_ENV),
        validate: () => [],
        defaults: mod.WEB_SERVER_DEFAULTS,
        health: healthPaths(root, [s.script]),
      };
      continue;
    }
    const [configFile, loader] = s.config;
    const dist = distOf(join(root, s.app), configFile);
    if (!existsSync(dist)) throw new Error(`${dist} is missing: run \`pnpm build\` first`);
    const load = (await importDist(dist))[loader];
    const validate = (env) => {
      try {
        load(env);
        return [];
      } catch (e) {
        return String(e.message)
          .split('\n')
          .slice(1)
          .map((l) => l.trim());
      }
    };
    const parsed = load({});
    const defaults = {};
    for (const v of [...Object.values(s.ports), s.host].filter(Boolean)) {
      // The collab config renames its fields (port/host); read the raw default through the schema's output.
      defaults[v] = String(
        parsed[v] ?? (v === 'COLLAB_PORT' ? parsed.port : v === 'COLLAB_HOST' ? parsed.host : ''),
      );
    }
    out[name] = {
      ...s,
      names: await schemaNames(root, s.app, configFile),
      validate,
      defaults,
      health: healthPaths(root, s.health),
    };
  }
  return out;
}
