import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fileOffsetClock } from './clock.js';

describe('fileOffsetClock (test-only)', () => {
  let dir = '';
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('is real time without the file, and real time plus the written offset after', async () => {
    dir = await mkdtemp(join(tmpdir(), 'pm-clock-'));
    const file = join(dir, 'offset');
    const clock = fileOffsetClock(file);
    expect(Math.abs(clock().getTime() - Date.now())).toBeLessThan(1_000);
    await writeFile(file, String(3 * 86_400_000));
    expect(Math.abs(clock().getTime() - (Date.now() + 3 * 86_400_000))).toBeLessThan(1_000);
  });
});
