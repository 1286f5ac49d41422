export * from './common.js';
export * from './errors.js';
export * from './users.js';
export * from './incidents.js';
export * from './templates.js';
export * from './postmortems.js';
export * from './jobs.js';
export * from './embed.js';
