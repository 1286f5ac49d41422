/** Runs `task` over `items` with at most `inFlight` running at once (like clients sending requests in parallel). */
export async function pool<T>(items: T[], inFlight: number, task: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < items.length) await task(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(inFlight, items.length) }, lane));
}
