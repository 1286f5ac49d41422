import { randomUUID } from 'node:crypto';
import { HocuspocusProvider } from '@hocuspocus/provider';
import { signCollabToken, type CollabClaims } from '@pm/auth';
import { documentNameFor } from '@pm/contracts';
import { createDocument, Document as DocumentRow, type Orm } from '@pm/db';
import { DOC_SCHEMA_VERSION, jsonToText, jsonToYState, YJS_FRAGMENT, type JSONContent } from '@pm/doc-model';
import { createTestDatabase, testConfig as serviceUrls, type TestDatabase } from '@pm/testing';
import { pino } from 'pino';
import * as Y from 'yjs';
import { loadConfig, type CollabConfig } from '../src/config.js';
import { createCollabServer, type CollabDeps, type CollabServer } from '../src/server.js';

export const SECRET = 'collab-test-secret-0123456789';
export const { redisUrl: REDIS_URL } = serviceUrls();
export const quietLogger = pino({ level: 'silent' });

/** A migrated database isolated per test file: a temp SQLite file or a random PostgreSQL schema (@pm/testing). */
export type TestDb = TestDatabase;

export const createTestDb = (kind: 'sqlite' | 'postgresql' = 'sqlite'): Promise<TestDb> =>
  createTestDatabase(kind);

export const SEED_DOC: JSONContent = {
  type: 'doc',
  content: [
    { type: 'heading', attrs: { level: 1 }, content: [{ type: 'text', text: 'Checkout outage' }] },
    { type: 'paragraph', content: [{ type: 'text', text: 'Seeded summary line' }] },
  ],
};

/** Inserts a document row the way the worker does, and returns its id and collab name. */
export async function seedDocument(
  orm: Orm,
  json: JSONContent = SEED_DOC,
): Promise<{ id: string; name: string }> {
  const em = orm.em.fork();
  const row = createDocument(em, { yState: jsonToYState(json), json, text: jsonToText(json) });
  await em.flush();
  return { id: row.id, name: documentNameFor(row.id) };
}

export async function readRow(orm: Orm, id: string): Promise<DocumentRow | null> {
  return orm.em.fork().findOne(DocumentRow, { id });
}

/** Test config: port 0, Redis off unless asked, fast stores. */
export function testConfig(db: TestDb, env: Record<string, string> = {}): CollabConfig {
  return loadConfig({
    NODE_ENV: 'test',
    COLLAB_PORT: '0',
    COLLAB_HOST: '127.0.0.1',
    DATABASE_URL: db.databaseUrl,
    COLLAB_REDIS: 'off',
    REDIS_URL,
    COLLAB_TOKEN_SECRET: SECRET,
    STORE_DEBOUNCE_MS: '50',
    STORE_MAX_DEBOUNCE_MS: '300',
    LOG_LEVEL: 'silent',
    ...env,
  });
}

export async function startServer(
  db: TestDb,
  env: Record<string, string> = {},
  deps: CollabDeps = {},
): Promise<CollabServer> {
  const collab = createCollabServer(testConfig(db, env), { orm: db.orm, logger: quietLogger, ...deps });
  await collab.start();
  return collab;
}

export async function tokenFor(
  documentId: string,
  over: Partial<CollabClaims> = {},
  ttlSeconds = 300,
): Promise<string> {
  const claims: CollabClaims = {
    sub: randomUUID(),
    name: 'Ada Lovelace',
    doc: documentId,
    ro: false,
    sv: DOC_SCHEMA_VERSION,
    ...over,
  };
  return (await signCollabToken(claims, SECRET, ttlSeconds)).token;
}

/** A provider plus what it observed: authentication result, sync, and whether any content ever arrived. */
export interface TestClient {
  provider: HocuspocusProvider;
  doc: Y.Doc;
  fragment: Y.XmlFragment;
  authFailed: string | null;
  authenticated: boolean;
  synced: boolean;
  /** Set when any remote update was applied to the local doc. */
  receivedContent: boolean;
  destroy(): void;
}

export function connect(
  url: string,
  name: string,
  token: string | null,
  options: { delay?: number; minDelay?: number; maxDelay?: number } = {},
): TestClient {
  const doc = new Y.Doc();
  const client = {
    doc,
    fragment: doc.getXmlFragment(YJS_FRAGMENT),
    authFailed: null as string | null,
    authenticated: false,
    synced: false,
    receivedContent: false,
  } as TestClient;
  doc.on('update', (_u: Uint8Array, origin: unknown) => {
    if (origin === client.provider) client.receivedContent = true;
  });
  client.provider = new HocuspocusProvider({
    url,
    name,
    document: doc,
    token,
    ...options,
    onAuthenticated: () => {
      client.authenticated = true;
    },
    onAuthenticationFailed: ({ reason }) => {
      client.authFailed = reason;
    },
    onSynced: () => {
      client.synced = true;
    },
  });
  // The provider created its own socket from `url`, so destroying it closes the socket too.
  client.destroy = () => client.provider.destroy();
  return client;
}

/** Appends a paragraph through the client's Y.Doc, as the editor would. */
export function appendParagraph(client: TestClient, text: string): void {
  client.doc.transact(() => {
    const p = new Y.XmlElement('paragraph');
    p.insert(0, [new Y.XmlText(text)]);
    client.fragment.push([p]);
  });
}

export const fragmentText = (client: TestClient): string => client.fragment.toString();

/**
 * Polls until `check` returns truthy (fails the test with `what` on timeout). The bound is at least 30 s whatever
 * the caller passes: it is a bound, not an expectation (a passing wait returns as soon as the condition holds), and
 * CI runs beside other load (a run with the load average at 100 on two cores failed a 15 s bound).
 */
export async function waitFor<T>(
  check: () => T | Promise<T>,
  what: string,
  timeoutMs = MIN_WAIT_MS,
): Promise<NonNullable<T>> {
  const deadline = Date.now() + Math.max(timeoutMs, MIN_WAIT_MS);
  for (;;) {
    const v = await check();
    if (v) return v as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

const MIN_WAIT_MS = 30_000;

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
