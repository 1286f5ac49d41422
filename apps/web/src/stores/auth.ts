import { ApiError } from '@pm/api-client';
import type { Me } from '@pm/contracts';
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import { TOKEN_KEY, readToken, useApi } from '../api.js';
import { clearOfflineCopies } from '../offline-copies.js';

/** Session: the bearer token (persisted in localStorage) and the signed-in user. */
export const useAuthStore = defineStore('auth', () => {
  const token = ref<string | null>(readToken());
  const me = ref<Me | null>(null);
  const isSignedIn = computed(() => !!token.value);

  function setToken(t: string | null) {
    token.value = t;
    if (t) localStorage.setItem(TOKEN_KEY, t);
    else localStorage.removeItem(TOKEN_KEY);
  }

  /** Signs in; throws ApiError (e.g. INVALID_CREDENTIALS) for the form to show. */
  async function login(email: string, password: string) {
    const r = await useApi().login({ email, password });
    setToken(r.token);
    me.value = r.user;
  }

  /** Loads the user behind a stored token; a rejected token signs out. */
  async function restore() {
    if (!token.value || me.value) return;
    try {
      me.value = await useApi().me();
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) setToken(null);
      else throw err;
    }
  }

  /** Ends the session on the server (best effort) and locally. */
  async function logout() {
    try {
      if (token.value) await useApi().logout();
    } catch {
      // the local session ends regardless: an expired token or an unreachable API must not trap the user
    } finally {
      setToken(null);
      me.value = null;
      // The tab's offline copies of documents belong to this session.
      await clearOfflineCopies().catch(() => 0);
    }
  }

  return { token, me, isSignedIn, login, restore, logout };
});
