// W1 size half: gzip sizes of the tab's shipped JS, split into the initial load (mount.js, its static imports and
// mount.css) and the lazily loaded editor (what the PostmortemEditor component chunk and the collab chunk it imports
// pull in beyond the initial load); total is every JS chunk in dist plus mount.css.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const importsOf = (code) => ({
  static: [...code.matchAll(/from\s*["'`](\.[^"'`]+)["'`]|^import\s*["'`](\.[^"'`]+)["'`]/gm)].map(
    (m) => m[1] ?? m[2],
  ),
  dynamic: [...code.matchAll(/import\(\s*["'`](\.[^"'`]+)["'`]\s*\)/g)].map((m) => m[1]),
});

/** Static-import closure of `file` (paths relative to dist). */
function closure(dist, file, seen = new Set()) {
  if (seen.has(file)) return seen;
  seen.add(file);
  const dir = file.includes('/') ? file.slice(0, file.lastIndexOf('/') + 1) : '';
  for (const rel of importsOf(readFileSync(join(dist, file), 'utf8')).static)
    closure(dist, join(dir, rel).replace(/^\.\//, ''), seen);
  return seen;
}

const gz = (dist, files) => [...files].reduce((n, f) => n + gzipSync(readFileSync(join(dist, f))).length, 0);

export function tabSizes(dist) {
  const initial = closure(dist, 'mount.js');
  const css = readdirSync(dist).filter((f) => f.endsWith('.css'));
  const chunks = readdirSync(join(dist, 'chunks')).filter((f) => f.endsWith('.js'));
  const collab = chunks.find((f) => /^collab-.*\.js$/.test(f));
  if (!collab) throw new Error(`no collab chunk in ${dist}/chunks: build the tab first`);
  // Builds before the editor component became lazy have no PostmortemEditor chunk (it was in the initial load).
  const lazyRoots = chunks.filter((f) => /^PostmortemEditor-.*\.js$/.test(f)).concat(collab);
  const editor = new Set();
  for (const root of lazyRoots)
    for (const f of closure(dist, `chunks/${root}`)) if (!initial.has(f)) editor.add(f);
  const all = ['mount.js', ...chunks.map((f) => `chunks/${f}`)];
  return {
    totalGzip: gz(dist, all) + gz(dist, css),
    initialFiles: [...initial, ...css],
    initialGzip: gz(dist, initial) + gz(dist, css),
    editorFiles: [...editor],
    editorGzip: gz(dist, editor),
  };
}
