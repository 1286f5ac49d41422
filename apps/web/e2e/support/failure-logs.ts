// Setup file of every browser spec: when a test fails, print the services' logs next to the failure.
import { beforeEach } from 'vitest';
import { printServiceLogs } from './harness.js';

beforeEach(({ task, onTestFailed }) => {
  onTestFailed(() => printServiceLogs(`"${task.name}" failed`));
});
