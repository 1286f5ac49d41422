export * from './common.js';
export * from './errors.js';
export * from './users.js';
export * from './incidents.js';
export * from './templates.js';
export * from './postmortems.js';
export * from './jobs.js';
export * from './embed.js';
export * from './incident-team.js';
export * from './versions.js';
<<<<<<< HEAD
export * from './env.js';
export * from './collab.js';
=======
export * from './render-context.js';
>>>>>>> one-fact
