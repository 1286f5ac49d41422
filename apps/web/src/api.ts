import { createApiClient, type ApiClient } from '@pm/api-client';
import { runtimeConfig } from './config.js';

/** Where the session token lives between page loads. */
export const TOKEN_KEY = 'pm.token';

export const readToken = (): string | null => globalThis.localStorage?.getItem(TOKEN_KEY) ?? null;

let client: ApiClient | null = null;

/** The app's API client (created on first use so tests can set `__PM_CONFIG__` and stub fetch first). */
export function useApi(): ApiClient {
  client ??= createApiClient({ baseUrl: runtimeConfig().apiUrl, getToken: readToken });
  return client;
}

/** Forgets the client (tests, or after the runtime config changed). */
export function resetApi(): void {
  client = null;
}
