import { SecretBox, parseSecretKeys } from '@pm/auth';
import { DEV_SECRET_KEYS } from '@pm/contracts';
import {
  ConnectedAccount,
  DEMO_CHECKOUT_INCIDENT_TITLE,
  Document,
  Incident,
  Postmortem,
  sealAccountCredentials,
  seedDemo,
  Template,
  User,
} from '@pm/db';
import type { JSONContent } from '@pm/doc-model';
import { createProducerConnection, JobProducer } from '@pm/queue';
import {
  cleanRedisPrefix,
  createTestDatabase,
  startFakeOpenAi,
  testConfig,
  uniqueRedisPrefix,
  waitFor,
  type FakeOpenAi,
  type TestDatabase,
} from '@pm/testing';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWorker, type RunningWorker } from '../src/bootstrap.js';
import { loadWorkerConfig } from '../src/config.js';

const TEMPLATE =
  '# {{incident.title}}\n\n## Customer impact\n\n{% ai "Summarize the customer impact" %}\n\n## Notes\n\nWritten by people.\n';

const aiBlocks = (doc: JSONContent): JSONContent[] =>
  doc.type === 'aiSuggestion' ? [doc] : (doc.content ?? []).flatMap(aiBlocks);
const textOf = (n: JSONContent): string => (n.text ?? '') + (n.content ?? []).map(textOf).join('');

describe.each(['sqlite', 'postgresql'] as const)('AI first drafts on %s', (kind) => {
  let db: TestDatabase;
  let worker: RunningWorker;
  let producer: JobProducer;
  let redis: Redis;
  let fake: FakeOpenAi;
  let templateId: string;
  const prefix = uniqueRedisPrefix('aidraft');

  beforeAll(async () => {
    fake = await startFakeOpenAi();
    db = await createTestDatabase(kind);
    await seedDemo(db.orm.em.fork());
    const em = db.orm.em.fork();
    const t = em.create(Template, { name: 'With AI', content: TEMPLATE });
    await em.flush();
    templateId = t.id;
    worker = await startWorker(
      loadWorkerConfig({
        DATABASE_URL: db.databaseUrl,
        REDIS_URL: testConfig().redisUrl,
        REDIS_PREFIX: prefix,
        WORKER_HEALTH_PORT: '0',
        SWEEP_INTERVAL_MS: '3600000',
        LOG_LEVEL: 'silent',
        OUTBOUND_ALLOW_LOOPBACK_FOR_TESTS: 'true',
      }),
    );
    redis = createProducerConnection(testConfig().redisUrl);
    await new Promise((r) => redis.once('ready', r));
    producer = new JobProducer(redis, prefix);
  });

  afterAll(async () => {
    await worker?.close();
    await producer?.close();
    if (redis) await cleanRedisPrefix(redis, `{${prefix}}`);
    redis?.disconnect();
    await db?.dispose();
    await fake?.close();
  });

  async function generate(
    incidentWhere: Record<string, unknown>,
    email = 'admin@example.com',
  ): Promise<JSONContent> {
    const em = db.orm.em.fork();
    const incident = await em.findOneOrFail(Incident, incidentWhere);
    const user = await em.findOneOrFail(User, { email });
    const pm = em.create(Postmortem, {
      incident,
      template: em.getReference(Template, templateId),
      title: 'PM',
      destination: 'notebook',
      requestedBy: user,
      owner: user,
    });
    await em.flush();
    await producer.enqueue('postmortem.generate', { postmortemId: pm.id });
    const row = () => db.orm.em.fork().findOneOrFail(Postmortem, { id: pm.id });
    await waitFor(async () => (await row()).generationState === 'ready', { timeout: 60_000 });
    const doc = await db.orm.em.fork().findOneOrFail(Document, { id: (await row()).document!.id });
    return doc.json as JSONContent;
  }

  async function configure(settings: { allowPrivate?: boolean } = {}) {
    const em = db.orm.em.fork();
    const admin = await em.findOneOrFail(User, { email: 'admin@example.com' });
    const account = em.create(ConnectedAccount, {
      name: `AI ${kind}`,
      kind: 'openai_compatible',
      publicConfig: {},
      secretSealed: '',
      createdBy: admin,
    });
    sealAccountCredentials(new SecretBox(parseSecretKeys(DEV_SECRET_KEYS)), account, {
      kind: 'openai_compatible',
      baseUrl: fake.baseUrl,
      model: fake.model,
      apiKey: fake.apiKey,
      allowedFields: ['title', 'severity', 'summary', 'timeline'],
      allowPrivate: settings.allowPrivate ?? false,
      maxTokens: 200,
      timeoutMs: 10_000,
      stream: false,
    });
    await em.flush();
  }

  it('not configured: the document is generated without an AI block and nothing is contacted', async () => {
    const doc = await generate({ title: DEMO_CHECKOUT_INCIDENT_TITLE });
    expect(aiBlocks(doc)).toEqual([]);
    expect(textOf(doc)).toContain('Written by people.');
    expect(fake.requests).toHaveLength(0);
  });

  it('configured: inserts a ready suggestion with the instruction, the fields sent and the provider', async () => {
    await configure();
    const before = fake.completions.length;
    const doc = await generate({ title: DEMO_CHECKOUT_INCIDENT_TITLE });
    const [block] = aiBlocks(doc);
    expect(block?.attrs).toMatchObject({
      instruction: 'Summarize the customer impact',
      provider: 'openai_compatible:fake-model',
      state: 'ready',
    });
    const sources = block!.attrs!['sources'] as string[];
    expect(sources).toContain('title');
    expect(sources.every((s) => ['title', 'severity', 'summary', 'timeline'].includes(s))).toBe(true);
    expect(textOf(block!)).toBe(fake.reply);
    expect(fake.completions).toHaveLength(before + 1);
    const sent = JSON.stringify(fake.completions.at(-1)!.body);
    expect(sent).toContain(DEMO_CHECKOUT_INCIDENT_TITLE);
    // Fields the admin did not allow never leave: responders' names are not in the request.
    expect(sent).not.toMatch(/Incident Commander/);
  });

  it('private incident without the allow flag: no request, the block says why', async () => {
    const before = fake.completions.length;
    const doc = await generate({ visibility: 'private' });
    const [block] = aiBlocks(doc);
    expect(block?.attrs).toMatchObject({ state: 'unavailable', sources: [] });
    expect(textOf(block!)).toMatch(/private/);
    expect(fake.completions).toHaveLength(before);
  });

  it('a provider that keeps answering 429: the document is still generated, the block says why', async () => {
    fake.next(...Array.from({ length: 4 }, () => ({ kind: 'rate-limit' as const, retryAfter: '0' })));
    const doc = await generate({ title: DEMO_CHECKOUT_INCIDENT_TITLE });
    const [block] = aiBlocks(doc);
    expect(block?.attrs).toMatchObject({ state: 'unavailable' });
    expect(textOf(block!)).toMatch(/AI draft unavailable: .*429/);
    expect(textOf(doc)).toContain('Written by people.');
  });
});
