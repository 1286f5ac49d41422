/* global window */
// Runtime configuration, read before the app starts. Deployments overwrite this file in dist/ (see README),
// so one build runs anywhere.
window.__PM_CONFIG__ = {
  apiUrl: 'http://127.0.0.1:3000',
  tabUrl: 'http://127.0.0.1:4174/mount.js',
};
