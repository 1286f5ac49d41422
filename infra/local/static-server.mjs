// A tiny static file server for the built web shell and the Post-Incident tab (no dependency, loopback only).
import { createReadStream, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize, resolve } from 'node:path';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.map': 'application/json',
};

/**
 * Serves `root`. `spa` falls back to index.html for unknown paths (client-side routes). `cors` lets another
 * origin import the files as ES modules (the tab is loaded cross-origin by its hosts). `virtual` maps paths to
 * generated bodies (the web shell's runtime /config.js).
 */
export function serveStatic({ root, port = 0, host = '127.0.0.1', spa = false, cors = false, virtual = {} }) {
  const base = resolve(root);
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const headers = cors ? { 'access-control-allow-origin': '*' } : {};
    if (virtual[url.pathname] !== undefined) {
      res.writeHead(200, {
        ...headers,
        'content-type': TYPES[extname(url.pathname)] ?? 'text/plain',
        'cache-control': 'no-store',
      });
      return res.end(virtual[url.pathname]);
    }
    let file = normalize(join(base, decodeURIComponent(url.pathname)));
    if (!file.startsWith(base)) {
      res.writeHead(403).end();
      return;
    }
    let st = statSafe(file);
    if (st?.isDirectory()) {
      file = join(file, 'index.html');
      st = statSafe(file);
    }
    if (!st && spa && !extname(url.pathname)) {
      file = join(base, 'index.html');
      st = statSafe(file);
    }
    if (!st) {
      res.writeHead(404, headers).end('not found');
      return;
    }
    const immutable = /\/assets\//.test(url.pathname);
    res.writeHead(200, {
      ...headers,
      'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
      'content-length': st.size,
      'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
    });
    createReadStream(file).pipe(res);
  });
  return new Promise((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      const addr = server.address();
      resolveListen({
        server,
        url: `http://${host}:${addr.port}`,
        close: () => new Promise((r) => server.close(() => r())),
      });
    });
  });
}

function statSafe(p) {
  try {
    return statSync(p);
  } catch {
    return null;
  }
}
