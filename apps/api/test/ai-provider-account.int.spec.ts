import { startFakeOpenAi, type FakeOpenAi } from '@pm/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi, type Harness } from './harness.js';

describe.each(['sqlite', 'postgresql'] as const)('AI provider account on %s', (kind) => {
  let fake: FakeOpenAi;
  let h: Harness;
  let admin: string;
  let standard: string;

  beforeAll(async () => {
    fake = await startFakeOpenAi();
    h = await startApi(kind, { OUTBOUND_ALLOW_LOOPBACK_FOR_TESTS: 'true' });
    admin = await h.login('admin@example.com');
    standard = await h.login('standard@example.com');
  });
  afterAll(async () => {
    await h?.close();
    await fake?.close();
  });

  const post = (token: string, path: string, body?: object) =>
    h.http().post(path).set('authorization', `Bearer ${token}`).send(body);

  it('is admin-only, gets the minimal sending defaults, never answers the key, and tests by listing models', async () => {
    const body = {
      kind: 'openai_compatible',
      name: 'AI',
      baseUrl: `${fake.baseUrl}/`,
      model: fake.model,
      apiKey: fake.apiKey,
    };
    expect((await post(standard, '/connected-accounts', body)).status).toBe(403);
    const res = await post(admin, '/connected-accounts', body);
    expect(res.status).toBe(201);
    expect(res.body.publicConfig).toEqual({
      baseUrl: fake.baseUrl,
      model: fake.model,
      allowedFields: ['title', 'severity', 'summary', 'timeline'],
      allowPrivate: false,
      maxTokens: 600,
      timeoutMs: 30_000,
      stream: false,
    });
    expect(JSON.stringify(res.body)).not.toContain(fake.apiKey);
    const test = await post(admin, `/connected-accounts/${res.body.id as string}/test`, {});
    expect(test.body).toMatchObject({ ok: true });
    expect(fake.completions).toHaveLength(0);
    // Settings change through the usual credentials patch (the key stays as stored).
    const patched = await h
      .http()
      .patch(`/connected-accounts/${res.body.id as string}`)
      .set('authorization', `Bearer ${admin}`)
      .send({ credentials: { kind: 'openai_compatible', allowedFields: ['title'], allowPrivate: true } });
    expect(patched.status).toBe(200);
    expect(patched.body.publicConfig).toMatchObject({ allowedFields: ['title'], allowPrivate: true });
  });

  it('refuses unknown fields in the allow-list', async () => {
    const res = await post(admin, '/connected-accounts', {
      kind: 'openai_compatible',
      name: 'AI 2',
      baseUrl: fake.baseUrl,
      model: 'm',
      apiKey: 'k',
      allowedFields: ['title', 'password'],
    });
    expect(res.status).toBe(400);
  });
});
