import vue from '@vitejs/plugin-vue';
import { defineConfig, type Plugin } from 'vite';

/**
 * Emits `dist/index.html`: a dev/demo page that imports `./mount.js` and mounts the tab with options taken from
 * the query string (`?apiBaseUrl=…&incidentId=…&authToken=…`). The library build itself has no HTML entry.
 */
function demoPage(): Plugin {
  const html = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="UTF-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1.0" />
    <link rel="icon" href="data:," />
    <title>Post-Incident tab (standalone)</title>
    <style>body { margin: 0; padding: 24px; background: #f5f6f8; } #tab { background: #fff; padding: 20px; border-radius: 10px; max-width: 1100px; margin: 0 auto; }</style>
  </head>
  <body>
    <div id="tab"></div>
    <script type="module">
      import { mount } from './mount.js';
      const q = new URLSearchParams(location.search);
      window.__pmTab = mount(document.getElementById('tab'), {
        apiBaseUrl: q.get('apiBaseUrl') ?? 'http://127.0.0.1:3000',
        incidentId: q.get('incidentId') ?? '',
        authToken: q.get('authToken') ?? '',
      }, { onEvent: (e) => console.info('[tab event]', e) });
    </script>
  </body>
</html>
`;
  return {
    name: 'pm-demo-page',
    apply: 'build',
    generateBundle() {
      this.emitFile({ type: 'asset', fileName: 'index.html', source: html });
    },
  };
}

export default defineConfig({
  plugins: [vue(), demoPage()],
  // Library mode does not replace process.env; Vue's ESM build reads NODE_ENV to drop dev-only code.
  define: { 'process.env.NODE_ENV': JSON.stringify('production') },
  build: {
    target: 'es2022',
    sourcemap: true,
    lib: { entry: 'src/mount.ts', formats: ['es'], fileName: () => 'mount.js', cssFileName: 'mount' },
    rolldownOptions: {
      // Lib mode keeps ES output readable for consumers' bundlers; this is a finished bundle loaded as is.
      output: { chunkFileNames: 'chunks/[name]-[hash].js', minify: true },
    },
  },
  server: { port: 4174, strictPort: true, cors: true },
  preview: { port: 4174, strictPort: true, cors: true },
});
