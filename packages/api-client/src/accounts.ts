import { call, type BodyOf, type Http, type ResponseOf } from './http.js';

type One = ResponseOf<'/connected-accounts/{accountId}', 'get'>;

/**
 * Connected accounts (Settings → Connected accounts): credentials of Confluence, Google, Jira and GitHub. Secrets
 * go in on create / update and never come back.
 */
export interface AccountsApi {
  /** Every account; callers without Integrations Manage get id, kind and name only (template pickers). */
  list(): Promise<ResponseOf<'/connected-accounts', 'get'>>;
  get(id: string): Promise<One>;
  create(input: BodyOf<'/connected-accounts', 'post'>): Promise<One>;
  /** Rename and/or replace credentials (fields left out keep their stored values). */
  update(id: string, input: BodyOf<'/connected-accounts/{accountId}', 'patch'>): Promise<One>;
  remove(id: string): Promise<void>;
  /** Calls the service with the stored credentials; `ok: false` carries the service's answer. */
  test(
    id: string,
    input?: BodyOf<'/connected-accounts/{accountId}/test', 'post'>,
  ): Promise<ResponseOf<'/connected-accounts/{accountId}/test', 'post'>>;
}

/** Connected-account endpoints over `http`. */
export function accountsApi(http: Http): AccountsApi {
  const at = (accountId: string) => ({ params: { path: { accountId } } });
  return {
    list: () => call(http.GET('/connected-accounts')),
    get: (id) => call(http.GET('/connected-accounts/{accountId}', at(id))),
    create: (body) => call(http.POST('/connected-accounts', { body })),
    update: (id, body) => call(http.PATCH('/connected-accounts/{accountId}', { ...at(id), body })),
    remove: (id) => call(http.DELETE('/connected-accounts/{accountId}', at(id))),
    test: (id, body = {}) => call(http.POST('/connected-accounts/{accountId}/test', { ...at(id), body })),
  };
}
