/**
 * How far the dispatcher's cursor may move after reading `events` (ordered by seq): past the leading events older
 * than `settledBefore`, and no further. Younger events are read again next pass, so a lower seq that commits late
 * (PostgreSQL) is still seen; deliveries are unique per (event, endpoint), so re-reading never delivers twice.
 */
export function nextCursor(
  current: number,
  events: ReadonlyArray<{ seq: number; createdAt: Date }>,
  settledBefore: Date,
): number {
  let cursor = current;
  for (const e of events) {
    if (e.createdAt.getTime() >= settledBefore.getTime()) break;
    cursor = e.seq;
  }
  return cursor;
}
