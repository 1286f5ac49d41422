/** @pm/testing — dev-only helpers: service URLs, isolated databases, Redis prefixes, polling, fakes of outside services. */
export { testConfig } from './config.js';
export type { TestConfig } from './config.js';
export { createTestDatabase } from './database.js';
export type { TestDatabase } from './database.js';
export { uniqueRedisPrefix, cleanRedisPrefix } from './redis.js';
export { waitFor } from './wait-for.js';
export { freePort } from './ports.js';
export type { WaitForOptions } from './wait-for.js';
export * from './fakes/index.js';
