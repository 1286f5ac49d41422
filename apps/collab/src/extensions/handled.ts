/**
 * What an onRequest / onUpgrade hook returns once it has answered the request itself. Hocuspocus runs the hooks
 * as one promise chain and, when it rejects, rethrows only a truthy reason: an empty rejection stops the later
 * hooks and the default handler ("Welcome to Hocuspocus!" body, WebSocket upgrade) without logging an error.
 */
export function handledByHook(): Promise<never> {
  return Promise.reject();
}
