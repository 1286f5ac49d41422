import { ApiError, type AccountsApi, type ConnectedAccount, type ConnectionTestResult } from '@pm/api-client';
import { defineStore } from 'pinia';
import { ref } from 'vue';
import { useApi } from '../api.js';

type CreateInput = Parameters<AccountsApi['create']>[0];
type UpdateInput = Parameters<AccountsApi['update']>[1];

const api = () => useApi().accounts;

/** The message to show for a failed call; an account in use names its templates. */
export function accountErrorText(err: unknown): string {
  if (err instanceof ApiError && err.code === 'CONNECTED_ACCOUNT_IN_USE') return err.message;
  return (err as Error).message;
}

/** Connected accounts: the settings page and the template editor's account pickers. */
export const useAccountsStore = defineStore('accounts', () => {
  const items = ref<ConnectedAccount[]>([]);
  const loaded = ref(false);
  const error = ref<string | null>(null);
  /** Latest "Test connection" answer (or a failure to ask) per account id. */
  const tests = ref<Record<string, ConnectionTestResult & { pending?: boolean }>>({});

  async function load() {
    error.value = null;
    try {
      items.value = (await api().list()).items;
    } catch (err) {
      error.value = (err as Error).message;
    } finally {
      loaded.value = true;
    }
  }

  /** Creates an account; returns it, or null with `error` set (the form keeps its values). */
  async function create(input: CreateInput): Promise<ConnectedAccount | null> {
    error.value = null;
    try {
      const created = await api().create(input);
      await load();
      return created;
    } catch (err) {
      error.value = accountErrorText(err);
      return null;
    }
  }

  async function update(id: string, input: UpdateInput): Promise<boolean> {
    error.value = null;
    try {
      await api().update(id, input);
      delete tests.value[id];
      await load();
      return true;
    } catch (err) {
      error.value = accountErrorText(err);
      return false;
    }
  }

  async function remove(id: string): Promise<boolean> {
    error.value = null;
    try {
      await api().remove(id);
      await load();
      return true;
    } catch (err) {
      error.value = accountErrorText(err);
      return false;
    }
  }

  async function test(id: string, body: { spaceKey?: string; folderId?: string } = {}) {
    tests.value[id] = { ok: false, message: 'Testing…', at: new Date().toISOString(), pending: true };
    try {
      tests.value[id] = await api().test(id, body);
      await load();
    } catch (err) {
      tests.value[id] = { ok: false, message: accountErrorText(err), at: new Date().toISOString() };
    }
  }

  return { items, loaded, error, tests, load, create, update, remove, test };
});
