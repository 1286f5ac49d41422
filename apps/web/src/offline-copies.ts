import { OFFLINE_DB_PREFIX } from '@pm/contracts';

/**
 * Deletes the post-incident tab's offline copies of documents (IndexedDB databases named with
 * OFFLINE_DB_PREFIX) so unsynced edits and document text do not outlive the session on a shared browser.
 * Best effort: a browser without IndexedDB (or without `databases()`) has nothing to delete.
 */
export async function clearOfflineCopies(
  idb: IDBFactory | undefined = globalThis.indexedDB,
): Promise<number> {
  if (!idb?.databases) return 0;
  const names = (await idb.databases())
    .map((d) => d.name)
    .filter((n): n is string => !!n?.startsWith(OFFLINE_DB_PREFIX));
  await Promise.all(
    names.map(
      (n) =>
        new Promise<void>((resolve) => {
          const req = idb.deleteDatabase(n);
          // A tab still holding the database open blocks the delete until it closes; do not wait for that.
          req.onsuccess = req.onerror = req.onblocked = () => resolve();
        }),
    ),
  );
  return names.length;
}
