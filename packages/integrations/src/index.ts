// Clients of the outside services the product talks to (Confluence, Google Drive, Jira, GitHub), over one retry
// helper and the SSRF guard. Server-only: the API uses them for "Test connection", the worker for exports.
export * from './outbound/index.js';
export * from './destinations/index.js';
export * from './trackers/index.js';
export * from './accounts.js';
export * from './account-test.js';
export * from './ai/index.js';
