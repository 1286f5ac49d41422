export { createCollabServer, type CollabServer, type CollabDeps } from './server.js';
export { loadConfig, ConfigError, DEV_COLLAB_SECRET, type CollabConfig } from './config.js';
export { REFUSAL, Refusal, type RefusalReason } from './refusals.js';
export type { CollabContext } from './extensions/auth.extension.js';
