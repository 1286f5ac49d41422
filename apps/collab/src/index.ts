export { createCollabServer, type CollabServer, type CollabDeps } from './server.js';
export { loadConfig, ConfigError, type CollabConfig } from './config.js';
export { DEV_COLLAB_SECRET } from '@pm/contracts';
export { REFUSAL, Refusal, type RefusalReason } from './refusals.js';
export type { CollabContext } from './extensions/auth.extension.js';
