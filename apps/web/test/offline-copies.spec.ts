import { offlineDbName } from '@pm/contracts';
import { describe, expect, it } from 'vitest';
import { clearOfflineCopies } from '../src/offline-copies.js';

/** An IDBFactory holding database names; deleteDatabase answers like the browser (asynchronously). */
function fakeIdb(names: string[]) {
  const left = new Set(names);
  const idb = {
    databases: async () => [...left].map((name) => ({ name, version: 1 })),
    deleteDatabase(name: string) {
      const req = {} as IDBOpenDBRequest;
      setTimeout(() => {
        left.delete(name);
        req.onsuccess?.({} as never);
      });
      return req;
    },
  };
  return { idb: idb as unknown as IDBFactory, left };
}

describe('offline copies on sign-out', () => {
  it('deletes every offline copy of the tab and nothing else', async () => {
    const mine = offlineDbName('postmortem:d0000000-0000-4000-8000-000000000001', 'u1');
    const other = offlineDbName('postmortem:d0000000-0000-4000-8000-000000000002', 'u1');
    const { idb, left } = fakeIdb([mine, other, 'some-other-app']);
    expect(await clearOfflineCopies(idb)).toBe(2);
    expect([...left]).toEqual(['some-other-app']);
  });

  it('does nothing where IndexedDB is missing', async () => {
    expect(await clearOfflineCopies(undefined)).toBe(0);
  });
});
