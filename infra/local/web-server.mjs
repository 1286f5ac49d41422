// The `web` container's process: serves the built web shell and the Post-Incident tab (two ports, like the start
// command) with a runtime /config.js telling the shell where the API and the tab are, and /healthz for probes.
// Plain Node, no dependency: the image copies this file and static-server.mjs next to the two dist folders.
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { serveStatic } from './static-server.mjs';

/** Every variable this server reads (infra/check-deploy.mjs checks compose and Helm against this list). */
export const WEB_SERVER_ENV = [
  'WEB_HOST',
  'WEB_PORT',
  'TAB_PORT',
  'PUBLIC_API_URL',
  'PUBLIC_TAB_URL',
  'WEB_ROOT',
];
export const WEB_SERVER_DEFAULTS = { WEB_HOST: '0.0.0.0', WEB_PORT: '8080', TAB_PORT: '8081' };

export async function startWebServer(env = process.env) {
  const e = { ...WEB_SERVER_DEFAULTS, ...Object.fromEntries(Object.entries(env).filter(([, v]) => v)) };
  const root = e.WEB_ROOT ?? dirname(fileURLToPath(import.meta.url));
  const config = {
    apiUrl: e.PUBLIC_API_URL ?? 'http://127.0.0.1:3000',
    tabUrl: e.PUBLIC_TAB_URL ?? `http://127.0.0.1:${e.TAB_PORT}/mount.js`,
  };
  const health = { '/healthz': '{"ok":true}\n' };
  const [web, tab] = await Promise.all([
    serveStatic({
      root: join(root, 'web'),
      host: e.WEB_HOST,
      port: Number(e.WEB_PORT),
      spa: true,
      virtual: { ...health, '/config.js': `window.__PM_CONFIG__ = ${JSON.stringify(config)};\n` },
    }),
    serveStatic({
      root: join(root, 'tab'),
      host: e.WEB_HOST,
      port: Number(e.TAB_PORT),
      cors: true,
      virtual: health,
    }),
  ]);
  return { web, tab, close: () => Promise.all([web.close(), tab.close()]) };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const s = await startWebServer();
  console.log(`web on ${s.web.url}, tab on ${s.tab.url}`);
  const stop = () => void s.close().then(() => process.exit(0));
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}
