// The `web` image's process: serves the built shell with a runtime /config.js and the tab cross-origin, /healthz.
import { mkdtemp, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { startWebServer } from '../local/web-server.mjs';
import { ROOT } from '../local/system.mjs';

let dir;
let server;
afterAll(async () => {
  await server?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

it('serves the web shell with /config.js from PUBLIC_* and the tab with CORS, both with /healthz', async () => {
  // The image's layout: web/ and tab/ next to the script.
  dir = await mkdtemp(join(tmpdir(), 'pm-web-'));
  await symlink(join(ROOT, 'apps/web/dist'), join(dir, 'web'));
  await symlink(join(ROOT, 'apps/post-incident-tab/dist'), join(dir, 'tab'));
  server = await startWebServer({
    WEB_ROOT: dir,
    WEB_HOST: '127.0.0.1',
    WEB_PORT: '0',
    TAB_PORT: '0',
    PUBLIC_API_URL: 'https://api.example.com',
    PUBLIC_TAB_URL: 'https://tab.example.com/mount.js',
  });
  const config = await (await fetch(`${server.web.url}/config.js`)).text();
  expect(config).toBe(
    'window.__PM_CONFIG__ = {"apiUrl":"https://api.example.com","tabUrl":"https://tab.example.com/mount.js"};\n',
  );
  expect(await (await fetch(`${server.web.url}/incidents/some-id`)).text()).toContain('<div id="app"');
  const mount = await fetch(`${server.tab.url}/mount.js`);
  expect(mount.status).toBe(200);
  expect(mount.headers.get('access-control-allow-origin')).toBe('*');
  for (const base of [server.web.url, server.tab.url])
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
});
