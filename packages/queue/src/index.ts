export * from './connection.js';
export * from './registry.js';
export * from './producer.js';
export * from './request-id.js';
