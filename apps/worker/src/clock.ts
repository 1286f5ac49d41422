import { readFileSync } from 'node:fs';

/** The worker's notion of "now" for reminders and quiet hours: tests advance it instead of waiting. */
export type Clock = () => Date;
export const CLOCK = Symbol('CLOCK');
export const systemClock: Clock = () => new Date();

/**
 * TEST ONLY (`WORKER_TEST_CLOCK_FILE`, refused when NODE_ENV=production): real time plus the offset in ms written
 * in `path` (missing or empty file = 0). Lets a browser test, which runs the worker as a separate process, move
 * the reminder scan's time forward by writing a file instead of waiting days.
 */
export function fileOffsetClock(path: string): Clock {
  return () => {
    let offset = 0;
    try {
      offset = Number(readFileSync(path, 'utf8').trim()) || 0;
    } catch {
      // No file yet: no offset.
    }
    return new Date(Date.now() + offset);
  };
}
