export * from './connection.js';
export * from './registry.js';
export * from './producer.js';
